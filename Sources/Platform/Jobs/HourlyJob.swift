import Fluent
import Foundation
import Vapor

/// An installation-wide job that runs every hour on the hour and queues its own next run: how
/// rules judged by the day in each company's time zone run (the public pool's idle rule, contract
/// reminders). Hourly rather than nightly, so each company's day turns over in its own time zone
/// and a company created meanwhile is covered without a job of its own; a run missed while the
/// server was down is made up by the next, since such rules judge days, not runs.
public struct HourlyJob: Sendable {
    public let kind: String
    public let key: String

    public init(kind: String, key: String = "hourly") {
        self.kind = kind
        self.key = key
    }

    /// The next full hour after `instant` (UTC; every time zone in use is whole or half hours
    /// off, and the rules only need to run once after each local midnight).
    public static func nextRun(after instant: Date) -> Date {
        Date(timeIntervalSince1970: (floor(instant.timeIntervalSince1970 / 3600) + 1) * 3600)
    }

    /// Queues the next run (replacing a queued one).
    public func schedule(after instant: Date, application: Application, on db: any Database) async throws {
        try await application.jobs.enqueue(kind, payload: [String: String](), runAt: Self.nextRun(after: instant), tenantID: nil, key: key, on: db)
    }

    /// Registers `run` (given the run's instant) to run, then queue the next run, and queues the
    /// first run when the server starts unless one is queued (only where jobs run in the
    /// background: tests run the rules themselves).
    public func register(on application: Application, _ run: @escaping @Sendable (_ now: Date, _ application: Application) async throws -> Void) {
        let job = self
        application.jobs.register(kind, as: [String: String].self) { context, _ in
            try await run(context.now, context.application)
            try await context.write { db in try await job.schedule(after: context.now, application: context.application, on: db) }
        }
        application.lifecycle.use(Schedule(job: self))
    }

    struct Schedule: LifecycleHandler {
        let job: HourlyJob

        func didBootAsync(_ application: Application) async throws {
            guard application.jobs.runsInBackground else { return }
            let db = application.db
            guard try await Job.query(on: db).filter(\.$kind == job.kind).filter(\.$state == Job.State.queued.rawValue).first() == nil else { return }
            try await application.afieldWrites.transaction(on: db) { db in try await job.schedule(after: Date(), application: application, on: db) }
        }
    }
}
