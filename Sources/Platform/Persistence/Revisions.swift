import Fluent
import Foundation
import SQLKit

/// Per-tenant change counters (`sales`, `partners`, …): a writer bumps its key in the same
/// transaction as its change; a reader compares the counter to decide whether a cached result
/// is still current. Lives in the database, so it holds across several server processes.
///
/// A counter is kept in ``stripes`` rows that only ever grow, and read as their sum: a writer
/// bumps one row picked at random, so on PostgreSQL concurrent writers of a company rarely wait
/// for each other's row lock until commit (issue 9 point 7), and the sum still grows with every
/// committed change.
public enum Revisions {
    /// Rows per counter.
    public static let stripes = 16

    /// Adds 1 to `key` for the tenant. Call inside the write transaction of the change.
    public static func bump(_ key: String, tenantID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let stripe = Int.random(in: 0..<stripes)
        try await sql.raw("""
            INSERT INTO tenant_revisions (tenant_id, key, stripe, value) VALUES (\(bind: tenantID), \(bind: key), \(bind: stripe), 1)
            ON CONFLICT (tenant_id, key, stripe) DO UPDATE SET value = tenant_revisions.value + 1
            """).run()
    }

    /// The current counter of `key` (0 before the first change).
    public static func current(_ key: String, tenantID: UUID, on db: any Database) async throws -> Int64 {
        guard let sql = db as? any SQLDatabase else { return 0 }
        let row = try await sql.raw("""
            SELECT CAST(COALESCE(SUM(value), 0) AS BIGINT) AS value FROM tenant_revisions
            WHERE tenant_id = \(bind: tenantID) AND key = \(bind: key)
            """).first()
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

/// `platform.0021_revision_stripes`: each counter of ``Revisions`` in ``Revisions/stripes`` rows
/// (the old value becomes stripe 0).
struct StripeRevisions: AsyncMigration {
    var name: String { "platform.0021_revision_stripes" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await database.schema("tenant_revisions_striped")
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("key", .string, .required)
            .field("stripe", .int, .required)
            .field("value", .int64, .required)
            .compositeIdentifier(over: "tenant_id", "key", "stripe")
            .create()
        try await sql.raw("INSERT INTO tenant_revisions_striped (tenant_id, key, stripe, value) SELECT tenant_id, key, 0, value FROM tenant_revisions").run()
        try await sql.raw("DROP TABLE tenant_revisions").run()
        try await sql.raw("ALTER TABLE tenant_revisions_striped RENAME TO tenant_revisions").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await database.schema("tenant_revisions_single")
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("key", .string, .required)
            .field("value", .int64, .required)
            .compositeIdentifier(over: "tenant_id", "key")
            .create()
        try await sql.raw("INSERT INTO tenant_revisions_single (tenant_id, key, value) SELECT tenant_id, key, SUM(value) FROM tenant_revisions GROUP BY tenant_id, key").run()
        try await sql.raw("DROP TABLE tenant_revisions").run()
        try await sql.raw("ALTER TABLE tenant_revisions_single RENAME TO tenant_revisions").run()
    }
}
