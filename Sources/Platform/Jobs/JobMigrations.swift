import Fluent
import SQLKit

/// `platform.0013_jobs`: durable background jobs.
struct CreateJobs: AsyncMigration {
    var name: String { "platform.0013_jobs" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Job.schema)
            .id()
            .field("tenant_id", .uuid, .references(Tenant.schema, .id))
            .field("kind", .string, .required)
            .field("key", .string)
            .field("dedupe", .string)
            .field("payload", .string, .required)
            .field("run_at", .datetime, .required)
            .field("state", .string, .required)
            .field("attempts", .int, .required)
            .field("last_error", .string)
            .field("locked_until", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // What the runner polls for, and the upsert target of a keyed enqueue (queued rows only).
        try await sql.raw("CREATE INDEX jobs_due ON jobs (state, run_at)").run()
        try await sql.raw("CREATE UNIQUE INDEX jobs_queued_dedupe ON jobs (dedupe) WHERE state = 'queued'").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Job.schema).delete()
    }
}
