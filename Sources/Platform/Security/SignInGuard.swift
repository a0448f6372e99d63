import Fluent
import Foundation
import SQLKit

/// Throttles and locks sign-in (DESIGN §5): per account at most 5 failures in 15 minutes,
/// per IP address at most 20, then 429 with the seconds to wait; 10 failures in a row lock the
/// account until an administrator unlocks it (423). OWASP Authentication Cheat Sheet.
///
/// An attempt is claimed before its password is checked (``claim(email:ip:now:)``): it is written
/// as a failure first and counted with the others, so that guesses sent in parallel all count and
/// no more than the limit ever reach the password check; a success is marked afterwards.
public struct SignInGuard: Sendable {
    public static let window: TimeInterval = 15 * 60
    public static let accountLimit = 5
    public static let addressLimit = 20
    public static let lockAfter = 10

    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Refuses the attempt before any password is checked; `claimed`: the attempt itself is
    /// already written and counted among the failures.
    /// - Throws: 429 `auth.too_many_attempts` with `retryAfter` (seconds).
    public func check(email: String, ip: String, claimed: Bool = false, now: Date = Date()) async throws {
        let sql = db as! any SQLDatabase
        let since = now.addingTimeInterval(-Self.window)
        for (column, value, limit) in [("email", email, Self.accountLimit), ("ip", ip, Self.addressLimit)] {
            let allowed = claimed ? limit + 1 : limit
            let rows = try await sql.raw("""
                SELECT at FROM sign_in_attempts WHERE \(ident: column) = \(bind: value) AND succeeded = \(bind: false) AND at > \(bind: since)
                ORDER BY at DESC LIMIT \(literal: allowed)
                """).all()
            if rows.count >= allowed, let oldest = try rows.last?.decode(column: "at", as: Date.self) {
                let wait = max(1, Int((oldest.addingTimeInterval(Self.window).timeIntervalSince(now)).rounded(.up)))
                throw DomainError(status: 429, code: "auth.too_many_attempts", params: ["retryAfter": String(wait)])
            }
        }
    }

    /// Claims an attempt: writes it as a failure, then counts it with the others; past a limit it
    /// is taken back and refused. The two steps are separate transactions, so that each count sees
    /// every claim committed before it — of attempts sent at once, at most the limit go through.
    /// - Returns: the attempt's id, for ``succeeded(_:)``.
    /// - Throws: 429 `auth.too_many_attempts` with `retryAfter` (seconds).
    public static func claim(email: String, ip: String, writes: WriteSerializer, on db: any Database, now: Date = Date()) async throws -> UUID {
        let id = UUID()
        try await writes.transaction(on: db) { db in
            try await (db as! any SQLDatabase).raw("""
                INSERT INTO sign_in_attempts (id, email, ip, at, succeeded) VALUES (\(bind: id), \(bind: email), \(bind: ip), \(bind: now), \(bind: false))
                """).run()
        }
        do {
            // Counted through the write queue: on SQLite a read must not wait for the one connection.
            try await writes.transaction(on: db) { db in try await SignInGuard(db: db).check(email: email, ip: ip, claimed: true, now: now) }
        } catch {
            try? await writes.transaction(on: db) { db in
                try await (db as! any SQLDatabase).raw("DELETE FROM sign_in_attempts WHERE id = \(bind: id)").run()
            }
            throw error
        }
        return id
    }

    /// Marks a claimed attempt as a success (call in a write transaction).
    public func succeeded(_ id: UUID) async throws {
        try await (db as! any SQLDatabase).raw("UPDATE sign_in_attempts SET succeeded = \(bind: true) WHERE id = \(bind: id)").run()
    }

    /// Records an attempt. Call inside a write transaction.
    public func record(email: String, ip: String, succeeded: Bool, now: Date = Date()) async throws {
        try await (db as! any SQLDatabase).raw("""
            INSERT INTO sign_in_attempts (id, email, ip, at, succeeded) VALUES (\(bind: UUID()), \(bind: email), \(bind: ip), \(bind: now), \(bind: succeeded))
            """).run()
    }

    /// Failures since the last success for `email`.
    public func consecutiveFailures(email: String) async throws -> Int {
        let sql = db as! any SQLDatabase
        let last = try await sql.raw("""
            SELECT at FROM sign_in_attempts WHERE email = \(bind: email) AND succeeded = \(bind: true) ORDER BY at DESC LIMIT 1
            """).first().map { try $0.decode(column: "at", as: Date.self) } ?? .distantPast
        let row = try await sql.raw("""
            SELECT COUNT(*) AS n FROM sign_in_attempts WHERE email = \(bind: email) AND succeeded = \(bind: false) AND at > \(bind: last)
            """).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }
}
