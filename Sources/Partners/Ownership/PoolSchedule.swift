import Fluent
import Foundation
import Platform
import Vapor

/// The public pool's idle rule as one installation-wide job (kind ``kind``, key ``key``) that
/// runs every hour on the hour: for every company it returns the customers idle by then
/// (``CustomerPool/releaseIdle(tenantID:now:application:)``), then queues its next run. Hourly
/// rather than nightly, so that each company's day turns over in its own time zone and a
/// company created meanwhile is covered without a job of its own; a run missed while the
/// server was down is made up by the next one, since the rule judges days, not runs.
enum PoolJob {
    static let kind = "partners.pool.idle"
    static let key = "hourly"

    struct Payload: Codable, Sendable {}

    static func register(on application: Application) {
        application.jobs.register(kind, as: Payload.self) { job, _ in
            for tenant in try await Tenant.query(on: job.db).all() {
                guard let id = tenant.id else { continue }
                _ = try await CustomerPool.releaseIdle(tenantID: id, now: job.now, application: job.application)
            }
            try await job.write { db in try await schedule(after: job.now, application: job.application, on: db) }
        }
    }

    /// The next full hour after `instant` (UTC; every time zone in use is whole or half hours
    /// off, and the rule only needs to run once after each local midnight).
    static func nextRun(after instant: Date) -> Date {
        Date(timeIntervalSince1970: (floor(instant.timeIntervalSince1970 / 3600) + 1) * 3600)
    }

    /// Queues the next run (replacing a queued one).
    static func schedule(after instant: Date, application: Application, on db: any Database) async throws {
        try await application.jobs.enqueue(kind, payload: Payload(), runAt: nextRun(after: instant), tenantID: nil, key: key, on: db)
    }
}

/// Queues the idle rule's first run when the server starts, unless one is queued (only where
/// jobs run in the background: not in tests, which run the rule themselves).
struct PoolSchedule: LifecycleHandler {
    func didBootAsync(_ application: Application) async throws {
        guard application.jobs.runsInBackground else { return }
        let db = application.db
        guard try await Job.query(on: db).filter(\.$kind == PoolJob.kind).filter(\.$state == Job.State.queued.rawValue).first() == nil else { return }
        try await application.afieldWrites.transaction(on: db) { db in try await PoolJob.schedule(after: Date(), application: application, on: db) }
    }
}
