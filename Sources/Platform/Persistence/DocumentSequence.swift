import Fluent
import Foundation
import SQLKit

/// A per-tenant counter for human document numbers (`SO-2026-00042`).
public final class DocumentSequence: Model, @unchecked Sendable {
    public static let schema = "document_sequences"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    /// Sequence name including the period, e.g. `sales.order/2026`.
    @Field(key: "key") public var key: String
    @Field(key: "next_value") public var nextValue: Int64

    public init() {}
}

/// Hands out document numbers without two concurrent callers ever colliding: the counter moves
/// with one conditional `UPDATE … RETURNING`, never read-then-write.
///
/// Two kinds (issue 9 point 7):
/// - ``init()``, **gapless**: the number is taken in the caller's transaction, so a failed save
///   gives it back. The counter's row stays locked until that transaction commits: writers of
///   one company and sequence take turns. For documents the law wants without gaps (invoices).
/// - ``gapsAllowed(pool:writes:)`` with ``early(prefix:period:key:tenantID:)``: on PostgreSQL the
///   number is taken before the caller's transaction opens, in a statement of its own committed
///   at once, so concurrent writers wait on the counter only for that statement; a save that
///   fails afterwards leaves a gap — as Odoo's "standard" sequences and ERPNext's naming series
///   do. For sales orders. On SQLite, where writes run one at a time anyway
///   (``WriteSerializer``), and inside a request that already runs in one transaction, `early`
///   gives nil and the number is taken in the caller's transaction with ``next(prefix:period:key:tenantID:on:)``.
///
/// Taken before the transaction, not beside it: a transaction waiting for a second connection
/// from the pool would deadlock once every connection is held by such transactions.
public struct DocumentNumbering: Sendable {
    /// Where numbers are taken early; nil when they are taken in the caller's transaction.
    private let outside: (any Database)?

    /// Gapless numbering, in the caller's transaction.
    public init() { outside = nil }

    /// Numbering where gaps are allowed: early on `pool` unless `writes` run one at a time.
    public static func gapsAllowed(pool: any Database, writes: WriteSerializer) -> DocumentNumbering {
        DocumentNumbering(outside: writes.serializes ? nil : pool)
    }

    private init(outside: (any Database)?) { self.outside = outside }

    /// The next number taken now, outside any transaction — or nil when it must be taken in the
    /// caller's transaction (gapless numbering, SQLite, a request running in one transaction).
    /// Call before opening the write transaction.
    public func early(prefix: String, period: String, key: String, tenantID: UUID) async throws -> String? {
        guard let outside, WriteSerializer.ambient == nil else { return nil }
        return try await Self.take(prefix: prefix, period: period, key: key, tenantID: tenantID, on: outside)
    }

    /// The next number of `key` for the tenant, formatted `"<prefix>-<period>-<5 digits>"`.
    ///
    /// - Parameters:
    ///   - prefix: e.g. `SO`.
    ///   - period: e.g. the year `2026` of the document date in the company's time zone.
    /// - Returns: e.g. `SO-2026-00001`. Call inside the transaction that stores the document.
    public func next(prefix: String, period: String, key: String, tenantID: UUID, on db: any Database) async throws -> String {
        try await Self.take(prefix: prefix, period: period, key: key, tenantID: tenantID, on: db)
    }

    private static func take(prefix: String, period: String, key: String, tenantID: UUID, on db: any Database) async throws -> String {
        guard let sql = db as? any SQLDatabase else { throw DomainError(status: 500, code: "internal") }
        let fullKey = "\(key)/\(period)"
        try await sql.raw("""
            INSERT INTO document_sequences (id, tenant_id, key, next_value) VALUES (\(bind: UUID()), \(bind: tenantID), \(bind: fullKey), 1)
            ON CONFLICT (tenant_id, key) DO NOTHING
            """).run()
        let row = try await sql.raw("""
            UPDATE document_sequences SET next_value = next_value + 1
            WHERE tenant_id = \(bind: tenantID) AND key = \(bind: fullKey) RETURNING next_value
            """).first()
        guard let next = try row?.decode(column: "next_value", as: Int64.self) else { throw DomainError(status: 500, code: "internal") }
        let value = next - 1
        let digits = String(value)
        return "\(prefix)-\(period)-\(String(repeating: "0", count: max(0, 5 - digits.count)))\(digits)"
    }
}
