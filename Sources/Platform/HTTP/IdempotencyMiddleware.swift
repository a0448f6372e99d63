import AfieldAPI
import Fluent
import Foundation
import SQLKit
import Vapor

/// Honours the `Idempotency-Key` header on routes that change data (DESIGN §4, case X-25).
///
/// The first request with a key runs and its answer (status and body) is stored under
/// (tenant, user, key); a retry with the same key and the same request gets that stored answer
/// again (`Idempotent-Replayed: true`) and changes nothing. The stored answer is sealed with the
/// ``FieldCipher`` and the request is kept only as a keyed fingerprint (HMAC-SHA256), so no
/// personal or sensitive value of either sits in the table in plaintext. The same key with another
/// request is 422 `request.idempotency_key_reused`. Keys are kept 24 hours.
///
/// Claim, business writes and stored answer are one transaction (``WriteSerializer/whole(on:_:)``):
/// the request's handler runs inside it and every read and write of the handler joins it. So a
/// process that dies anywhere in between leaves nothing behind, neither the business change nor
/// the claim, and the retry runs the request once; a request that committed always has its answer
/// to replay. A retry that arrives while the first is still running waits for it on PostgreSQL
/// (the claim's unique row is locked until commit) and on SQLite (one writer), then replays. A
/// request that fails (4xx raised as an error, 5xx) keeps nothing, so it can be retried as it is.
///
/// With `Afield-Client-Id` and `Afield-Client-Seq` the request is also a numbered command of an
/// offline client (``ClientCommand``): its number is taken in the same transaction, and a refusal
/// for good is kept against the number.
///
/// Semantics follow the IETF draft "The Idempotency-Key HTTP Header Field" and Stripe's API;
/// the one-transaction design is that of Brandur Leach, "Implementing Stripe-like Idempotency
/// Keys in Postgres" (2017), with the whole request as one atomic phase.
public struct IdempotencyMiddleware: AsyncMiddleware {
    public static let header = "Idempotency-Key"
    static let lifetime: TimeInterval = 24 * 3600

    /// Largest request body read to fingerprint the request (bytes): the route's own limit.
    let maxBodySize: Int

    public init(maxBodySize: Int = 1_048_576) { self.maxBodySize = maxBodySize }

    /// A 5xx answer: the transaction is rolled back and the answer sent as it is.
    private struct Abandoned: Error, @unchecked Sendable { let response: Response }

    /// An error thrown by the handler of a numbered command (``ClientCommand``).
    private struct Refused: Error, @unchecked Sendable { let error: any Error }

    private enum Outcome: @unchecked Sendable {
        case ran(Response)
        case replay
    }

