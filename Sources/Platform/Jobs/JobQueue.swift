import Fluent
import Foundation
import SQLKit
import Synchronization
import Vapor

/// What a job handler gets: where it runs, for whom, and which job it is.
public struct JobContext: Sendable {
    public let application: Application
    /// The application's database, outside any transaction; write through ``write(_:)``.
    public let db: any Database
    /// The company the job works for; nil for installation-wide jobs.
    public let tenantID: UUID?
    public let jobID: UUID
    public let kind: String
    /// The instant the runner claimed the job (UTC) — the `now` given to ``JobQueue/runDue(now:limit:)``.
    public let now: Date
    /// 1 on the first run, 2 on the first retry, …
    public let attempt: Int

    /// Runs `body` in a write transaction of its own (serialized on SQLite, see ``WriteSerializer``).
    /// The job is marked done only after the handler returns, so a crash after this commit runs
    /// the handler again: handlers are written to be idempotent.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await application.afieldWrites.transaction(on: db, body)
    }
}

/// Durable background jobs (DESIGN §1 Platform/Jobs, §7): rows of the `jobs` table, claimed by
/// any server process, retried with backoff, surviving restarts. Reach it as `app.jobs` or
/// `req.jobs`.
///
/// Delivery is at least once: a process that dies while running a job leaves it `running`
/// until its lease (``lease``) ends, after which any process takes it over.
public struct JobQueue: Sendable {
    /// Attempts before a failing job is given up as `failed`, unless its registration says otherwise.
    public static let defaultMaxAttempts = 5
    /// How long a claimed job belongs to its process (seconds); a handler should finish well within it.
    public static let lease: TimeInterval = 300

    let application: Application
    let registry: JobRegistry

    /// Queues a job, inside the caller's transaction (it runs only if that transaction commits).
    ///
    /// - Parameters:
    ///   - kind: the handler's name, e.g. `approval.remind` (see ``register(_:as:maxAttempts:handler:)``).
    ///   - payload: the handler's input, stored as JSON (dates ISO 8601).
    ///   - runAt: not before this instant.
    ///   - tenantID: the company it works for; nil for installation-wide jobs.
    ///   - key: dedupe key: while a job of the same (tenant, kind, key) is still queued, enqueuing
    ///     again replaces its `run_at` and payload (and resets its attempts) instead of adding one.
    ///   - db: the caller's transaction.
    /// - Returns: the job's id (the existing job's id when `key` matched a queued one).
    /// - Throws: encoding errors of `payload`; database errors.
    @discardableResult
    public func enqueue<P: Codable & Sendable>(_ kind: String, payload: P, runAt: Date, tenantID: UUID?, key: String? = nil,
                                               on db: any Database) async throws -> UUID {
        let json = String(decoding: try Self.encoder.encode(payload), as: UTF8.self)
        let now = Date()
        let id = UUID()
        guard let key else {
            let job = Job()
            job.id = id
            job.tenantID = tenantID
            job.kind = kind
            job.payload = json
            job.runAt = runAt
            job.state = Job.State.queued.rawValue
            job.attempts = 0
            job.createdAt = now
            job.updatedAt = now
            try await job.create(on: db)
            return id
        }
        guard let sql = db as? any SQLDatabase else { throw DomainError(status: 500, code: "internal") }
        let dedupe = Self.dedupe(kind, key: key, tenantID: tenantID)
        // The unique index on queued rows' `dedupe` makes this one statement an upsert on both databases.
        guard let row = try await sql.raw("""
            INSERT INTO jobs (id, tenant_id, kind, key, dedupe, payload, run_at, state, attempts, created_at, updated_at)
            VALUES (\(bind: id), \(bind: tenantID), \(bind: kind), \(bind: key), \(bind: dedupe), \(bind: json), \(bind: runAt), 'queued', 0,
                    \(bind: now), \(bind: now))
            ON CONFLICT (dedupe) WHERE state = 'queued'
            DO UPDATE SET payload = excluded.payload, run_at = excluded.run_at, attempts = 0, last_error = NULL, updated_at = excluded.updated_at
            RETURNING id
            """).first()
        else { throw DomainError(status: 500, code: "internal") }
        return try row.decode(column: "id", as: UUID.self)
    }

