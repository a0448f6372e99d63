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

/// Hands out document numbers without gaps between two concurrent callers ever colliding:
/// the counter moves with one conditional `UPDATE … RETURNING`, never read-then-write.
public struct DocumentNumbering: Sendable {
    public init() {}

    /// The next number of `key` for the tenant, formatted `"<prefix>-<period>-<5 digits>"`.
    ///
    /// - Parameters:
    ///   - prefix: e.g. `SO`.
    ///   - period: e.g. the year `2026` of the document date in the company's time zone.
    /// - Returns: e.g. `SO-2026-00001`. Call inside the transaction that stores the document so
    ///   that a failed save gives the number back.
    public func next(prefix: String, period: String, key: String, tenantID: UUID, on db: any Database) async throws -> String {
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
