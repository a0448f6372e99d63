import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// "My work" (我的任务) (issue 13 point 2): the caller's open tasks by when they are due, judged
/// in the caller's time zone by the injected clock, and those they created for others or follow.
struct MyWork: Sendable {
    let context: ServiceContext

    static let sectionLimit = 100

    func load() async throws -> MyWorkDTO {
        try context.require(ProjectsModule.work)
        let now = context.now()
        let today = context.today()
        let weekday = TaskRecurrence.isoWeekday(today) ?? 1
        let sunday = CalendarDay.adding(7 - weekday, to: today) ?? today
        let employee = context.actor.employeeID ?? UUID()
        let open: [SQLQueryString] = ["t.tenant_id = \(bind: context.tenantID)", "t.status_category IN ('not_started', 'in_progress')"]
        let mine: SQLQueryString = "t.assignee_id = \(bind: employee)"
        let overdue = try await section(open + [mine, "t.due_at < \(bind: now)"])
        let dueToday = try await section(open + [mine, "t.due_day = \(bind: today)", "t.due_at >= \(bind: now)"])
        let week = try await section(open + [mine, "t.due_day > \(bind: today)", "t.due_day <= \(bind: sunday)"])
        let later = try await section(open + [mine, "(t.due_day > \(bind: sunday) OR t.due_at IS NULL)"])
        let created = try await section(open + ["t.created_by = \(bind: context.actor.userID)", "(t.assignee_id IS NULL OR t.assignee_id <> \(bind: employee))"])
        let following = try await section(open + ["EXISTS (SELECT 1 FROM proj_task_collaborators c WHERE c.task_id = t.id AND c.employee_id = \(bind: employee))"])
        return MyWorkDTO(today: today, overdue: overdue, dueToday: dueToday, week: week, later: later, created: created, following: following)
    }

    private func section(_ conditions: [SQLQueryString]) async throws -> MyWorkDTO.Section {
        let sql = context.database as! any SQLDatabase
        let condition = conditions.joined(separator: " AND ")
        let count = try await sql.raw("SELECT COUNT(*) AS n FROM proj_tasks t WHERE " + condition).first()?.decode(column: "n", as: Int.self) ?? 0
        guard count > 0 else { return .init(count: 0, tasks: []) }
        let ids = try await sql.raw("""
            SELECT t.id FROM proj_tasks t WHERE \(condition)
            ORDER BY CASE WHEN t.due_at IS NULL THEN 1 ELSE 0 END, t.due_at, t.title, t.id LIMIT \(unsafeRaw: String(Self.sectionLimit))
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
        let rows = try await ProjectTask.query(on: context.database).filter(\.$id ~~ ids).all()
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        let cards = try await TaskRead.cards(rows.sorted { order[$0.id!, default: 0] < order[$1.id!, default: 0] }, tenantID: context.tenantID,
                                             now: context.now(), db: context.database)
        return .init(count: count, tasks: cards)
    }
}
