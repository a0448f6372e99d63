import AfieldAPI
import AfieldTesting
import App
import Fluent
import Foundation
import Platform
import Testing
import Vapor

/// Durable background jobs: when they run, dedupe keys, cancelling, retries, crashed processes
/// and concurrent runners (`JobQueue.runDue` called directly with chosen instants).
@Suite("Background jobs")
struct JobQueueTests {
    struct Ping: Codable, Sendable, Equatable { var n: Int }

    /// What handlers saw, in order.
    actor Log {
        var seen: [Int] = []
        func add(_ n: Int) { seen.append(n) }
    }

    struct Boom: Error, CustomStringConvertible { var description: String { "boom: the remote end said no" } }

    private let t0 = Date(timeIntervalSince1970: 1_900_000_000)

    private func enqueue(_ app: Application, _ n: Int, at: Date, key: String? = nil, tenant: UUID? = nil, kind: String = "test.ping") async throws -> UUID {
        try await app.afieldWrites.transaction(on: app.db) { db in
            try await app.jobs.enqueue(kind, payload: Ping(n: n), runAt: at, tenantID: tenant, key: key, on: db)
        }
    }

    private func job(_ app: Application, _ id: UUID) async throws -> Job { try await Job.find(id, on: app.db)! }

    @Test("a job does not run before run_at, then runs exactly once")
    func runsOnceWhenDue() async throws {
        try await withAfield(demo: false) { app, _ in
            let log = Log()
            app.jobs.register("test.ping", as: Ping.self) { context, ping in
                #expect(context.now == t0.addingTimeInterval(61))
                #expect(context.attempt == 1)
                await log.add(ping.n)
            }
            let id = try await enqueue(app, 7, at: t0.addingTimeInterval(60))
            #expect(try await app.jobs.runDue(now: t0) == 0)
            #expect(await log.seen.isEmpty)
            #expect(try await app.jobs.runDue(now: t0.addingTimeInterval(61)) == 1)
            #expect(try await app.jobs.runDue(now: t0.addingTimeInterval(3600)) == 0)
            #expect(await log.seen == [7])
            let done = try await job(app, id)
            #expect(done.state == "done")
            #expect(done.attempts == 1)
            #expect(done.lockedUntil == nil)
        }
    }

    @Test("enqueuing the same key again replaces run_at and payload of the queued job")
    func upsertByKey() async throws {
        try await withAfield { app, _ in
            let tenant = try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first()!.id!
            let log = Log()
            app.jobs.register("test.ping", as: Ping.self) { _, ping in await log.add(ping.n) }
            let first = try await enqueue(app, 1, at: t0.addingTimeInterval(60), key: "order-42", tenant: tenant)
            let second = try await enqueue(app, 2, at: t0.addingTimeInterval(120), key: "order-42", tenant: tenant)
            #expect(first == second)
            // The same key for another tenant (or none) is another job.
            let other = try await enqueue(app, 3, at: t0.addingTimeInterval(120), key: "order-42", tenant: nil)
            #expect(other != first)
            #expect(try await Job.query(on: app.db).count() == 2)
            #expect(try await app.jobs.runDue(now: t0.addingTimeInterval(90)) == 0)
            #expect(try await app.jobs.runDue(now: t0.addingTimeInterval(121)) == 2)
            #expect(await log.seen.sorted() == [2, 3])
            #expect(try await job(app, first).tenantID == tenant)
            // Once it ran, the key is free: a new job is queued.
            let third = try await enqueue(app, 4, at: t0.addingTimeInterval(200), key: "order-42", tenant: tenant)
            #expect(third != first)
        }
    }

    @Test("a cancelled job never runs; the key can be queued again")
    func cancel() async throws {
        try await withAfield(demo: false) { app, _ in
            let log = Log()
            app.jobs.register("test.ping", as: Ping.self) { _, ping in await log.add(ping.n) }
            let id = try await enqueue(app, 1, at: t0, key: "remind")
            try await app.afieldWrites.transaction(on: app.db) { db in try await app.jobs.cancel("test.ping", key: "remind", tenantID: nil, on: db) }
            #expect(try await app.jobs.runDue(now: t0.addingTimeInterval(60)) == 0)
            #expect(try await job(app, id).state == "cancelled")
            let again = try await enqueue(app, 2, at: t0, key: "remind")
            #expect(again != id)
            #expect(try await app.jobs.runDue(now: t0.addingTimeInterval(60)) == 1)
            #expect(await log.seen == [2])
        }
    }

