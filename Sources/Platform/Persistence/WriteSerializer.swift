import Fluent

/// Runs write transactions one at a time on SQLite (DESIGN §2: "writes go through one
/// connection"). SQLite allows one writer; two connections writing at once would wait on each
/// other's locks (or fail with `SQLITE_BUSY_SNAPSHOT`), so Afield queues them here instead.
/// On PostgreSQL transactions run concurrently and row locks / conditional updates decide.
public final class WriteSerializer: Sendable {
    private let queue: AsyncSerialQueue?

    public init(serialize: Bool) { queue = serialize ? AsyncSerialQueue() : nil }

    /// `body` inside a database transaction; on SQLite after every earlier write finished.
    public func transaction<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let queue else { return try await db.transaction(body) }
        return try await queue.run { try await db.transaction(body) }
    }
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
