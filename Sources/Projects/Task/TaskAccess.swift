import Fluent
import Foundation
import Platform
import SQLKit

/// Who sees and who edits a task (issue 13 point 8). A task is seen by its assignee, its creator
/// and its collaborators; by whoever sees its project (``ProjectAccess``); and by whoever's
/// `projects.project` data scope holds the assignee's department. It is edited by its assignee,
/// creator and collaborators, the project's members other than viewers, and whoever manages the
/// project (or, for a task without one, holds `projects.project.manage` with it in scope).
struct TaskAccess: Sendable {
    let context: ServiceContext

    /// "The caller sees task `alias`" as SQL; nil when they see every task.
    static func condition(alias: String, scope: RecordScope) -> SQLQueryString? {
        guard let base = scope.condition(table: alias, department: "department_id", employee: "assignee_id", createdBy: "created_by") else { return nil }
        var parts: [SQLQueryString] = [base]
        if let employeeID = scope.employeeID {
            parts.append("EXISTS (SELECT 1 FROM proj_task_collaborators tc WHERE tc.task_id = \(ident: alias).id AND tc.employee_id = \(bind: employeeID))")
        }
        if let projects = ProjectAccess.condition(alias: "vp", scope: scope) {
            parts.append("\(ident: alias).project_id IN (SELECT vp.id FROM proj_projects vp WHERE " + projects + ")")
        }
        return "(" + parts.joined(separator: " OR ") + ")"
    }

    /// The task `id` if the caller may see it.
    /// - Throws: 404 `not_found` (`task`) otherwise, also for another company's.
    func visible(_ id: UUID) async throws -> ProjectTask {
        guard let task = try await ProjectTask.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id).first(),
              try await visibleIDs([id]).contains(id)
        else { throw DomainError.notFound("task") }
        return task
    }

    /// Of `ids`, the tasks the caller may see.
    func visibleIDs(_ ids: [UUID]) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let scope = try await context.recordScope(ProjectsModule.projectResource)
        let sql = context.database as! any SQLDatabase
        var visible: Set<UUID> = []
        // Chunks keep the bound parameters under SQLite's limit for a large feed page.
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            var query = sql.select().column("id").from(ProjectTask.schema).where("tenant_id", .equal, context.tenantID).where("id", .in, chunk)
            if let condition = Self.condition(alias: ProjectTask.schema, scope: scope) { query = query.where(condition) }
            for row in try await query.all() { visible.insert(try row.decode(column: "id", as: UUID.self)) }
        }
        return visible
    }

    /// Whether the caller may change `task`.
    func canEdit(_ task: ProjectTask) async throws -> Bool {
        let employeeID = context.actor.employeeID
        if let employeeID, task.assigneeID == employeeID || task.creatorID == employeeID { return true }
        if task.createdBy == context.actor.userID { return true }
        if let employeeID, try await TaskCollaborator.query(on: context.database).filter(\.$taskID == task.requireID())
            .filter(\.$employeeID == employeeID).first() != nil { return true }
        if let projectID = task.projectID, let project = try await Project.find(projectID, on: context.database) {
            let access = ProjectAccess(context: context)
            let role = try await access.role(in: project)
            if role == "manager" || role == "member" { return true }
            return try await access.canManage(project, role: role)
        }
        guard context.actor.holds(ProjectsModule.projectManage) else { return false }
        return try await context.recordScope(ProjectsModule.projectResource).contains(department: task.departmentID, employee: task.assigneeID, createdBy: nil)
    }

    /// The task `id` if the caller may change it.
    /// - Throws: 404 when they cannot see it; 403 `projects.task.read_only` when they only see it.
    func editable(_ id: UUID) async throws -> ProjectTask {
        let task = try await visible(id)
        guard try await canEdit(task) else { throw DomainError(status: 403, code: "projects.task.read_only") }
        return task
    }
}
