import Fluent

/// `platform.0005_departments`: the department tree.
struct CreateDepartments: AsyncMigration {
    var name: String { "platform.0005_departments" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Department.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("parent_id", .uuid, .references(Department.schema, .id))
            .field("head_id", .uuid, .references(Employee.schema, .id))
            .field("archived", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "code")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema(Department.schema).delete() }
}
