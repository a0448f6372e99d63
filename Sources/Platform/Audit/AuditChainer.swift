import Fluent
import Foundation
import Logging
import SQLKit
import Synchronization

/// The single appender of the audit hash chains (issue 9 point 7).
///
/// A write queues its audit entries in `audit_pending`, in its own transaction, without touching
/// the tenant's chain head; after the commit, ``WriteSerializer`` asks the appender to chain what
/// is queued (``settle(on:writes:)``) and waits for it. The appender takes the entries of each
/// tenant in queue order, gives them the next numbers and hashes, moves them to `audit_entries`
/// and advances the head (`audit_heads`) — one short transaction per batch of up to
/// ``batchSize`` entries, whoever's they are. So the chain stays one gapless, tamper-evident
/// sequence per tenant (``AuditLog/verify(on:tenantID:anchors:)`` is unchanged) while writers of
/// one company no longer hold its head row from their audit entry to their commit; under load
/// one run chains the entries of many writes at once.
///
/// On PostgreSQL, appenders of several server processes take turns on each head's row lock; on
/// SQLite the run queues with the other writes. Entries left queued by a crash between commit
/// and chaining are chained by the next run (``settle(on:writes:)`` at start).
///
/// The price: for the moments between commit and chaining an entry is not yet covered by a hash.
public actor AuditChainer {
    /// Entries chained per transaction: 500 rows × 15 binds stay far below the bind limits.
    public static let batchSize = 500

    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var running = false
    private let logger = Logger(label: "afield.audit.chainer")

    public init() {}

    /// Returns once every entry committed before the call is chained (a run that started after
    /// the call has finished). Runs started by concurrent callers are shared: while one runs,
    /// later callers wait together for the next. A failing run is logged, not thrown: the
    /// caller's own change is committed; its entries stay queued for the next run.
    public func settle(on db: any Database, writes: WriteSerializer) async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            waiting.append(waiter)
            if !running {
                running = true
                // Detached: the run must not inherit the caller's task-locals (its transaction).
                Task.detached { await self.drain(on: db, writes: writes) }
            }
        }
    }

    private func drain(on db: any Database, writes: WriteSerializer) async {
        while !waiting.isEmpty {
            let served = waiting
            waiting = []
            do {
                try await Self.chainAll(on: db, writes: writes)
            } catch {
                logger.error("audit entries could not be chained now (they stay queued): \(String(reflecting: error))")
            }
            for waiter in served { waiter.resume() }
        }
        running = false
    }

    /// Chains every queued entry of every tenant.
    static func chainAll(on db: any Database, writes: WriteSerializer) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let tenants = try await sql.raw("SELECT DISTINCT tenant_id FROM audit_pending").all().map { try $0.decode(column: "tenant_id", as: UUID.self) }
        for tenant in tenants {
            while try await writes.transaction(on: db, settling: false, { try await chainBatch(tenantID: tenant, on: $0) }) == batchSize {}
        }
    }

    /// Chains up to ``batchSize`` queued entries of the tenant, oldest first.
    /// - Returns: how many were chained.
    static func chainBatch(tenantID: UUID, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        // The head's row lock (PostgreSQL) is taken before reading the queue: an appender of
        // another process that ran meanwhile has then committed, and its entries are gone from it.
        guard let head = try await sql.raw("""
            INSERT INTO audit_heads (tenant_id, seq, hash) VALUES (\(bind: tenantID), 0, \(bind: AuditLog.genesis))
            ON CONFLICT (tenant_id) DO UPDATE SET seq = audit_heads.seq RETURNING seq, hash
            """).first()
        else { throw DomainError(status: 500, code: "internal") }
        var seq = try head.decode(column: "seq", as: Int64.self)
        var previous = try head.decode(column: "hash", as: String.self)
        let queued = try await sql.raw("""
            SELECT * FROM audit_pending WHERE tenant_id = \(bind: tenantID) ORDER BY ordinal, id LIMIT \(unsafeRaw: String(batchSize))
            """).all(decoding: Queued.self, keyDecodingStrategy: .convertFromSnakeCase)
        guard !queued.isEmpty else { return 0 }
        var rows = try InsertRows(AuditEntry.self, columns: AuditEntry.insertColumns)
        for item in queued {
            let entry = item.entry
            seq += 1
            entry.seq = seq
            entry.prevHash = previous
            entry.hash = AuditLog.hash(previous: previous, entry.canonicalText)
            previous = entry.hash
            rows.append(entry.insertValues)
        }
        try await rows.insert(on: db, rowsPerStatement: 100)
        try await sql.raw("DELETE FROM audit_pending WHERE id IN (\(binds: queued.map(\.id)))").run()
        try await sql.raw("UPDATE audit_heads SET seq = \(bind: seq), hash = \(bind: previous) WHERE tenant_id = \(bind: tenantID)").run()
        return queued.count
    }

    /// Queues `entries` (each with its id) for chaining; call inside the change's transaction.
    static func queue(_ entries: [AuditEntry], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw DomainError(status: 500, code: "internal") }
        let insert = sql.insert(into: "audit_pending").columns(Queued.columns)
        for entry in entries {
            let values: [any Encodable & Sendable] = [
                entry.id ?? UUID(), entry.tenantID, nextOrdinal(), entry.at, entry.actorID, entry.actorName, entry.onBehalfOf, entry.entity,
                entry.entityID, entry.action, entry.changes, entry.source, entry.ip, entry.userAgent, entry.requestID,
            ]
            insert.values(values.map { SQLBind($0) as any SQLExpression })
        }
        try await insert.run()
        WriteSerializer.noteAuditQueued()
    }

    /// Queue order within a process: microseconds since 1970 at start, then one more per entry,
    /// so entries of one transaction keep their order and queues of several processes interleave
    /// roughly by time.
    private static let ordinal = Atomic<Int64>(Int64(Date().timeIntervalSince1970 * 1_000_000))

    private static func nextOrdinal() -> Int64 { ordinal.add(1, ordering: .relaxed).newValue }

    /// A row of `audit_pending`.
    struct Queued: Decodable {
        static let columns = ["id", "tenant_id", "ordinal", "at", "actor_id", "actor_name", "on_behalf_of", "entity", "entity_id", "action",
                              "changes", "source", "ip", "user_agent", "request_id"]
        let id: UUID
        let tenantId: UUID
        let at: String
        let actorId: UUID?
        let actorName: String
        let onBehalfOf: UUID?
        let entity: String
        let entityId: UUID?
        let action: String
        let changes: String
        let source: String
        let ip: String?
        let userAgent: String?
        let requestId: String?

        var entry: AuditEntry {
            let entry = AuditEntry()
            entry.id = id
            entry.tenantID = tenantId
            entry.at = at
            entry.actorID = actorId
            entry.actorName = actorName
            entry.onBehalfOf = onBehalfOf
            entry.entity = entity
            entry.entityID = entityId
            entry.action = action
            entry.changes = changes
            entry.source = source
            entry.ip = ip
            entry.userAgent = userAgent
            entry.requestID = requestId
            return entry
        }
    }
}

/// `platform.0020_audit_pending`: audit entries written but not yet chained (``AuditChainer``).
struct CreateAuditPending: AsyncMigration {
    var name: String { "platform.0020_audit_pending" }

    func prepare(on database: any Database) async throws {
        try await database.schema("audit_pending")
            .field("id", .uuid, .identifier(auto: false))
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("ordinal", .int64, .required)
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
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX audit_pending_queue ON audit_pending (tenant_id, ordinal)").run()
    }

    func revert(on database: any Database) async throws { try await database.schema("audit_pending").delete() }
}
