import Fluent
import Foundation
import SQLKit
import Synchronization

/// Runs write transactions one at a time on SQLite (DESIGN §2: "writes go through one
/// connection"). SQLite allows one writer; two connections writing at once would wait on each
/// other's locks (or fail with `SQLITE_BUSY_SNAPSHOT`), so Afield queues them here instead.
/// On PostgreSQL transactions run concurrently and row locks / conditional updates decide.
///
/// A request that runs as a whole inside one transaction (an idempotent write, see
/// ``IdempotencyMiddleware``) sets ``ambient``: every write and read of that request then joins
/// the transaction, a nested write as a savepoint, so the request commits or rolls back as one.
///
/// After a transaction that wrote audit entries commits, the write returns only once the
/// ``AuditChainer`` has chained them, so every caller reads its own entries in the chain.
public final class WriteSerializer: Sendable {
    private let queue: AsyncSerialQueue?
    /// The appender that chains the audit entries these writes queue.
    public let auditChainer = AuditChainer()

    /// The transaction the current task runs in, if any. Set only by ``whole(on:_:)``.
    @TaskLocal public static var ambient: (any Database)?

    /// Set while an outermost transaction runs: whether it queued audit entries.
    @TaskLocal static var auditQueued: AuditQueuedFlag?

    public init(serialize: Bool) { queue = serialize ? AsyncSerialQueue() : nil }

    /// Whether writes run one at a time (SQLite) rather than concurrently (PostgreSQL).
    public var serializes: Bool { queue != nil }

    /// `body` inside a database transaction; on SQLite after every earlier write finished.
    /// Inside ``whole(on:_:)`` it joins that transaction as a savepoint instead: if `body` throws,
    /// only its own changes are undone.
    public func transaction<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await transaction(on: db, settling: true, body)
    }

    /// ``transaction(on:_:)``; with `settling` false it does not wait for its audit entries to be
    /// chained (the appender's own transactions).
    func transaction<T: Sendable>(on db: any Database, settling: Bool, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let ambient = Self.ambient { return try await Self.savepoint(on: ambient, body) }
        let flag = AuditQueuedFlag()
        // Set inside the transaction's closure: the driver runs it in a task of its own.
        let flagged: @Sendable (any Database) async throws -> T = { tx in try await Self.$auditQueued.withValue(flag) { try await body(tx) } }
        let value: T
        if let queue {
            value = try await queue.run { try await db.transaction(flagged) }
        } else {
            value = try await db.transaction(flagged)
        }
        if settling, flag.isSet { await auditChainer.settle(on: db, writes: self) }
        return value
    }

    /// `body` in one transaction that every database access inside it joins (through
    /// ``ambient``): reads see the transaction's own writes, nested writes become savepoints, and
    /// nothing is committed unless `body` returns.
    public func whole<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let ambient = Self.ambient { return try await Self.savepoint(on: ambient, body) }
        return try await transaction(on: db) { tx in
            try await Self.$ambient.withValue(tx) { try await body(tx) }
        }
    }

    /// Chains every audit entry still queued (those a crash left between commit and chaining).
    public func settleAudit(on db: any Database) async {
        await auditChainer.settle(on: db, writes: self)
    }

    /// Marks the running outermost transaction as one that queued audit entries.
    static func noteAuditQueued() { auditQueued?.set() }

    private static func savepoint<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let sql = db as? any SQLDatabase else { return try await body(db) }
        let name = "afield_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        try await sql.raw("SAVEPOINT \(unsafeRaw: name)").run()
        do {
            let value = try await body(db)
            try await sql.raw("RELEASE SAVEPOINT \(unsafeRaw: name)").run()
            return value
        } catch {
            try? await sql.raw("ROLLBACK TO SAVEPOINT \(unsafeRaw: name)").run()
            try? await sql.raw("RELEASE SAVEPOINT \(unsafeRaw: name)").run()
            throw error
        }
    }
}

/// Whether a transaction queued audit entries (set from inside it, read after its commit).
final class AuditQueuedFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}

/// A FIFO async lock: `run` calls execute one after another, in arrival order.
actor AsyncSerialQueue {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
    }
}