    public func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Checked first, so that a malformed or half pair is refused on every changing route.
        let command = try ClientCommand.from(request.headers)
        guard let key = request.headers.first(name: Self.header), let actor = request.auth.get(RequestActor.self) else {
            // A numbered command without a key could be applied twice by a resend: refuse it.
            if command != nil { throw DomainError.invalid([.init(Self.header, "sync.key_required")]) }
            return try await next.respond(to: request)
        }
        guard Self.isValidKey(key) else { throw DomainError.invalid([.init(Self.header, "request.invalid_idempotency_key")]) }
        let body = try await request.body.collect(max: maxBodySize).get()
        var text = Data("\(request.method.rawValue) \(request.url.path)\n".utf8)
        if let body { text.append(Self.canonical(Data(buffer: body))) }
        let cipher = request.application.afield.cipher
        // Keyed, so a stored fingerprint cannot be used to guess a sensitive value in the request.
        let fingerprint = cipher.fingerprint(text)
        let fingerprints = cipher.fingerprints(text)
        let outcome: Outcome
        do {
            outcome = try await request.application.afieldWrites.whole(on: request.db) { db in
                let sql = db as! any SQLDatabase
                try await sql.raw("""
                    DELETE FROM idempotency_keys WHERE tenant_id = \(bind: actor.tenantID) AND created_at < \(bind: Date().addingTimeInterval(-Self.lifetime))
                    """).run()
                let claimed = try await sql.raw("""
                    INSERT INTO idempotency_keys (id, tenant_id, user_id, key, request_hash, created_at)
                    VALUES (\(bind: UUID()), \(bind: actor.tenantID), \(bind: actor.userID), \(bind: key), \(bind: fingerprint), \(bind: Date()))
                    ON CONFLICT (tenant_id, user_id, key) DO NOTHING RETURNING id
                    """).first() != nil
                guard claimed else { return .replay }
                if let command, case .rejected(let status, let body, let contentType) = try await command.take(key: key, fingerprint: fingerprint, fingerprints: fingerprints,
                                                                                                                 actor: actor, on: sql, now: Date()) {
                    var headers = HTTPHeaders()
                    headers.replaceOrAdd(name: .contentType, value: contentType)
                    headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true")
                    throw Abandoned(response: Response(status: HTTPResponseStatus(statusCode: status), headers: headers, body: .init(string: try cipher.open(body))))
                }
                let response: Response
                do {
                    response = try await next.respond(to: request)
                } catch where command != nil {
                    throw Refused(error: error)
                }
                if response.status.code >= 500 { throw Abandoned(response: response) }
                let stored = try await response.body.collect(on: request.eventLoop).get()
                let bytes = stored.map { Data(buffer: $0) } ?? Data()
                try await sql.raw("""
                    UPDATE idempotency_keys SET status = \(bind: Int(response.status.code)), body = \(bind: try cipher.seal(String(decoding: bytes, as: UTF8.self))),
                           content_type = \(bind: response.headers.contentType?.serialize() ?? "application/json")
                    WHERE tenant_id = \(bind: actor.tenantID) AND user_id = \(bind: actor.userID) AND key = \(bind: key)
                    """).run()
                return .ran(response)
            }
        } catch let abandoned as Abandoned {
            return abandoned.response
        } catch let refused as Refused {
            guard let command else { throw refused.error }
            return try await answer(refused.error, of: command, key: key, fingerprint: fingerprint, actor: actor, request: request)
        }
        switch outcome {
        case .ran(let response): return response
        case .replay: return try await replay(request, actor: actor, key: key, fingerprints: fingerprints)
        }
    }

    /// The answer to a numbered command whose handler threw `error`: a refusal for good uses the
    /// command's number and is kept for a resend (``ClientCommand``); anything else leaves the
    /// number free, so the same command can be sent again.
    private func answer(_ error: any Error, of command: ClientCommand, key: String, fingerprint: String, actor: RequestActor,
                        request: Request) async throws -> Response {
        let (response, code) = try APIErrorMiddleware(catalog: request.application.afield.catalog).render(error, for: request)
        guard ClientCommand.refusesForGood(status: response.status, code: code) else { throw error }
        let bytes = try await response.body.collect(on: request.eventLoop).get().map { Data(buffer: $0) } ?? Data()
        let body = String(decoding: bytes, as: UTF8.self)
        try await command.reject(key: key, fingerprint: fingerprint, status: Int(response.status.code), answer: try request.application.afield.cipher.seal(body),
                                 contentType: response.headers.contentType?.serialize() ?? "application/json", actor: actor,
                                 writes: request.application.afieldWrites, on: request.db, now: Date())
        response.body = .init(string: body)
        return response
    }

    /// 1 to 200 printable ASCII characters, as the IETF draft's structured-header string allows: a
    /// key of combining marks 200 "characters" long was 10 KB and overflowed PostgreSQL's index.
    static func isValidKey(_ key: String) -> Bool {
        (1...200).contains(key.unicodeScalars.count) && key.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }
    }

    /// The `Idempotency-Key` header as the OpenAPI document declares it on every changing route.
    public static let headerParameter: JSONValue = [
        "name": .string(header), "in": "header", "required": false,
        "description": "Makes a retry safe: the first answer is replayed, nothing is done twice (24 hours).",
        "schema": ["type": "string", "pattern": "^[\\x20-\\x7E]{1,200}$"],
    ]

    /// JSON with sorted keys and no spacing, so the same request encoded twice (keys in
    /// another order) counts as the same; other bodies as they are.
    static func canonical(_ body: Data) -> Data {
        guard let value = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]),
              let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
        else { return body }
        return data
    }

    /// - Parameter fingerprints: the request's fingerprint under every key (one made before a key rotation still matches).
    private func replay(_ request: Request, actor: RequestActor, key: String, fingerprints: [String]) async throws -> Response {
        let sql = request.database as! any SQLDatabase
        guard let row = try await sql.raw("""
            SELECT request_hash, status, body, content_type FROM idempotency_keys
            WHERE tenant_id = \(bind: actor.tenantID) AND user_id = \(bind: actor.userID) AND key = \(bind: key)
            """).first()
        else { throw DomainError(status: 409, code: "request.idempotency_in_progress") }
        guard fingerprints.contains(try row.decode(column: "request_hash", as: String.self)) else {
            throw DomainError(status: 422, code: "request.idempotency_key_reused")
        }
        // No claim stays unanswered any more (claim and answer commit together); a row without a
        // status is a claim left by a version before that, which may or may not have committed.
        guard let status = try row.decode(column: "status", as: Int?.self) else {
            throw DomainError(status: 409, code: "request.idempotency_in_progress")
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: try row.decode(column: "content_type", as: String?.self) ?? "application/json")
        headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true")
        let stored = try row.decode(column: "body", as: String?.self) ?? ""
        // Answers are sealed (they may hold personal data); rows from before that are plain JSON.
        let body = stored.hasPrefix("v1:") ? try request.application.afield.cipher.open(stored) : stored
        return Response(status: HTTPResponseStatus(statusCode: status), headers: headers, body: .init(string: body))
    }
}

/// `platform.0004_idempotency_keys`.
struct CreateIdempotencyKeys: AsyncMigration {
    var name: String { "platform.0004_idempotency_keys" }

    func prepare(on database: any Database) async throws {
        try await database.schema("idempotency_keys")
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("user_id", .uuid, .required)
            .field("key", .string, .required)
            .field("request_hash", .string, .required)
            .field("status", .int)
            .field("body", .string)
            .field("content_type", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "tenant_id", "user_id", "key")
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("idempotency_keys").delete() }
}