    @Test("a failing handler is retried with backoff, then the job fails with its error kept")
    func retriesThenFails() async throws {
        try await withAfield(demo: false) { app, _ in
            let log = Log()
            app.jobs.register("test.flaky", as: Ping.self, maxAttempts: 3) { context, _ in
                await log.add(context.attempt)
                throw Boom()
            }
            let id = try await enqueue(app, 1, at: t0, kind: "test.flaky")
            #expect(try await app.jobs.runDue(now: t0) == 1)
            var state = try await job(app, id)
            #expect(state.state == "queued")
            #expect(state.attempts == 1)
            #expect(state.runAt == t0.addingTimeInterval(JobQueue.backoff(attempt: 1)))
            #expect(state.lastError?.contains("boom") == true)
            #expect(try await app.jobs.runDue(now: t0.addingTimeInterval(10)) == 0)
            let second = t0.addingTimeInterval(31)
            #expect(try await app.jobs.runDue(now: second) == 1)
            #expect(try await job(app, id).runAt == second.addingTimeInterval(JobQueue.backoff(attempt: 2)))
            let third = second.addingTimeInterval(61)
            #expect(try await app.jobs.runDue(now: third) == 1)
            state = try await job(app, id)
            #expect(state.state == "failed")
            #expect(state.attempts == 3)
            #expect(state.lastError == "boom: the remote end said no")
            #expect(try await app.jobs.runDue(now: third.addingTimeInterval(86_400)) == 0)
            #expect(await log.seen == [1, 2, 3])
            #expect(JobQueue.backoff(attempt: 1) == 30)
            #expect(JobQueue.backoff(attempt: 2) == 60)
            #expect(JobQueue.backoff(attempt: 20) == 3600)
        }
    }

    @Test("a job left running by a crashed process runs again after its lease, not before")
    func crashedJobIsTakenOver() async throws {
        try await withAfield(demo: false) { app, _ in
            let log = Log()
            app.jobs.register("test.ping", as: Ping.self) { context, ping in
                #expect(context.attempt == 2)
                await log.add(ping.n)
            }
            let id = try await enqueue(app, 5, at: t0)
            // What a process that claimed the job and then died leaves behind.
            let claimed = try await job(app, id)
            claimed.state = "running"
            claimed.attempts = 1
            claimed.lockedUntil = t0.addingTimeInterval(JobQueue.lease)
            try await claimed.save(on: app.db)
            #expect(try await app.jobs.runDue(now: t0.addingTimeInterval(60)) == 0, "the lease still holds")
            #expect(try await app.jobs.runDue(now: t0.addingTimeInterval(JobQueue.lease + 1)) == 1)
            #expect(await log.seen == [5])
            let done = try await job(app, id)
            #expect(done.state == "done")
            #expect(done.attempts == 2)
        }
    }

    @Test("two runners at once run each job once")
    func concurrentRunners() async throws {
        try await withAfield(demo: false) { app, _ in
            let log = Log()
            app.jobs.register("test.ping", as: Ping.self) { _, ping in
                try await Task.sleep(for: .milliseconds(5))
                await log.add(ping.n)
            }
            for n in 1...8 { _ = try await enqueue(app, n, at: t0) }
            async let a = app.jobs.runDue(now: t0)
            async let b = app.jobs.runDue(now: t0)
            let (ranA, ranB) = try await (a, b)
            #expect(ranA + ranB == 8)
            #expect(await log.seen.sorted() == Array(1...8))
            #expect(try await Job.query(on: app.db).filter(\.$state == "done").count() == 8)
        }
    }

    @Test("the background runner, once enabled, runs due jobs by itself and stops with the application")
    func backgroundRunner() async throws {
        try await withAfield(demo: false) { app, _ in
            #expect(app.jobs.runsInBackground == false, "off in the testing environment")
            let log = Log()
            app.jobs.register("test.ping", as: Ping.self) { _, ping in await log.add(ping.n) }
            _ = try await enqueue(app, 9, at: Date().addingTimeInterval(-1))
            app.jobs.runsInBackground = true
            app.jobs.pollInterval = .milliseconds(50)
            try await app.asyncBoot()
            for _ in 0..<100 where await log.seen.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            #expect(await log.seen == [9])
        }
    }

    @Test("jobs of a kind without a handler stay queued")
    func unknownKindWaits() async throws {
        try await withAfield(demo: false) { app, _ in
            app.jobs.register("test.ping", as: Ping.self) { _, _ in }
            let id = try await enqueue(app, 1, at: t0, kind: "test.later")
            #expect(try await app.jobs.runDue(now: t0.addingTimeInterval(60)) == 0)
            #expect(try await job(app, id).state == "queued")
        }
    }
}
