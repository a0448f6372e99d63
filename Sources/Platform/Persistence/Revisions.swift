import Fluent
import Foundation
import SQLKit

/// Per-tenant change counters (`sales`, `partners`, …): a writer bumps its key in the same
/// transaction as its change; a reader compares the counter to decide whether a cached result
/// is still current. Lives in the database, so it holds across several server processes.
public enum Revisions {
    /// Adds 1 to `key` for the tenant. Call inside the write transaction of the change.
    public static func bump(_ key: String, tenantID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("""
            INSERT INTO tenant_revisions (tenant_id, key, value) VALUES (\(bind: tenantID), \(bind: key), 1)
            ON CONFLICT (tenant_id, key) DO UPDATE SET value = tenant_revisions.value + 1
            """).run()
    }

    /// The current counter of `key` (0 before the first change).
    public static func current(_ key: String, tenantID: UUID, on db: any Database) async throws -> Int64 {
        guard let sql = db as? any SQLDatabase else { return 0 }
        let row = try await sql.raw("SELECT value FROM tenant_revisions WHERE tenant_id = \(bind: tenantID) AND key = \(bind: key)").first()
        return try row?.decode(column: "value", as: Int64.self) ?? 0
    }
}

/// `platform.0003_revisions`: the counters of ``Revisions``.
struct CreateRevisions: AsyncMigration {
    var name: String { "platform.0003_revisions" }

    func prepare(on database: any Database) async throws {
        try await database.schema("tenant_revisions")
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("key", .string, .required)
            .field("value", .int64, .required)
            .compositeIdentifier(over: "tenant_id", "key")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("tenant_revisions").delete() }
}
