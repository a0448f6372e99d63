import Fluent
import Foundation
import Vapor

/// Creating companies, users and sessions. Used by registration, the demo loader and imports.
public struct IdentityService: Sendable {
    /// How long a session or token stays valid.
    public static let sessionLifetime: TimeInterval = 30 * 24 * 3600
    /// Minimum password length (DESIGN §5; the full policy comes with sign-in security).
    public static let minimumPasswordLength = 10

    public let db: any Database
    public let hasher: AsyncPasswordHasher

    public init(db: any Database, hasher: AsyncPasswordHasher) {
        self.db = db
        self.hasher = hasher
    }

    /// Creates a company. `slug` must be unused.
    public func createTenant(slug: String, name: String, currency: Currency, timeZone: String, locale: AppLanguage) async throws -> Tenant {
        let tenant = Tenant(slug: slug, name: name, currency: currency.code, timeZone: timeZone, locale: locale.rawValue)
        try await tenant.create(on: db)
        return tenant
    }

    /// Creates a user; checks e-mail shape, uniqueness and password length.
    /// - Throws: 422 with field errors `email` (`auth.invalid_email`, `auth.email_taken`),
    ///   `password` (`auth.password_too_short`), `name` (`field.required`).
    public func createUser(tenantID: UUID, email: String, name: String, password: String, role: BuiltInRole) async throws -> User {
        let email = Self.normalise(email)
        var problems: [DomainError.Field] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(.init("name", "field.required")) }
        if !Self.looksLikeEmail(email) {
            problems.append(.init("email", "auth.invalid_email"))
        } else if try await User.query(on: db).filter(\.$email == email).first() != nil {
            problems.append(.init("email", "auth.email_taken"))
        }
        if password.count < Self.minimumPasswordLength {
            problems.append(.init("password", "auth.password_too_short", params: ["min": String(Self.minimumPasswordLength)]))
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let hash = try await hasher.hash(password)
        let user = User(tenantID: tenantID, email: email, name: name.trimmingCharacters(in: .whitespaces), passwordHash: hash, role: role.key)
        try await user.create(on: db)
        return user
    }

    /// Checks e-mail and password and opens a session.
    /// - Throws: 401 `auth.invalid_credentials` (same answer for unknown e-mail and wrong password).
    public func signIn(email: String, password: String, kind: String) async throws -> (token: String, user: User) {
        guard let user = try await User.query(on: db).filter(\.$email == Self.normalise(email)).first(),
              try await hasher.verify(password, created: user.passwordHash)
        else { throw DomainError(status: 401, code: "auth.invalid_credentials") }
        guard user.active else { throw DomainError(status: 401, code: "auth.user_inactive") }
        return (try await openSession(for: user, kind: kind), user)
    }

    /// Opens a session for `user` and returns its token (shown once, stored hashed).
    public func openSession(for user: User, kind: String) async throws -> String {
        let (token, hash) = UserSession.makeToken()
        let session = UserSession(tenantID: user.tenantID, userID: try user.requireID(), tokenHash: hash, kind: kind,
                                  expiresAt: Date().addingTimeInterval(Self.sessionLifetime))
        try await session.create(on: db)
        return token
    }

    static func normalise(_ email: String) -> String { email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }

    static func looksLikeEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !email.contains(" ") && email.count <= 254
    }
}
