import Fluent

/// `platform.0001_identity`: tenants, users, sessions, employees, document sequences.
struct CreateIdentity: AsyncMigration {
    var name: String { "platform.0001_identity" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Tenant.schema)
            .id()
            .field("slug", .string, .required).unique(on: "slug")
            .field("name", .string, .required)
            .field("currency", .string, .required)
            .field("time_zone", .string, .required)
            .field("locale", .string, .required)
            .field("rounding", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .create()
        try await database.schema(User.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("email", .string, .required).unique(on: "email")
            .field("name", .string, .required)
            .field("password_hash", .string, .required)
            .field("locale", .string)
            .field("role", .string, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .create()
        try await database.schema(UserSession.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("token_hash", .string, .required).unique(on: "token_hash")
            .field("kind", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("revoked_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.schema(Employee.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("user_id", .uuid, .references(User.schema, .id))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("title", .string)
            .field("hire_date", .string)
            .field("manager_id", .uuid, .references(Employee.schema, .id))
            .field("department_id", .uuid)
            .field("archived", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "code")
            .create()
        try await database.schema(DocumentSequence.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("key", .string, .required)
            .field("next_value", .int64, .required)
            .unique(on: "tenant_id", "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [DocumentSequence.schema, Employee.schema, UserSession.schema, User.schema, Tenant.schema] {
            try await database.schema(schema).delete()
        }
    }
}
