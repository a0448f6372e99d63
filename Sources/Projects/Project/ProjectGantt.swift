import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// The Gantt chart's data of a project (issue 13 point 4): one query for the bars and one for the
/// dependencies, days in the company's time zone.
struct ProjectGantt: Sendable {
    let context: ServiceContext

    /// Most bars answered; a larger project is cut there (in plan order).
    static let maximumBars = 5_000

    func load(_ projectID: UUID) async throws -> GanttDTO {
        try context.require(ProjectsModule.work)
        let access = ProjectAccess(context: context)
        let project = try await access.visible(projectID)
        let db = context.database
        let sql = db as! any SQLDatabase
        let zone = context.actor.tenant.timeZone
        let rows = try await sql.raw("""
            SELECT id, title, parent_id, phase_id, milestone_id, starts_at, due_at, status_category, assignee_id, checklist_done, checklist_total, version
            FROM proj_tasks WHERE project_id = \(bind: projectID) AND status_category <> 'cancelled'
            ORDER BY CASE WHEN starts_at IS NULL AND due_at IS NULL THEN 1 ELSE 0 END, COALESCE(starts_at, due_at), title, id
            LIMIT \(unsafeRaw: String(Self.maximumBars))
            """).all()
        struct Row: Decodable {
            let id: UUID, title: String, parent_id: UUID?, phase_id: UUID?, milestone_id: UUID?, starts_at: Date?, due_at: Date?
            let status_category: String, assignee_id: UUID?, checklist_done: Int, checklist_total: Int, version: Int
        }
        let decoded = try rows.map { try $0.decode(model: Row.self, keyDecodingStrategy: .useDefaultKeys) }
        let names = try await EmployeeDirectory(db: db).names(Set(decoded.compactMap(\.assignee_id)), tenantID: context.tenantID)
        let bars = decoded.map { row -> GanttDTO.Bar in
            let start = (row.starts_at ?? row.due_at).map { CalendarDay.string(for: $0, in: zone) }
            let end = (row.due_at ?? row.starts_at).map { CalendarDay.string(for: $0, in: zone) }
            let percent = row.status_category == TaskCategory.done ? 100 : (ProjectProgress.percent(row.checklist_done, of: row.checklist_total) ?? 0)
            return GanttDTO.Bar(id: row.id, title: row.title, parentId: row.parent_id, phaseId: row.phase_id, milestoneId: row.milestone_id,
                                startsOn: start, endsOn: end, startsAt: row.starts_at, dueAt: row.due_at, statusCategory: row.status_category,
                                assigneeName: row.assignee_id.flatMap { names[$0] }, percent: percent, version: row.version)
        }
        let links = try await sql.raw("""
            SELECT d.predecessor_id, d.task_id FROM proj_task_dependencies d JOIN proj_tasks t ON t.id = d.task_id
            WHERE t.project_id = \(bind: projectID) AND t.status_category <> 'cancelled'
            """).all().map { GanttDTO.Link(from: try $0.decode(column: "predecessor_id", as: UUID.self), to: try $0.decode(column: "task_id", as: UUID.self)) }
        let shown = Set(bars.map(\.id))
        let milestones = try await Milestone.query(on: db).filter(\.$projectID == projectID).sort(\.$dueOn).all()
        let counts = try await ProjectProgress.milestoneCounts([projectID], db: db)
        let owners = try await EmployeeDirectory(db: db).names(Set(milestones.compactMap(\.ownerID)), tenantID: context.tenantID)
        let today = context.actor.tenant.today(now: context.now())
        let phases = try await ProjectPhase.query(on: db).filter(\.$projectID == projectID).sort(\.$position).all()
        let role = try await access.role(in: project)
        return GanttDTO(projectId: projectID, startsOn: project.startsOn, endsOn: project.endsOn, today: today, dependencyRule: project.dependencyRule,
                        canManage: try await access.canManage(project, role: role) || role == "member",
                        bars: bars, milestones: milestones.map { ProjectRead.milestone($0, names: owners, counts: counts, today: today) },
                        phases: phases.map(ProjectRead.phase), links: links.filter { shown.contains($0.from) && shown.contains($0.to) })
    }
}
