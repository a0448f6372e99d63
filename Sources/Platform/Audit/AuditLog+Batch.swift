import Fluent
import Foundation
import SQLKit

extension AuditLog {
    /// One change of a batch for ``append(_:context:on:now:)``.
    public struct Change: Sendable {
        public var entity: String
        public var entityID: UUID?
        public var action: String
        public var changes: AuditChanges

        public init(entity: String, entityID: UUID?, action: String, changes: AuditChanges) {
            self.entity = entity
            self.entityID = entityID
            self.action = action
            self.changes = changes
        }
    }

    /// Appends one entry per change, in order, as consecutive links of the tenant's chain — the
    /// entries ``append(entity:entityID:action:changes:context:on:now:)`` would write one by one,
    /// but with one claim of the chain head for all of them and multi-row inserts. For imports
    /// that write thousands of entries in one transaction; call it inside that transaction.
    public static func append(_ batch: [Change], context: AuditContext, on db: any Database, now: Date = Date()) async throws {
        #if AFIELD_BENCHMARK_NO_GUARDS
        return
        #else
        guard !batch.isEmpty else { return }
        guard let sql = db as? any SQLDatabase else { throw DomainError(status: 500, code: "internal") }
        let at = timestamp(now)
        let entries = batch.map { unchained(entity: $0.entity, entityID: $0.entityID, action: $0.action, changes: $0.changes, context: context, at: at) }
        let count = Int64(entries.count)
        // Claims `count` numbers at once; the row lock is held until commit, as for one entry.
        guard let head = try await sql.raw("""
            INSERT INTO audit_heads (tenant_id, seq, hash) VALUES (\(bind: context.tenantID), \(bind: count), \(bind: genesis))
            ON CONFLICT (tenant_id) DO UPDATE SET seq = audit_heads.seq + \(bind: count) RETURNING seq, hash
            """).first()
        else { throw DomainError(status: 500, code: "internal") }
        var seq = try head.decode(column: "seq", as: Int64.self) - count
        var previous = try head.decode(column: "hash", as: String.self)
        for entry in entries {
            seq += 1
            entry.seq = seq
            entry.prevHash = previous
            entry.hash = hash(previous: previous, entry.canonicalText)
            previous = entry.hash
        }
        try await sql.raw("UPDATE audit_heads SET hash = \(bind: previous) WHERE tenant_id = \(bind: context.tenantID)").run()
        var rows = try InsertRows(AuditEntry.self, columns: AuditEntry.insertColumns)
        for entry in entries { rows.append(entry.insertValues) }
        try await rows.insert(on: db)
        #endif
    }
}

extension AuditEntry {
    /// Every column of `audit_entries`, in the order of ``insertValues``.
    static let insertColumns = ["id", "tenant_id", "seq", "at", "actor_id", "actor_name", "on_behalf_of", "entity", "entity_id", "action",
                                "changes", "source", "ip", "user_agent", "request_id", "prev_hash", "hash"]

    /// This new entry as a row for ``InsertRows`` (its id made here).
    var insertValues: [any Encodable & Sendable] {
        [id ?? UUID(), tenantID, seq, at, actorID, actorName, onBehalfOf, entity, entityID, action,
         changes, source, ip, userAgent, requestID, prevHash, hash]
    }
}
