import Foundation

/// Answer of `POST /api/v1/auth/login`: a session (`token`, `user`), or — when the account has
/// two-factor authentication — `twoFactorRequired` with a `challenge` to send to
/// `POST /api/v1/auth/login/verify` together with a code.
public struct LoginResponse: Codable, Sendable {
    public var token: String?
    public var user: Me?
    public var twoFactorRequired: Bool
    public var challenge: String?
    public init(token: String?, user: Me?, twoFactorRequired: Bool, challenge: String?) {
        self.token = token
        self.user = user
        self.twoFactorRequired = twoFactorRequired
        self.challenge = challenge
    }
}

/// `POST /api/v1/auth/login/verify`: the second step; `code` is a 6-digit authenticator code or
/// a recovery code (`xxxxx-xxxxx`, each works once).
public struct VerifyLoginRequest: Codable, Sendable {
    public var challenge: String
    public var code: String
    public init(challenge: String, code: String) {
        self.challenge = challenge
        self.code = code
    }
}

/// `POST /api/v1/auth/password`.
public struct ChangePasswordRequest: Codable, Sendable {
    public var current: String
    public var new: String
    public init(current: String, new: String) {
        self.current = current
        self.new = new
    }
}

/// `POST /api/v1/auth/totp/setup` answer: the secret (base32) and the `otpauth://` URI for
/// authenticator apps. Two-factor is on only after `enable` with a valid code.
public struct TOTPSetup: Codable, Sendable {
    public var secret: String
    public var otpauthUri: String
    public init(secret: String, otpauthUri: String) {
        self.secret = secret
        self.otpauthUri = otpauthUri
    }
}

/// Body of `POST /api/v1/auth/totp/enable` and `/disable`.
public struct TOTPCode: Codable, Sendable {
    public var code: String
    public init(code: String) { self.code = code }
}

/// `POST /api/v1/auth/totp/enable` answer: ten recovery codes, shown this once.
public struct RecoveryCodes: Codable, Sendable {
    public var recoveryCodes: [String]
    public init(recoveryCodes: [String]) { self.recoveryCodes = recoveryCodes }
}

/// One signed-in session or API token of the caller (`GET /api/v1/auth/sessions`).
public struct SessionInfo: Codable, Sendable {
    public var id: UUID
    /// `web` (the web app), `client` (an API client signed in with a password) or `api` (an API token).
    public var kind: String
    public var createdAt: Date?
    public var expiresAt: Date
    public var current: Bool
    public init(id: UUID, kind: String, createdAt: Date?, expiresAt: Date, current: Bool) {
        self.id = id
        self.kind = kind
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.current = current
    }
}
