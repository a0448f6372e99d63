import Fluent
import Foundation
import Platform
import SQLKit

/// Who sees and who manages a project (issue 13 point 8): its members (and its manager and
/// creator) see it; beyond them, whoever's `projects.project` data scope holds its department
/// (a department manager sees their department's projects). The project's manager, its members
/// with role `manager`, and holders of `projects.project.manage` whose scope holds it manage it.
struct ProjectAccess: Sendable {
    let context: ServiceContext

    /// The caller's scope on projects.
    func scope() async throws -> RecordScope { try await context.recordScope(ProjectsModule.projectResource) }

    /// "The caller sees project `alias`" as SQL; nil when they see every project.
    static func condition(alias: String, scope: RecordScope) -> SQLQueryString? {
        guard let base = scope.condition(table: alias, department: "department_id", employee: "manager_id", createdBy: "created_by") else { return nil }
        guard let employeeID = scope.employeeID else { return base }
        return "(" + base + " OR EXISTS (SELECT 1 FROM proj_members pm WHERE pm.project_id = \(ident: alias).id AND pm.employee_id = \(bind: employeeID)))"
    }

    /// The project `id` if the caller may see it.
    /// - Throws: 404 `not_found` (`project`) otherwise, also for another company's.
    func visible(_ id: UUID) async throws -> Project {
        guard let project = try await Project.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id).first(),
              try await visibleIDs([id]).contains(id)
        else { throw DomainError.notFound("project") }
        return project
    }

    /// Of `ids`, the projects the caller may see.
    func visibleIDs(_ ids: [UUID]) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let scope = try await scope()
        let sql = context.database as! any SQLDatabase
        var query = sql.select().column("id").from(Project.schema).where("tenant_id", .equal, context.tenantID).where("id", .in, ids)
        if let condition = Self.condition(alias: Project.schema, scope: scope) { query = query.where(condition) }
        return Set(try await query.all().map { try $0.decode(column: "id", as: UUID.self) })
    }

    /// The caller's role in `project` (`manager` for its manager), nil when no member.
    func role(in project: Project) async throws -> String? {
        guard let employeeID = context.actor.employeeID else { return nil }
        if project.managerID == employeeID { return "manager" }
        return try await ProjectMember.query(on: context.database).filter(\.$projectID == project.requireID()).filter(\.$employeeID == employeeID).first()?.role
    }

    /// Whether the caller may change `project`'s plan (fields, members, phases, milestones).
    func canManage(_ project: Project, role: String?) async throws -> Bool {
        if role == "manager" { return true }
        guard context.actor.holds(ProjectsModule.projectManage) else { return false }
        return try await scope().contains(department: project.departmentID, employee: project.managerID, createdBy: project.createdBy)
    }

    /// - Throws: 403 `projects.project.not_manager` unless the caller manages `project`.
    func requireManage(_ project: Project) async throws {
        guard try await canManage(project, role: try await role(in: project)) else {
            throw DomainError(status: 403, code: "projects.project.not_manager", params: ["name": project.name])
        }
    }
}
