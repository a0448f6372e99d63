import Fluent
import SQLKit

/// `platform.0002_audit`: the audit log and each tenant's chain head.
struct CreateAuditLog: AsyncMigration {
    var name: String { "platform.0002_audit" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("seq", .int64, .required)
            .field("at", .string, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("on_behalf_of", .uuid)
            .field("entity", .string, .required)
            .field("entity_id", .uuid)
            .field("action", .string, .required)
            .field("changes", .string, .required)
            .field("source", .string, .required)
            .field("ip", .string)
            .field("user_agent", .string)
            .field("request_id", .string)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "tenant_id", "seq")
            .create()
        try await database.schema("audit_heads")
            .field("tenant_id", .uuid, .identifier(auto: false), .references(Tenant.schema, .id))
            .field("seq", .int64, .required)
            .field("hash", .string, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX audit_entries_record ON audit_entries (tenant_id, entity, entity_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_heads").delete()
        try await database.schema(AuditEntry.schema).delete()
    }
}
