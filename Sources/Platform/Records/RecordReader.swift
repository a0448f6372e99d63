import Fluent
import Foundation
import SQLKit

/// Someone who reads records, as a ``RecordKind`` judges them: the caller of a request
/// (``init(actor:)``), or a colleague the server is about to notify or offer in the @mention
/// picker (``load(users:tenantID:settings:on:)``), whose roles are resolved as at their sign-in.
///
/// It carries no Vapor `Request`, so a kind's rule runs the same for a route, a job or a
/// notification.
public struct RecordReader: Sendable {
    public let userID: UUID
    public let tenantID: UUID
    public let name: String
    public let employeeID: UUID?
    public let departmentID: UUID?
    public let permissions: Set<String>
    /// Data scopes per resource, one per role that grants one (the union applies).
    public let scopes: [String: [ScopeLevel]]
    /// The user's time zone, else the company's.
    public let timeZone: TimeZone

    public init(userID: UUID, tenantID: UUID, name: String, employeeID: UUID?, departmentID: UUID?, permissions: Set<String>,
                scopes: [String: [ScopeLevel]], timeZone: TimeZone) {
        self.userID = userID
        self.tenantID = tenantID
        self.name = name
        self.employeeID = employeeID
        self.departmentID = departmentID
        self.permissions = permissions
        self.scopes = scopes
        self.timeZone = timeZone
    }

    /// The caller of a request: with exactly its permissions (an API token's are limited).
    public init(actor: RequestActor) {
        self.init(userID: actor.userID, tenantID: actor.tenantID, name: actor.name, employeeID: actor.employeeID, departmentID: actor.departmentID,
                  permissions: actor.permissions, scopes: actor.scopes, timeZone: actor.timeZone)
    }

    /// Whether the reader holds `permission`.
    public func holds(_ permission: Permission) -> Bool {
        permission == .anonymous || permission == .authenticated || permissions.contains(permission.key)
    }

    /// The reader's scope on `resource` (e.g. `sales.order`): the union of their roles' grants;
    /// no grant at all means own records only (``RecordScope/granted(_:tenantID:userID:employeeID:departmentID:on:)``).
    public func scope(_ resource: String, on db: any Database) async throws -> RecordScope {
        try await RecordScope.granted(scopes[resource] ?? [], tenantID: tenantID, userID: userID, employeeID: employeeID,
                                      departmentID: departmentID, on: db)
    }

    /// The active users `users` of company `tenantID` as readers, with the permissions and data
    /// scopes their roles give them now (and every personal permission, as a signed-in session
    /// has). Unknown, inactive and other companies' users are left out.
    public static func load(users: [UUID], tenantID: UUID, settings: AfieldSettings, on db: any Database) async throws -> [UUID: RecordReader] {
        guard !users.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        let ids: [any Encodable & Sendable] = Array(Set(users))
        let rows = try await sql.raw("""
            SELECT u.id AS user_id, u.name AS user_name, u.time_zone AS user_time_zone, ur.role_id, t.time_zone, t.roles_revision,
                   e.id AS employee_id, e.department_id AS department_id
            FROM users u
            JOIN tenants t ON t.id = u.tenant_id
            LEFT JOIN employees e ON e.user_id = u.id AND e.tenant_id = t.id
            LEFT JOIN user_roles ur ON ur.user_id = u.id
            WHERE u.tenant_id = \(bind: tenantID) AND u.active = \(bind: true) AND u.id IN (\(binds: ids))
            """).all()
        guard let first = rows.first else { return [:] }
        let roles = try await settings.roleCache.roles(tenantID: tenantID, revision: try first.decode(column: "roles_revision", as: Int.self),
                                                       declared: settings.permissions, resources: settings.scopedResources, on: db)
        let companyZone = TimeZone(identifier: try first.decode(column: "time_zone", as: String.self)) ?? .gmt
        var grouped: [UUID: [any SQLRow]] = [:]
        for row in rows { grouped[try row.decode(column: "user_id", as: UUID.self), default: []].append(row) }
        var readers: [UUID: RecordReader] = [:]
        for (user, rows) in grouped {
            let held = try rows.compactMap { try $0.decode(column: "role_id", as: UUID?.self) }.compactMap { roles[$0] }
            var permissions = Set(settings.personalPermissions.map(\.key))
            var scopes: [String: [ScopeLevel]] = [:]
            for role in held {
                permissions.formUnion(role.permissions)
                for resource in settings.scopedResources { scopes[resource, default: []].append(role.scopes[resource] ?? .own) }
            }
            let row = rows[0]
            readers[user] = RecordReader(
                userID: user, tenantID: tenantID, name: try row.decode(column: "user_name", as: String.self),
                employeeID: try row.decode(column: "employee_id", as: UUID?.self), departmentID: try row.decode(column: "department_id", as: UUID?.self),
                permissions: permissions, scopes: scopes,
                timeZone: try row.decode(column: "user_time_zone", as: String?.self).flatMap(TimeZone.init(identifier:)) ?? companyZone)
        }
        return readers
    }
}
