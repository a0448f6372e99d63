import Fluent
import SQLKit

/// `org.0001_positions`: positions, with names (and codes) unique per company among the ones
/// that are not archived — enforced by partial unique indexes as well as by the API's checks.
struct CreatePositions: AsyncMigration {
    var name: String { "org.0001_positions" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Position.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("name", .string, .required)
            .field("code", .string)
            .field("archived", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE UNIQUE INDEX positions_active_name ON positions (tenant_id, lower(name)) WHERE archived = false").run()
        try await sql.raw("CREATE UNIQUE INDEX positions_active_code ON positions (tenant_id, lower(code)) WHERE archived = false AND code IS NOT NULL")
            .run()
    }

    func revert(on database: any Database) async throws { try await database.schema(Position.schema).delete() }
}

/// `org.0002_sites`: branches and sites with an exact-decimal position and a time zone.
struct CreateSites: AsyncMigration {
    var name: String { "org.0002_sites" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Site.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("name", .string, .required)
            .field("address", .string)
            .field("latitude", .string)
            .field("longitude", .string)
            .field("time_zone", .string, .required)
            .field("archived", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE UNIQUE INDEX sites_active_name ON sites (tenant_id, lower(name)) WHERE archived = false").run()
    }

    func revert(on database: any Database) async throws { try await database.schema(Site.schema).delete() }
}

/// `org.0003_employee_position_site`: an employee's position and site.
struct AddEmployeePositionAndSite: AsyncMigration {
    var name: String { "org.0003_employee_position_site" }

    func prepare(on database: any Database) async throws {
        // One column per ALTER TABLE, as SQLite needs.
        try await database.schema(Employee.schema).field("position_id", .uuid, .references(Position.schema, .id)).update()
        try await database.schema(Employee.schema).field("site_id", .uuid, .references(Site.schema, .id)).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Employee.schema).deleteField("site_id").update()
        try await database.schema(Employee.schema).deleteField("position_id").update()
    }
}
