import Crypto
import Fluent
import Foundation
import SQLKit

/// Two-factor sign-in with TOTP and recovery codes: enrolment, the login challenge, checks.
public struct TwoFactor: Sendable {
    /// How long the second step may take.
    public static let challengeLifetime: TimeInterval = 5 * 60
    /// Wrong codes allowed per challenge before it is spent.
    public static let challengeAttempts = 5

    let db: any Database
    let cipher: FieldCipher

    public init(db: any Database, cipher: FieldCipher) {
        self.db = db
        self.cipher = cipher
    }

    /// A new secret (160 bits, RFC 4226 §4) sealed on the user, not yet enabled.
    public func setUp(_ user: User, issuer: String) async throws -> (secret: String, uri: String) {
        let secret = Base32.encode(SymmetricKey(size: .bits128).withUnsafeBytes { Data($0) } + Data((0..<4).map { _ in UInt8.random(in: 0...255) }))
        user.totpSecret = try cipher.seal(secret)
        user.totpEnabled = false
        user.totpLastStep = nil
        try await user.save(on: db)
        let label = "\(issuer):\(user.email)".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? user.email
        let issuerText = issuer.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? issuer
        return (secret, "otpauth://totp/\(label)?secret=\(secret)&issuer=\(issuerText)&algorithm=SHA1&digits=6&period=30")
    }

    /// Turns two-factor on when `code` matches the pending secret; returns ten recovery codes.
    /// - Throws: 422 `auth.invalid_code` (field `code`); 409 `auth.totp_not_set_up`.
    public func enable(_ user: User, code: String, now: Date = Date()) async throws -> [String] {
        guard let sealed = user.totpSecret else { throw DomainError(status: 409, code: "auth.totp_not_set_up") }
        guard let step = try totp(sealed).matchingStep(code, at: now) else { throw DomainError.invalid([.init("code", "auth.invalid_code")]) }
        let codes = (0..<10).map { _ in Self.recoveryCode() }
        user.totpEnabled = true
        user.totpLastStep = step
        user.recoveryCodes = try Self.encode(codes.map(Self.hash))
        user.version += 1
        try await user.save(on: db)
        return codes
    }

    /// Turns two-factor off after a valid current code.
    public func disable(_ user: User, code: String, now: Date = Date()) async throws {
        guard user.totpEnabled, let sealed = user.totpSecret, try totp(sealed).matchingStep(code, at: now) != nil else {
            throw DomainError.invalid([.init("code", "auth.invalid_code")])
        }
        user.totpEnabled = false
        user.totpSecret = nil
        user.totpLastStep = nil
        user.recoveryCodes = nil
        user.version += 1
        try await user.save(on: db)
    }

    /// Starts the second sign-in step; returns the challenge token (stored hashed).
    public func challenge(for user: User, now: Date = Date()) async throws -> String {
        let (token, hash) = UserSession.makeToken()
        try await (db as! any SQLDatabase).raw("""
            INSERT INTO login_challenges (id, user_id, token_hash, expires_at, attempts)
            VALUES (\(bind: UUID()), \(bind: try user.requireID()), \(bind: hash), \(bind: now.addingTimeInterval(Self.challengeLifetime)), 0)
            """).run()
        return token
    }

    /// Spends one of a challenge's attempts, before its code is checked: one conditional update, in
    /// a transaction of its own, so that a wrong code still counts (the failure that follows rolls
    /// back only the check) and codes sent in parallel cannot share one attempt.
    /// - Throws: 401 `auth.challenge_expired` when unknown, expired or out of attempts.
    public func claimAttempt(challenge: String, now: Date = Date()) async throws {
        let claimed = try await (db as! any SQLDatabase).raw("""
            UPDATE login_challenges SET attempts = attempts + 1
            WHERE token_hash = \(bind: UserSession.hash(challenge)) AND attempts < \(bind: Self.challengeAttempts) AND expires_at > \(bind: now)
            RETURNING id
            """).first()
        if claimed == nil { throw DomainError(status: 401, code: "auth.challenge_expired") }
    }

    /// Checks the code for a challenge whose attempt was claimed (``claimAttempt(challenge:now:)``);
    /// returns the user and the method (`totp` or `recovery`). A code works once: a TOTP step not
    /// newer than the last accepted one is refused, and a recovery code is struck off when used.
    /// - Throws: 401 `auth.challenge_expired` (unknown or expired), 401 `auth.invalid_code`.
    public func verify(challenge: String, code: String, now: Date = Date()) async throws -> (User, String) {
        let sql = db as! any SQLDatabase
        let hash = UserSession.hash(challenge)
        guard let row = try await sql.raw("""
            SELECT id, user_id, expires_at, attempts FROM login_challenges WHERE token_hash = \(bind: hash)
            """).first(),
            try row.decode(column: "expires_at", as: Date.self) > now,
            let user = try await User.find(try row.decode(column: "user_id", as: UUID.self), on: db), user.active, user.lockedAt == nil
        else { throw DomainError(status: 401, code: "auth.challenge_expired") }
        let challengeID = try row.decode(column: "id", as: UUID.self)
        var method: String?
        if let sealed = user.totpSecret, let step = try totp(sealed).matchingStep(code, at: now), step > (user.totpLastStep ?? .min) {
            user.totpLastStep = step
            method = "totp"
        } else if var hashes = try Self.decode(user.recoveryCodes), let index = hashes.firstIndex(of: Self.hash(Self.normaliseRecovery(code))) {
            hashes.remove(at: index)
            user.recoveryCodes = try Self.encode(hashes)
            method = "recovery"
        }
        guard let method else { throw DomainError(status: 401, code: "auth.invalid_code") }
        try await user.save(on: db)
        try await sql.raw("DELETE FROM login_challenges WHERE id = \(bind: challengeID)").run()
        return (user, method)
    }

    private func totp(_ sealed: String) throws -> TOTP {
        guard let secret = Base32.decode(try cipher.open(sealed)) else { throw DomainError(status: 500, code: "internal") }
        return TOTP(secret: secret)
    }

    /// `xxxxx-xxxxx` from an alphabet without look-alikes.
    static func recoveryCode() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        let chars = (0..<10).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] }
        return String(chars[0..<5]) + "-" + String(chars[5..<10])
    }

    static func normaliseRecovery(_ code: String) -> String {
        let plain = code.lowercased().filter { $0.isLetter || $0.isNumber }
        guard plain.count == 10 else { return code }
        return String(plain.prefix(5)) + "-" + String(plain.suffix(5))
    }

    static func hash(_ code: String) -> String { SHA256.hash(data: Data(code.utf8)).map { String(format: "%02x", $0) }.joined() }

    static func encode(_ hashes: [String]) throws -> String { String(decoding: try JSONEncoder().encode(hashes), as: UTF8.self) }

    static func decode(_ text: String?) throws -> [String]? {
        guard let text else { return nil }
        return try JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}
