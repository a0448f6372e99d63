import Fluent
import Foundation
import SQLKit

/// `platform.0009_roles`: company roles (built-in rows plus custom roles), users holding
/// several roles, and a per-company revision the role cache checks on each request.
/// Existing users keep the role they had.
struct CreateRoles: AsyncMigration {
    var name: String { "platform.0009_roles" }

    func prepare(on database: any Database) async throws {
        try await database.schema(TenantRole.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("key", .string, .required)
            .field("name", .string)
            .field("description", .string)
            .field("built_in", .bool, .required)
            .field("permissions", .string)
            .field("scopes", .string)
            .field("require_two_factor", .bool, .required)
            .field("archived", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "key")
            .create()
        try await database.schema(UserRole.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("role_id", .uuid, .required, .references(TenantRole.schema, .id))
            .unique(on: "user_id", "role_id")
            .create()
        try await database.schema(Tenant.schema).field("roles_revision", .int, .required, .sql(.default(0))).update()

        guard let sql = database as? any SQLDatabase else { return }
        let tenants = try await sql.raw("SELECT id FROM tenants").all().map { try $0.decode(column: "id", as: UUID.self) }
        for tenant in tenants {
            let roles = try await RoleSeeding.seedBuiltInRoles(tenantID: tenant, on: database)
            let users = try await sql.raw("SELECT id, role FROM users WHERE tenant_id = \(bind: tenant)").all()
            for row in users {
                let key = try row.decode(column: "role", as: String.self)
                guard let role = roles[key] ?? roles[BuiltInRole.employee.key] else { continue }
                try await UserRole(tenantID: tenant, userID: try row.decode(column: "id", as: UUID.self), roleID: role).create(on: database)
            }
        }
        try await database.schema(User.schema).deleteField("role").update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).field("role", .string, .required, .sql(.default("employee"))).update()
        try await database.schema(Tenant.schema).deleteField("roles_revision").update()
        try await database.schema(UserRole.schema).delete()
        try await database.schema(TenantRole.schema).delete()
    }
}

/// Creating a company's built-in role rows.
public enum RoleSeeding {
    /// Adds the rows of every built-in role the company lacks; returns role ids by key.
    @discardableResult
    public static func seedBuiltInRoles(tenantID: UUID, on db: any Database) async throws -> [String: UUID] {
        var ids: [String: UUID] = [:]
        for existing in try await TenantRole.query(on: db).filter(\.$tenantID == tenantID).all() { ids[existing.key] = existing.id }
        for role in BuiltInRole.all where ids[role.key] == nil {
            let row = TenantRole(tenantID: tenantID, key: role.key, name: nil, builtIn: true)
            try await row.create(on: db)
            ids[role.key] = row.id
        }
        return ids
    }
}
