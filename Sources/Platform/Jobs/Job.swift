import Fluent
import Foundation

/// One durable background job (`jobs` table): a kind, a JSON payload and when to run it.
///
/// States: `queued` (waits for `run_at`), `running` (claimed by a process until `locked_until`),
/// `done`, `failed` (gave up after its attempts; `last_error` says why) and `cancelled`.
/// Instants are UTC. Written and read through ``JobQueue``; other code does not touch the table.
public final class Job: Model, @unchecked Sendable {
    public static let schema = "jobs"

    /// The states a job goes through.
    public enum State: String, Codable, Sendable, CaseIterable {
        case queued, running, done, failed, cancelled
    }

    @ID(key: .id) public var id: UUID?
    /// The company the job works for; nil for installation-wide jobs.
    @OptionalField(key: "tenant_id") public var tenantID: UUID?
    /// What to do, e.g. `approval.remind`; a handler is registered per kind.
    @Field(key: "kind") public var kind: String
    /// Optional dedupe key: while queued, one job per (tenant, kind, key).
    @OptionalField(key: "key") public var key: String?
    /// `<tenant or ->|<kind>|<key>` when `key` is set: the column the unique index of queued
    /// jobs is on (a NULL tenant would make a plain composite index let duplicates through).
    @OptionalField(key: "dedupe") public var dedupe: String?
    /// The handler's input as JSON text.
    @Field(key: "payload") public var payload: String
    /// Not before this instant (UTC).
    @Field(key: "run_at") public var runAt: Date
    @Field(key: "state") public var state: String
    /// How many times a process has started it (incremented when claimed).
    @Field(key: "attempts") public var attempts: Int
    @OptionalField(key: "last_error") public var lastError: String?
    /// While `running`: the lease; after it another process may take the job over.
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}
}
