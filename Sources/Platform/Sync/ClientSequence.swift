import AfieldAPI
import Fluent
import Foundation
import SQLKit
import Vapor

/// A device's place in its own stream of commands: each write an offline client sends carries
/// `Afield-Client-Id` (a UUID the device made for this user) and `Afield-Client-Seq` (1, 2, 3 …),
/// besides its `Idempotency-Key`. The server applies each number once and in order and remembers
/// the last one per client — Replicache's `lastMutationID` (replicache.dev, "How Replicache
/// Works": push, mutation ids).
///
/// Rules (checked by ``IdempotencyMiddleware`` in the request's one transaction):
/// - seq = last + 1: taken (last moves on in the same transaction as the command's changes).
/// - seq > last + 1: 409 `sync.out_of_order` with `expected` = last + 1; nothing changes.
/// - seq ≤ last under the key it was taken with: a rejection answers the stored rejection again;
///   an applied command whose stored answer has expired answers 409 `sync.already_applied`.
/// - seq ≤ last under another key: 409 `sync.seq_used` with `expected`.
/// - A command refused for good (a 4xx from its handler) still uses its number, recorded in a
///   second transaction after the first rolled back, so later unrelated commands are not blocked;
///   Replicache advances `lastMutationID` past an erroring mutation in the same way.
/// - A client id belongs to the user who first used it: another user's request with it is 409
///   `sync.client_foreign`.
/// Commands are remembered 30 days.
public struct ClientCommand: Sendable, Equatable {
    public static let clientHeader = "Afield-Client-Id"
    public static let seqHeader = "Afield-Client-Seq"
    static let lifetime: TimeInterval = 30 * 24 * 3600

    public var clientID: UUID
    public var seq: Int64

    /// The two headers as the OpenAPI document declares them on every changing route.
    public static let headerParameters: [JSONValue] = [
        ["name": .string(clientHeader), "in": "header", "required": false,
         "description": "An offline client's id (a UUID it made); with Afield-Client-Seq and Idempotency-Key the server applies its commands once and in order.",
         "schema": ["type": "string", "format": "uuid"]],
        ["name": .string(seqHeader), "in": "header", "required": false,
         "description": "The command's number in its client's stream: 1, 2, 3 …; a gap answers 409 sync.out_of_order with the number expected.",
         "schema": ["type": "string", "pattern": "^[1-9][0-9]{0,17}$"]],
    ]

    /// The pair from the request's headers; nil when neither is sent.
    /// - Throws: 422 `sync.invalid_client` when only one is sent, the id is not a UUID or the
    ///   number is not a whole number from 1.
    public static func from(_ headers: HTTPHeaders) throws -> ClientCommand? {
        let id = headers.first(name: clientHeader)
        let seq = headers.first(name: seqHeader)
        if id == nil && seq == nil { return nil }
        guard let id, let seq, let clientID = UUID(uuidString: id), let number = Int64(seq), number >= 1 else {
            throw DomainError.invalid([.init(id == nil || UUID(uuidString: id ?? "") == nil ? clientHeader : seqHeader, "sync.invalid_client")])
        }
        return ClientCommand(clientID: clientID, seq: number)
    }

    /// What taking the number decided.
    enum Taken: Sendable {
        /// The command may run.
        case next
        /// The command was refused before; answer this again.
        case rejected(status: Int, body: String, contentType: String)
    }

    /// Takes `seq` for the command sent under `key`, inside the request's transaction.
    /// - Parameters:
    ///   - fingerprint: the request's keyed fingerprint (as ``IdempotencyMiddleware`` makes it), kept with the number;
    ///   - fingerprints: the request's fingerprint under every key, to recognise a resend made before a key rotation.
    /// - Throws: the 409s of the type's rules; 422 `request.idempotency_key_reused` when a refused number is sent
    ///   again under its key with another request (the refusal belongs to the first).
    func take(key: String, fingerprint: String, fingerprints: [String], actor: RequestActor, on sql: any SQLDatabase, now: Date) async throws -> Taken {
        if try await advance(actor: actor, on: sql, now: now) {
            try await remember(key: key, fingerprint: fingerprint, status: "applied", answer: nil, actor: actor, on: sql, now: now)
            return .next
        }
        guard let row = try await sql.raw("""
            SELECT user_id, last_seq FROM sync_clients WHERE tenant_id = \(bind: actor.tenantID) AND client_id = \(bind: clientID)
            """).first()
        else { throw DomainError(status: 409, code: "sync.out_of_order", params: ["expected": "1"]) }
        guard try row.decode(column: "user_id", as: UUID.self) == actor.userID else { throw DomainError(status: 409, code: "sync.client_foreign") }
        let last = try row.decode(column: "last_seq", as: Int64.self)
        let expected = String(last + 1)
        if seq > last + 1 { throw DomainError(status: 409, code: "sync.out_of_order", params: ["expected": expected]) }
        guard let earlier = try await sql.raw("""
            SELECT key, request_hash, status, answer_status, answer, content_type FROM sync_commands
            WHERE tenant_id = \(bind: actor.tenantID) AND client_id = \(bind: clientID) AND seq = \(bind: seq)
            """).first(), try earlier.decode(column: "key", as: String.self) == key
        else { throw DomainError(status: 409, code: "sync.seq_used", params: ["expected": expected, "seq": String(seq)]) }
        guard fingerprints.contains(try earlier.decode(column: "request_hash", as: String?.self) ?? "") else {
            throw DomainError(status: 422, code: "request.idempotency_key_reused")
        }
        guard try earlier.decode(column: "status", as: String.self) == "rejected",
              let status = try earlier.decode(column: "answer_status", as: Int?.self),
              let answer = try earlier.decode(column: "answer", as: String?.self)
        else { throw DomainError(status: 409, code: "sync.already_applied", params: ["seq": String(seq)]) }
        return .rejected(status: status, body: answer, contentType: try earlier.decode(column: "content_type", as: String?.self) ?? "application/json")
    }

