import Fluent
import Foundation
import Platform

/// Finish-to-start dependencies between tasks (issue 13 point 1): checked for loops when set,
/// and under a project's `strict` rule, for order — a task may not start (status in progress or
/// done) before its predecessors are done, nor be scheduled to start before they are due.
enum TaskDependencies {
    /// - Throws: 422 `dependsOnIds` `projects.task.depends_on_itself`, `projects.task.dependency_loop`
    ///   (params `title`: a task on the loop), `projects.task.dependency_other_project`; 404 a
    ///   predecessor the caller cannot see.
    static func check(task: ProjectTask, predecessors ids: [UUID], access: TaskAccess, db: any Database) async throws {
        guard !ids.isEmpty else { return }
        let taskID = try task.requireID()
        if ids.contains(taskID) { throw DomainError.invalid([.init("dependsOnIds", "projects.task.depends_on_itself")]) }
        let visible = try await access.visibleIDs(ids)
        let rows = try await ProjectTask.query(on: db).filter(\.$tenantID == task.tenantID).filter(\.$id ~~ ids).all()
        var problems: [DomainError.Field] = []
        for (index, id) in ids.enumerated() {
            guard visible.contains(id), let row = rows.first(where: { $0.id == id }) else {
                problems.append(.init("dependsOnIds[\(index)]", "projects.task.unknown_task"))
                continue
            }
            if row.projectID != task.projectID { problems.append(.init("dependsOnIds[\(index)]", "projects.task.dependency_other_project", params: ["title": row.title])) }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        // A loop: walking predecessors from the new ones reaches the task itself.
        var seen: Set<UUID> = []
        var frontier = Set(ids)
        while !frontier.isEmpty {
            if frontier.contains(taskID) {
                throw DomainError.invalid([.init("dependsOnIds", "projects.task.dependency_loop", params: ["title": task.title])])
            }
            seen.formUnion(frontier)
            let next = try await TaskDependency.query(on: db).filter(\.$taskID ~~ Array(frontier)).all().map(\.predecessorID)
            frontier = Set(next).subtracting(seen)
        }
    }

    /// Under the strict rule: the open predecessors that keep `task` from starting.
    static func openPredecessors(of taskID: UUID, db: any Database) async throws -> [ProjectTask] {
        let ids = try await TaskDependency.query(on: db).filter(\.$taskID == taskID).all().map(\.predecessorID)
        guard !ids.isEmpty else { return [] }
        return try await ProjectTask.query(on: db).filter(\.$id ~~ ids).all().filter { $0.statusCategory != TaskCategory.done && $0.statusCategory != TaskCategory.cancelled }
            .sorted { $0.title < $1.title }
    }

    /// Under the strict rule, the scheduling problems of `task` (its start or due as they will be):
    /// it starts before a predecessor is due, or a successor starts before it is due.
    static func scheduleProblems(task: ProjectTask, predecessors: [UUID], db: any Database) async throws -> [DomainError.Field] {
        var problems: [DomainError.Field] = []
        let taskID = try task.requireID()
        if let start = task.startsAt ?? task.dueAt, !predecessors.isEmpty {
            let rows = try await ProjectTask.query(on: db).filter(\.$id ~~ predecessors).all()
            for row in rows.sorted(by: { $0.title < $1.title }) where row.statusCategory != TaskCategory.cancelled {
                if let end = row.dueAt, start < end {
                    problems.append(.init(task.startsAt != nil ? "startsAt" : "dueAt", "projects.task.starts_before_predecessor", params: ["title": row.title]))
                }
            }
        }
        if let end = task.dueAt {
            let successorIDs = try await TaskDependency.query(on: db).filter(\.$predecessorID == taskID).all().map(\.taskID)
            if !successorIDs.isEmpty {
                for row in try await ProjectTask.query(on: db).filter(\.$id ~~ successorIDs).all().sorted(by: { $0.title < $1.title })
                where row.statusCategory != TaskCategory.cancelled {
                    if let start = row.startsAt ?? row.dueAt, start < end {
                        problems.append(.init("dueAt", "projects.task.due_after_successor", params: ["title": row.title]))
                    }
                }
            }
        }
        return problems
    }
}
