import Fluent
import Foundation
import SQLKit

/// Throttles and locks sign-in (DESIGN §5): per account at most 5 failures in 15 minutes,
/// per IP address at most 20, then 429 with the seconds to wait; 10 failures in a row lock the
/// account until an administrator unlocks it (423). OWASP Authentication Cheat Sheet.
public struct SignInGuard: Sendable {
    public static let window: TimeInterval = 15 * 60
    public static let accountLimit = 5
    public static let addressLimit = 20
    public static let lockAfter = 10

    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Refuses the attempt before any password is checked.
    /// - Throws: 429 `auth.too_many_attempts` with `retryAfter` (seconds).
    public func check(email: String, ip: String, now: Date = Date()) async throws {
        let sql = db as! any SQLDatabase
        let since = now.addingTimeInterval(-Self.window)
        for (column, value, limit) in [("email", email, Self.accountLimit), ("ip", ip, Self.addressLimit)] {
            let rows = try await sql.raw("""
                SELECT at FROM sign_in_attempts WHERE \(ident: column) = \(bind: value) AND succeeded = \(bind: false) AND at > \(bind: since)
                ORDER BY at DESC LIMIT \(literal: limit)
                """).all()
            if rows.count >= limit, let oldest = try rows.last?.decode(column: "at", as: Date.self) {
                let wait = max(1, Int((oldest.addingTimeInterval(Self.window).timeIntervalSince(now)).rounded(.up)))
                throw DomainError(status: 429, code: "auth.too_many_attempts", params: ["retryAfter": String(wait)])
            }
        }
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
