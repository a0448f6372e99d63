import Fluent
import SQLKit

/// `platform.0006_sign_in_security`: lockout, two-factor and throttling state.
struct AddSignInSecurity: AsyncMigration {
    var name: String { "platform.0006_sign_in_security" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite's ALTER TABLE adds one at a time.
        try await database.schema(User.schema).field("locked_at", .datetime).update()
        try await database.schema(User.schema).field("totp_secret", .string).update()
        try await database.schema(User.schema).field("totp_enabled", .bool, .required, .sql(.default(false))).update()
        try await database.schema(User.schema).field("totp_last_step", .int64).update()
        try await database.schema(User.schema).field("recovery_codes", .string).update()
        try await database.schema("sign_in_attempts")
            .id()
            .field("email", .string, .required)
            .field("ip", .string, .required)
            .field("at", .datetime, .required)
            .field("succeeded", .bool, .required)
            .create()
        try await database.schema("login_challenges")
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("token_hash", .string, .required).unique(on: "token_hash")
            .field("expires_at", .datetime, .required)
            .field("attempts", .int, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX sign_in_attempts_email ON sign_in_attempts (email, at)").run()
        try await sql.raw("CREATE INDEX sign_in_attempts_ip ON sign_in_attempts (ip, at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_challenges").delete()
        try await database.schema("sign_in_attempts").delete()
        for field in ["locked_at", "totp_secret", "totp_enabled", "totp_last_step", "recovery_codes"] {
            try await database.schema(User.schema).deleteField(.string(field)).update()
        }
    }
}