    /// Cancels the queued job of (tenant, kind, key), if any, inside the caller's transaction.
    /// A job already running is not stopped.
    public func cancel(_ kind: String, key: String, tenantID: UUID?, on db: any Database) async throws {
        try await Job.query(on: db).filter(\.$dedupe == Self.dedupe(kind, key: key, tenantID: tenantID))
            .filter(\.$state == Job.State.queued.rawValue)
            .set(\.$state, to: Job.State.cancelled.rawValue).set(\.$updatedAt, to: Date()).update()
    }

    /// Registers the handler of `kind` (at boot, before the runner starts). Registering a kind
    /// again replaces its handler. Jobs of kinds without a handler stay queued untouched, so
    /// processes of different versions can share one database.
    ///
    /// - Parameters:
    ///   - as: the payload type given to ``enqueue(_:payload:runAt:tenantID:key:on:)``.
    ///   - maxAttempts: runs before a failing job is given up as `failed` (at least 1).
    ///   - handler: runs outside any transaction; write with ``JobContext/write(_:)``. Throwing
    ///     retries the job after a backoff (30 s, 1 min, 2 min, … at most 1 h).
    public func register<P: Codable & Sendable>(_ kind: String, as: P.Type, maxAttempts: Int = JobQueue.defaultMaxAttempts,
                                                handler: @escaping @Sendable (JobContext, P) async throws -> Void) {
        let entry = JobRegistry.Entry(maxAttempts: max(1, maxAttempts)) { context, json in
            try await handler(context, try Self.decoder.decode(P.self, from: Data(json.utf8)))
        }
        registry.handlers.withLock { $0[kind] = entry }
    }

    /// Claims and runs the due jobs once: queued ones whose `run_at` ≤ `now`, and running ones
    /// whose lease ended before `now` (their process died). Each is claimed with a conditional
    /// update, so several processes (or calls) never run one job twice at once.
    ///
    /// - Parameters:
    ///   - now: the instant to judge "due" by (tests pass a chosen one); leases and backoff count from it.
    ///   - limit: at most this many jobs in this call, oldest `run_at` first.
    /// - Returns: how many jobs ran (succeeded or failed).
    /// - Throws: database errors while looking for jobs; a handler's error is recorded on its job, not thrown.
    @discardableResult
    public func runDue(now: Date = Date(), limit: Int = 50) async throws -> Int {
        let kinds = Array(registry.handlers.withLock { $0.keys })
        guard !kinds.isEmpty else { return 0 }
        let due = try await Job.query(on: application.db)
            .group(.or) { either in
                either.group(.and) { $0.filter(\.$state == Job.State.queued.rawValue).filter(\.$runAt <= now) }
                either.group(.and) { $0.filter(\.$state == Job.State.running.rawValue).filter(\.$lockedUntil < now) }
            }
            .filter(\.$kind ~~ kinds).sort(\.$runAt).sort(\.$id).limit(limit).all()
        var ran = 0
        for job in due {
            guard let id = job.id, let claimed = try await claim(id, now: now) else { continue }
            ran += 1
            await run(claimed, now: now)
        }
        return ran
    }

    /// Whether the application runs jobs in the background (every ``pollInterval``) once booted.
    /// Default: yes, except in the `.testing` environment, where tests call ``runDue(now:limit:)``.
    public var runsInBackground: Bool {
        get { registry.settings.withLock { $0.background } ?? (application.environment != .testing) }
        nonmutating set { registry.settings.withLock { $0.background = newValue } }
    }

    /// Pause between two polls of the background runner (default 5 s).
    public var pollInterval: Duration {
        get { registry.settings.withLock { $0.interval } }
        nonmutating set { registry.settings.withLock { $0.interval = newValue } }
    }

    // MARK: - Claiming and finishing

    struct Claimed: Sendable {
        let id: UUID
        let tenantID: UUID?
        let kind: String
        let payload: String
        let attempts: Int
    }

    private func claim(_ id: UUID, now: Date) async throws -> Claimed? {
        let leaseEnd = now.addingTimeInterval(Self.lease)
        let app = application
        return try await app.afieldWrites.transaction(on: app.db) { db -> Claimed? in
            guard let sql = db as? any SQLDatabase else { return nil }
            guard let row = try await sql.raw("""
                UPDATE jobs SET state = 'running', locked_until = \(bind: leaseEnd), attempts = attempts + 1, updated_at = \(bind: now)
                WHERE id = \(bind: id)
                  AND ((state = 'queued' AND run_at <= \(bind: now)) OR (state = 'running' AND locked_until < \(bind: now)))
                RETURNING id, tenant_id, kind, payload, attempts
                """).first()
            else { return nil }
            return Claimed(id: try row.decode(column: "id", as: UUID.self), tenantID: try row.decode(column: "tenant_id", as: UUID?.self),
                           kind: try row.decode(column: "kind", as: String.self), payload: try row.decode(column: "payload", as: String.self),
                           attempts: try row.decode(column: "attempts", as: Int.self))
        }
    }

