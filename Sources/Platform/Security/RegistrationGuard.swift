import Fluent
import Foundation
import SQLKit

/// Bounds anonymous company registrations per IP address (issue 8 point 5): at most
/// ``limit`` registrations that get as far as the e-mail check and the password hash in
/// ``window``, then 429 `auth.too_many_registrations` with the seconds to wait. Each costs a
/// bcrypt hash (~0.3 s of a core) and answers whether an e-mail is free, so unthrottled they
/// were both a cheap way to load the server and an e-mail oracle. OWASP Authentication Cheat
/// Sheet, "Account creation"; the sign-in counterpart is ``SignInGuard``.
public enum RegistrationGuard {
    public static let window: TimeInterval = 3600
    public static let limit = 10

    /// Counts a registration from `ip` and refuses it past the limit. The attempt is written first
    /// and counted afterwards, in separate transactions, so that each count sees every attempt
    /// committed before it: of registrations sent at once, at most ``limit`` go through.
    /// - Throws: 429 `auth.too_many_registrations` with `retryAfter` (seconds).
    public static func admit(ip: String, writes: WriteSerializer, on db: any Database, now: Date = Date()) async throws {
        let id = UUID()
        try await writes.transaction(on: db) { db in
            let sql = db as! any SQLDatabase
            try await sql.raw("DELETE FROM registration_attempts WHERE at < \(bind: now.addingTimeInterval(-Self.window))").run()
            try await sql.raw("INSERT INTO registration_attempts (id, ip, at) VALUES (\(bind: id), \(bind: ip), \(bind: now))").run()
        }
        // Counted through the write queue: on SQLite a read must not wait for the one connection.
        let rows = try await writes.transaction(on: db) { db in
            try await (db as! any SQLDatabase).raw("""
                SELECT at FROM registration_attempts WHERE ip = \(bind: ip) AND at > \(bind: now.addingTimeInterval(-Self.window))
                ORDER BY at DESC LIMIT \(literal: Self.limit + 1)
                """).all().map { try $0.decode(column: "at", as: Date.self) }
        }
        if rows.count > Self.limit, let oldest = rows.last {
            let wait = max(1, Int(oldest.addingTimeInterval(Self.window).timeIntervalSince(now).rounded(.up)))
            throw DomainError(status: 429, code: "auth.too_many_registrations", params: ["retryAfter": String(wait)])
        }
    }
}

/// `platform.0016_registration_attempts`.
struct CreateRegistrationAttempts: AsyncMigration {
    var name: String { "platform.0016_registration_attempts" }

    func prepare(on database: any Database) async throws {
        try await database.schema("registration_attempts")
            .id()
            .field("ip", .string, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws { try await database.schema("registration_attempts").delete() }
}