    /// Records a command refused for good, in its own transaction: its number is used, and a
    /// resend answers `answer` (sealed) again. Does nothing if another request took the number meanwhile.
    func reject(key: String, fingerprint: String, status: Int, answer: String, contentType: String, actor: RequestActor,
                writes: WriteSerializer, on db: any Database, now: Date) async throws {
        try await writes.transaction(on: db) { db in
            let sql = db as! any SQLDatabase
            guard try await advance(actor: actor, on: sql, now: now) else { return }
            try await sql.raw("""
                DELETE FROM sync_commands WHERE tenant_id = \(bind: actor.tenantID) AND created_at < \(bind: now.addingTimeInterval(-Self.lifetime))
                """).run()
            try await remember(key: key, fingerprint: fingerprint, status: "rejected", answer: (status, answer, contentType), actor: actor, on: sql, now: now)
        }
    }

    /// Moves the client's last number from seq − 1 to seq (making the client's row on its first
    /// command); false when it was not at seq − 1. Conditional, so that of two requests with one
    /// number only the first moves it (PostgreSQL re-reads the row after the other's commit;
    /// SQLite has one writer).
    private func advance(actor: RequestActor, on sql: any SQLDatabase, now: Date) async throws -> Bool {
        try await sql.raw("""
            INSERT INTO sync_clients (tenant_id, client_id, user_id, last_seq, updated_at)
            VALUES (\(bind: actor.tenantID), \(bind: clientID), \(bind: actor.userID), 0, \(bind: now))
            ON CONFLICT (tenant_id, client_id) DO NOTHING
            """).run()
        return try await sql.raw("""
            UPDATE sync_clients SET last_seq = \(bind: seq), updated_at = \(bind: now)
            WHERE tenant_id = \(bind: actor.tenantID) AND client_id = \(bind: clientID) AND user_id = \(bind: actor.userID)
              AND last_seq = \(bind: seq - 1)
            RETURNING last_seq
            """).first() != nil
    }

    private func remember(key: String, fingerprint: String, status: String, answer: (Int, String, String)?, actor: RequestActor,
                          on sql: any SQLDatabase, now: Date) async throws {
        try await sql.raw("""
            INSERT INTO sync_commands (tenant_id, client_id, seq, key, request_hash, status, answer_status, answer, content_type, created_at)
            VALUES (\(bind: actor.tenantID), \(bind: clientID), \(bind: seq), \(bind: key), \(bind: fingerprint), \(bind: status),
                    \(bind: answer?.0), \(bind: answer?.1), \(bind: answer?.2), \(bind: now))
            """).run()
    }

    /// Whether an error from a command's handler refuses it for good (it uses its number): a 4xx
    /// other than "try again later" (408, 429, a first try still running).
    static func refusesForGood(status: HTTPResponseStatus, code: String) -> Bool {
        (400..<500).contains(status.code) && status != .requestTimeout && status != .tooManyRequests
            && code != "request.idempotency_in_progress" && !code.hasPrefix("sync.")
    }
}

/// The last number a client's commands reached.
struct SyncClientState: Sendable {
    /// `lastSeq` of `clientID` for the actor (nil when the server has not seen it, or it is another user's or company's).
    static func lastSeq(_ clientID: UUID, actor: RequestActor, on sql: any SQLDatabase) async throws -> Int64? {
        try await sql.raw("""
            SELECT last_seq FROM sync_clients WHERE tenant_id = \(bind: actor.tenantID) AND client_id = \(bind: clientID) AND user_id = \(bind: actor.userID)
            """).first()?.decode(column: "last_seq", as: Int64.self)
    }
}

/// `sync.0002_command_fingerprints`: a command's request fingerprint, so that a refused number's
/// answer is replayed only to the same request (Schemathesis sent another request under the same
/// client, number and key, and got the first one's refusal).
struct AddSyncCommandFingerprints: AsyncMigration {
    var name: String { "sync.0002_command_fingerprints" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sync_commands").field("request_hash", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sync_commands").deleteField("request_hash").update()
    }
}

/// `sync.0001_clients`: per device the last command number, and the commands of the last 30 days.
struct CreateSyncClients: AsyncMigration {
    var name: String { "sync.0001_clients" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sync_clients")
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("client_id", .uuid, .required)
            .field("user_id", .uuid, .required)
            .field("last_seq", .int64, .required)
            .field("updated_at", .datetime, .required)
            .compositeIdentifier(over: "tenant_id", "client_id")
            .create()
        try await database.schema("sync_commands")
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("client_id", .uuid, .required)
            .field("seq", .int64, .required)
            .field("key", .string, .required)
            .field("status", .string, .required)
            .field("answer_status", .int)
            .field("answer", .string)
            .field("content_type", .string)
            .field("created_at", .datetime, .required)
            .compositeIdentifier(over: "tenant_id", "client_id", "seq")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sync_commands").delete()
        try await database.schema("sync_clients").delete()
    }
}