    private func run(_ job: Claimed, now: Date) async {
        let logger = application.logger
        guard let entry = registry.handlers.withLock({ $0[job.kind] }) else { return }
        let context = JobContext(application: application, db: application.db, tenantID: job.tenantID, jobID: job.id, kind: job.kind,
                                 now: now, attempt: job.attempts)
        do {
            try await entry.run(context, job.payload)
            try await finish(job, state: .done, error: nil, now: now)
        } catch {
            let message = String(String(describing: error).prefix(2000))
            logger.warning("job \(job.kind) \(job.id) failed (attempt \(job.attempts) of \(entry.maxAttempts)): \(message)")
            do {
                if job.attempts >= entry.maxAttempts {
                    try await finish(job, state: .failed, error: message, now: now)
                } else {
                    try await retry(job, error: message, at: now.addingTimeInterval(Self.backoff(attempt: job.attempts)), now: now)
                }
            } catch {
                // The lease runs out and another poll takes the job over.
                logger.error("job \(job.kind) \(job.id): could not record the outcome: \(error)")
            }
        }
    }

    /// Marks a job done or failed — only if this claim still holds it (`attempts` is the fence).
    private func finish(_ job: Claimed, state: Job.State, error: String?, now: Date) async throws {
        let app = application
        try await app.afieldWrites.transaction(on: app.db) { db in
            try await Job.query(on: db).filter(\.$id == job.id).filter(\.$state == Job.State.running.rawValue)
                .filter(\.$attempts == job.attempts)
                .set(\.$state, to: state.rawValue).set(\.$lastError, to: error).set(\.$lockedUntil, to: nil)
                .set(\.$updatedAt, to: now).update()
        }
    }

    /// Queues a failed job again at `at`. When a newer job of the same key was queued meanwhile,
    /// that one replaces the retry, which is cancelled.
    private func retry(_ job: Claimed, error: String, at: Date, now: Date) async throws {
        let app = application
        try await app.afieldWrites.transaction(on: app.db) { db in
            guard let current = try await Job.query(on: db).filter(\.$id == job.id).filter(\.$state == Job.State.running.rawValue)
                .filter(\.$attempts == job.attempts).first()
            else { return }
            var state = Job.State.queued
            if let dedupe = current.dedupe,
               try await Job.query(on: db).filter(\.$dedupe == dedupe).filter(\.$state == Job.State.queued.rawValue).count() > 0 {
                state = .cancelled
            }
            current.state = state.rawValue
            current.runAt = at
            current.lastError = error
            current.lockedUntil = nil
            current.updatedAt = now
            try await current.save(on: db)
        }
    }

    /// Seconds before retry number `attempt` (1-based): 30 s doubling, at most one hour.
    public static func backoff(attempt: Int) -> TimeInterval {
        min(30 * pow(2, Double(max(0, attempt - 1))), 3600)
    }

    static func dedupe(_ kind: String, key: String, tenantID: UUID?) -> String {
        "\(tenantID?.uuidString ?? "-")|\(kind)|\(key)"
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

/// Handlers and runner settings of one application.
final class JobRegistry: Sendable {
    struct Entry: Sendable {
        let maxAttempts: Int
        let run: @Sendable (JobContext, String) async throws -> Void
    }

    struct Settings: Sendable {
        var background: Bool?
        var interval: Duration = .seconds(5)
        var task: Task<Void, Never>?
    }

    let handlers = Mutex<[String: Entry]>([:])
    let settings = Mutex(Settings())
}

extension Application {
    private struct JobRegistryKey: StorageKey, LockKey { typealias Value = JobRegistry }

    /// The background job queue of this application.
    public var jobs: JobQueue {
        let registry = locks.lock(for: JobRegistryKey.self).withLock {
            if let existing = storage[JobRegistryKey.self] { return existing }
            let made = JobRegistry()
            storage[JobRegistryKey.self] = made
            return made
        }
        return JobQueue(application: self, registry: registry)
    }
}

extension Request {
    /// The background job queue (``Application/jobs``).
    public var jobs: JobQueue { application.jobs }
}
