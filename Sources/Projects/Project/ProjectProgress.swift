import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Progress rolled up from a project's tasks (issue 13 point 4): every task of the project,
/// subtasks included, cancelled ones left out; by count (done ÷ all) and by estimated hours
/// (estimate of done tasks ÷ all estimates), whole percent rounded half up.
enum ProjectProgress {
    struct Figures: Sendable {
        var tasks = 0, done = 0, inProgress = 0, overdue = 0
        var estimated = 0, doneEstimated = 0, spent = 0

        var dto: ProjectProgressDTO {
            ProjectProgressDTO(tasks: tasks, done: done, inProgress: inProgress, overdue: overdue, estimatedHours: Hours.text(estimated),
                               doneHours: Hours.text(doneEstimated), spentHours: Hours.text(spent),
                               percentByCount: ProjectProgress.percent(done, of: tasks) ?? 0,
                               percentByHours: ProjectProgress.percent(doneEstimated, of: estimated))
        }
    }

    /// `part` ÷ `whole` in whole percent, half up; nil when `whole` is 0.
    static func percent(_ part: Int, of whole: Int) -> Int? {
        guard whole > 0 else { return nil }
        return (part * 200 + whole) / (2 * whole)
    }

    /// The figures of each of `projectIDs` at `now`.
    static func figures(_ projectIDs: [UUID], now: Date, db: any Database) async throws -> [UUID: Figures] {
        guard !projectIDs.isEmpty else { return [:] }
        let sql = db as! any SQLDatabase
        let ids: [any Encodable & Sendable] = projectIDs
        // SUM of a BIGINT is NUMERIC on PostgreSQL: cast back so that both databases answer integers.
        let rows = try await sql.raw("""
            SELECT project_id,
                   COUNT(*) AS tasks,
                   CAST(SUM(CASE WHEN status_category = 'done' THEN 1 ELSE 0 END) AS BIGINT) AS done,
                   CAST(SUM(CASE WHEN status_category = 'in_progress' THEN 1 ELSE 0 END) AS BIGINT) AS in_progress,
                   CAST(SUM(CASE WHEN status_category IN ('not_started', 'in_progress') AND due_at < \(bind: now) THEN 1 ELSE 0 END) AS BIGINT) AS overdue,
                   CAST(SUM(COALESCE(estimated_ch, 0)) AS BIGINT) AS estimated,
                   CAST(SUM(CASE WHEN status_category = 'done' THEN COALESCE(estimated_ch, 0) ELSE 0 END) AS BIGINT) AS done_estimated,
                   CAST(SUM(spent_ch) AS BIGINT) AS spent
            FROM proj_tasks WHERE project_id IN (\(binds: ids)) AND status_category <> 'cancelled'
            GROUP BY project_id
            """).all()
        var result: [UUID: Figures] = [:]
        for row in rows {
            let id = try row.decode(column: "project_id", as: UUID.self)
            func int(_ column: String) throws -> Int { try row.decode(column: column, as: Int?.self) ?? 0 }
            result[id] = Figures(tasks: try int("tasks"), done: try int("done"), inProgress: try int("in_progress"), overdue: try int("overdue"),
                                 estimated: try int("estimated"), doneEstimated: try int("done_estimated"), spent: try int("spent"))
        }
        return result
    }

    /// Tasks and done tasks per milestone of the projects.
    static func milestoneCounts(_ projectIDs: [UUID], db: any Database) async throws -> [UUID: (tasks: Int, done: Int)] {
        guard !projectIDs.isEmpty else { return [:] }
        let ids: [any Encodable & Sendable] = projectIDs
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT milestone_id, COUNT(*) AS tasks, CAST(SUM(CASE WHEN status_category = 'done' THEN 1 ELSE 0 END) AS BIGINT) AS done
            FROM proj_tasks WHERE project_id IN (\(binds: ids)) AND milestone_id IS NOT NULL AND status_category <> 'cancelled'
            GROUP BY milestone_id
            """).all()
        var result: [UUID: (tasks: Int, done: Int)] = [:]
        for row in rows {
            result[try row.decode(column: "milestone_id", as: UUID.self)] = (try row.decode(column: "tasks", as: Int.self), try row.decode(column: "done", as: Int?.self) ?? 0)
        }
        return result
    }

    /// The milestone's state on `today`.
    static func state(_ milestone: Milestone, today: String) -> String {
        if milestone.doneOn != nil { return "done" }
        return milestone.dueOn < today ? "late" : "open"
    }

    /// A project's health on `today` (``ProjectDTO/health``): `late` when a milestone is late or
    /// the open project is past its end; `at_risk` when an open milestone is due within 7 days
    /// with under half its tasks done; else `on_track`. A closed project is `on_track`.
    static func health(_ project: Project, milestones: [Milestone], counts: [UUID: (tasks: Int, done: Int)], today: String) -> String {
        guard project.isOpen else { return "on_track" }
        if project.endsOn < today || milestones.contains(where: { state($0, today: today) == "late" }) { return "late" }
        let soon = CalendarDay.adding(7, to: today) ?? today
        for milestone in milestones where milestone.doneOn == nil && milestone.dueOn <= soon {
            if let count = counts[milestone.id!], count.tasks > 0, count.done * 2 < count.tasks { return "at_risk" }
        }
        return "on_track"
    }
}
