import Fluent
import Foundation
import Vapor

/// Everything a domain service needs to act, as values — never a Vapor `Request` — so that the
/// same service runs from a route, a background job, an import, the command line and an offline
/// sync replay (DESIGN §1, `docs/modules.md`).
///
/// - ``actor``: who acts — company (``RequestActor/tenantID``), user, permissions, data scopes
///   (``recordScope(_:)``), employee and department, time zone. A service checks what the action
///   needs itself (``require(_:)``): a route's declared permission does not guard a job.
/// - ``audit``: who and where, as written into every audit entry (source `web`, `api`, `import`,
///   `system`; IP, user agent and request id when there is a request).
/// - ``database`` and ``write(_:)``: reads and writes. Writes queue through the application's
///   ``WriteSerializer``; inside a request that runs as one transaction (an `Idempotency-Key`,
///   ``WriteSerializer/whole(on:_:)``) both join that transaction, so the service commits or
///   rolls back with the request.
/// - ``clock``: the time of everything the service stamps (audit entries, `updated_at`, "today").
/// - ``language``: the language of messages the service writes for people.
/// - ``application``: installation-wide services that are no person's (the approval gate,
///   outcome handlers, the job queue, the field cipher, audit naming) — present in a job and in a
///   command-line tool too.
///
/// A route builds one with `req.serviceContext` (`Platform/HTTP/Request+ServiceContext.swift`); other callers with
/// ``acting(as:in:source:application:database:clock:requestID:)`` or ``init(actor:audit:database:application:clock:language:)``.
public struct ServiceContext: Sendable {
    public let actor: RequestActor
    public var audit: AuditContext
    public var clock: AfieldClock
    public var language: AppLanguage
    public let application: Application
    /// The pool (outside any transaction), as given; reads go through ``database``.
    private let pool: any Database

    /// - Parameters:
    ///   - database: the application's database outside any transaction (`app.db`, `req.db`).
    ///   - clock: the application's clock (``AfieldSettings/clock``) unless given.
    ///   - language: the actor's saved language, else English, unless given.
    public init(actor: RequestActor, audit: AuditContext, database: any Database, application: Application,
                clock: AfieldClock? = nil, language: AppLanguage? = nil) {
        self.actor = actor
        self.audit = audit
        self.pool = database
        self.application = application
        self.clock = clock ?? application.afield.clock
        self.language = language ?? actor.locale ?? .en
    }

    /// The company acted in.
    public var tenantID: UUID { actor.tenantID }

    /// The current instant by ``clock``.
    public func now() -> Date { clock.now() }

    /// Today (`YYYY-MM-DD`) by ``clock`` in the actor's time zone, for "which day" defaults.
    public func today() -> String { actor.today(now: now()) }

    /// The database reads go through: the transaction the current task runs in, if any
    /// (``WriteSerializer/ambient``), else the pool — the same as a route's `req.database`.
    public var database: any Database { WriteSerializer.ambient ?? pool }

    /// Runs `body` in a write transaction, serialized on SQLite (``WriteSerializer``); inside a
    /// transaction the task already runs in, a savepoint of it.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await application.afieldWrites.transaction(on: pool, body)
    }

    /// Runs `body` as one transaction (``WriteSerializer/whole(on:_:)``): the service's reads see its
    /// own writes and its ``write(_:)`` calls become savepoints, so that a step failing late
    /// (a draft created, then its submission refused) leaves nothing behind.
    public func atomically<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await application.afieldWrites.whole(on: pool) { _ in try await body() }
    }

    /// Document numbering where gaps are allowed (``DocumentNumbering/gapsAllowed(pool:writes:)``).
    public var numbering: DocumentNumbering { .gapsAllowed(pool: pool, writes: application.afieldWrites) }

    /// The actor's data scope on `resource` (``RequestActor/recordScope(_:on:)``).
    public func recordScope(_ resource: String) async throws -> RecordScope {
        try await actor.recordScope(resource, on: database)
    }

    /// - Throws: 403 `auth.forbidden` (params `permission`) unless the actor holds `permission`.
    public func require(_ permission: Permission) throws {
        guard actor.holds(permission) else {
            throw DomainError(status: 403, code: "auth.forbidden", params: ["permission": permission.key])
        }
    }

    /// The installation's settings (catalog, cipher, audit naming, …).
    public var settings: AfieldSettings { application.afield }

    /// A context acting as the active user `userID` of company `tenantID` without any request:
    /// their roles, permissions and data scopes as a session of theirs would have
    /// (``RequestActor/load(userID:tenantID:settings:on:)``), their language, and audit entries
    /// in their name with `source` (`import`, `system`, …).
    /// - Parameters:
    ///   - database: the pool to use; the application's by default.
    ///   - clock: the application's clock by default.
    ///   - requestID: recorded in audit entries, e.g. a job's id.
    /// - Throws: 404 `not_found` (`user`) when no such active user exists in that company.
    public static func acting(as userID: UUID, in tenantID: UUID, source: AuditSource, application: Application,
                              database: (any Database)? = nil, clock: AfieldClock? = nil, requestID: String? = nil) async throws -> ServiceContext {
        let db = database ?? application.db
        let actor = try await RequestActor.load(userID: userID, tenantID: tenantID, settings: application.afield, on: WriteSerializer.ambient ?? db)
        let audit = AuditContext(tenantID: tenantID, actorID: userID, actorName: actor.name, source: source, requestID: requestID)
        return ServiceContext(actor: actor, audit: audit, database: db, application: application, clock: clock)
    }
}
