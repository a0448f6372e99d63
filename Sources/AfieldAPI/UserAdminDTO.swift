import Foundation

/// A user as administrators see it (`GET /api/v1/auth/users`).
public struct UserDTO: Codable, Sendable {
    public var id: UUID
    public var name: String
    public var email: String
    /// Keys of the roles held, sorted (see ``RoleDTO``).
    public var roles: [String]
    public var active: Bool
    public var locked: Bool
    public var twoFactorEnabled: Bool
    public var mustChangePassword: Bool
    public var version: Int
    public init(id: UUID, name: String, email: String, roles: [String], active: Bool, locked: Bool, twoFactorEnabled: Bool,
                mustChangePassword: Bool, version: Int) {
        self.id = id
        self.name = name
        self.email = email
        self.roles = roles
        self.active = active
        self.locked = locked
        self.twoFactorEnabled = twoFactorEnabled
        self.mustChangePassword = mustChangePassword
        self.version = version
    }
}

/// `POST /api/v1/auth/users`: an administrator creates a user. The answer carries a one-time
/// temporary password; the user must change it at first sign-in.
public struct NewUserRequest: Codable, Sendable {
    public var name: String
    public var email: String
    /// Role keys, at least one.
    public var roles: [String]
    public var employeeId: UUID?
    public init(name: String, email: String, roles: [String], employeeId: UUID? = nil) {
        self.name = name
        self.email = email
        self.roles = roles
        self.employeeId = employeeId
    }
}

/// Answer of `POST /api/v1/auth/users`.
public struct NewUserResponse: Codable, Sendable {
    public var user: UserDTO
    /// Shown once; hand it to the person by a channel of your choice.
    public var temporaryPassword: String
    public init(user: UserDTO, temporaryPassword: String) {
        self.user = user
        self.temporaryPassword = temporaryPassword
    }
}

/// `PATCH /api/v1/auth/users/{id}`: `version` required. Deactivating signs the user out
/// everywhere at once (sessions and API tokens) and refuses sign-in; their records stay.
public struct UserUpdate: Codable, Sendable {
    public var version: Int?
    public var name: String?
    /// The complete new set of role keys (at least one). An administrator cannot take
    /// `administrator` from themselves.
    public var roles: [String]?
    public var active: Bool?
    public init(version: Int?, name: String? = nil, roles: [String]? = nil, active: Bool? = nil) {
        self.version = version
        self.name = name
        self.roles = roles
        self.active = active
    }
}

/// `POST /api/v1/auth/tokens`: an API token for an integration, limited to `permissions` (a
/// subset of the caller's) and valid `days` days (1…365).
public struct NewTokenRequest: Codable, Sendable {
    public var name: String
    public var permissions: [String]
    public var days: Int?
    public init(name: String, permissions: [String], days: Int? = nil) {
        self.name = name
        self.permissions = permissions
        self.days = days
    }
}

/// Answer of `POST /api/v1/auth/tokens`; `token` is shown this once.
public struct NewTokenResponse: Codable, Sendable {
    public var id: UUID
    public var token: String
    public var permissions: [String]
    public var expiresAt: Date
    public init(id: UUID, token: String, permissions: [String], expiresAt: Date) {
        self.id = id
        self.token = token
        self.permissions = permissions
        self.expiresAt = expiresAt
    }
}
