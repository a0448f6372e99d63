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
        try await RoleSeeding.seedBuiltInRoles(tenantID: try tenant.requireID(), on: db)
        return tenant
    }

    /// The problems of a new user's fields, without touching the database (call before a
    /// write transaction, so slow checks never hold the write lock).
    public static func problems(email: String, name: String, password: String) -> [DomainError.Field] {
        var problems: [DomainError.Field] = []
        if case .failure(let problem) = TextInput.name(name, max: TextInput.personNameMax) { problems.append(problem.field("name")) }
        if !looksLikeEmail(normalise(email)) { problems.append(.init("email", "auth.invalid_email")) }
        problems += passwordProblems(password, email: email)
        return problems
    }

    /// Password rules: at least 10 characters; at most 72 bytes and no NUL character, because
    /// bcrypt reads only the first 72 bytes and stops at NUL — a longer or NUL-carrying
    /// password would silently accept other passwords (OWASP Password Storage Cheat Sheet).
    public static func passwordProblems(_ password: String) -> [DomainError.Field] {
        if password.count < minimumPasswordLength {
            return [.init("password", "auth.password_too_short", params: ["min": String(minimumPasswordLength)])]
        }
        if password.utf8.count > maximumPasswordBytes || password.utf8.contains(0) {
            return [.init("password", "auth.password_too_long", params: ["max": String(maximumPasswordBytes)])]
        }
        return []
    }

    /// ``passwordProblems(_:)`` plus the block list and the e-mail check of ``PasswordPolicy``,
    /// reported at `field`.
    public static func passwordProblems(_ password: String, email: String, field: String = "password") -> [DomainError.Field] {
        let basic = passwordProblems(password).map { DomainError.Field(field, $0.code, params: $0.params) }
        if !basic.isEmpty { return basic }
        return PasswordPolicy.problem(password, email: email).map { [DomainError.Field(field, $0)] } ?? []
    }

    /// bcrypt's input limit in bytes.
    public static let maximumPasswordBytes = 72

    /// A bcrypt hash of `password`; run it outside write transactions (it takes ~0.3 s).
    public func hash(_ password: String) async throws -> String { try await hasher.hash(password) }

    /// Creates a user holding the company roles `roles` (keys), with an already computed
    /// password hash (see ``hash(_:)``).
    /// - Throws: 422 `auth.email_taken` (field `email`) when the e-mail is in use, plus the
    ///   field problems of ``problems(email:name:password:)`` and of
    ///   ``RoleAssignment/replace(userID:tenantID:keys:on:)``.
    public func createUser(tenantID: UUID, email: String, name: String, passwordHash: String, roles: [String],
                           pendingProblems: [DomainError.Field] = []) async throws -> User {
        let email = Self.normalise(email)
        var problems = pendingProblems
        if Self.looksLikeEmail(email), try await User.query(on: db).filter(\.$email == email).first() != nil {
            problems.insert(.init("email", "auth.email_taken"), at: problems.firstIndex { $0.path == "password" } ?? problems.endIndex)
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let cleaned = (try? TextInput.name(name, max: TextInput.personNameMax).get()) ?? nil
        let user = User(tenantID: tenantID, email: email, name: cleaned ?? name.trimmingCharacters(in: .whitespaces), passwordHash: passwordHash)
        try await user.create(on: db)
        try await RoleAssignment.replace(userID: try user.requireID(), tenantID: tenantID, keys: roles, on: db)
        return user
    }

    /// Checks and hashes, then creates and audits (for imports and the demo, which run in their own transaction).
    public func createUser(tenantID: UUID, email: String, name: String, password: String, role: BuiltInRole, audit: AuditContext) async throws -> User {
        let problems = Self.problems(email: email, name: name, password: password)
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        return try await createUser(tenantID: tenantID, email: email, name: name, passwordHash: try await hash(password), role: role, audit: audit)
    }

    /// Creates and audits a user whose password was checked (``problems(email:name:password:)``)
    /// and hashed before: imports give many users one password and hash it once, outside
    /// their transaction, instead of once per user inside it.
    public func createUser(tenantID: UUID, email: String, name: String, passwordHash: String, role: BuiltInRole, audit: AuditContext) async throws -> User {
        let user = try await createUser(tenantID: tenantID, email: email, name: name, passwordHash: passwordHash, roles: [role.key])
        try await AuditLog.append(entity: "platform.user", entityID: user.id, action: "create", changes: user.auditFields(roles: [role.key]),
                                  context: audit, on: db)
        return user
    }

    /// Checks e-mail and password.
    /// - Throws: 401 `auth.invalid_credentials` (same answer for unknown e-mail and wrong password).
    public func authenticate(email: String, password: String) async throws -> User {
        let user = try await User.query(on: db).filter(\.$email == Self.normalise(email)).first()
        // Same work for unknown e-mails as for wrong passwords, so timing does not reveal accounts.
        let acceptable = password.utf8.count <= Self.maximumPasswordBytes && !password.utf8.contains(0)
        let verified = try await hasher.verify(acceptable ? password : "", created: user?.passwordHash ?? Self.dummyHash)
        guard let user, acceptable, verified else { throw DomainError(status: 401, code: "auth.invalid_credentials") }
        guard user.active else { throw DomainError(status: 401, code: "auth.user_inactive") }
        return user
    }

    /// Opens a session for `user` and returns its token (shown once, stored hashed); the
    /// sign-in is audited.
    public func openSession(for user: User, kind: String, audit: AuditContext, details: [String: String] = [:]) async throws -> String {
        let (token, hash) = UserSession.makeToken()
        let session = UserSession(tenantID: user.tenantID, userID: try user.requireID(), tokenHash: hash, kind: kind,
                                  expiresAt: Date().addingTimeInterval(Self.sessionLifetime))
        try await session.create(on: db)
        var changes = AuditChanges()
        changes.set("kind", nil, kind)
        for (key, value) in details { changes.set(key, nil, value) }
        try await AuditLog.append(entity: "platform.session", entityID: session.id, action: "sign_in", changes: changes, context: audit, on: db)
        return token
    }

    /// A bcrypt hash (cost 12, of a random text) to verify against when the e-mail is unknown.
    static let dummyHash: String = (try? Bcrypt.hash(UUID().uuidString)) ?? ""

    public static func normalise(_ email: String) -> String { email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }

    /// A mobile number without spaces, dashes, dots and brackets; nil unless what is left is
    /// an optional `+` and 6–15 digits (E.164's maximum is 15).
    public static func normaliseMobile(_ text: String) -> String? {
        let kept = text.filter { !" -().".contains($0) }
        let digits = kept.hasPrefix("+") ? kept.dropFirst() : Substring(kept)
        guard (6...15).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return kept
    }

    /// A plausible e-mail address: one `@`, a dot in the domain, no spaces, at most 254 characters.
    ///
    /// Only printable ASCII (RFC 5321 without the SMTPUTF8 extension): a zero-width space, a
    /// fullwidth letter or a dotless i would make an address that looks like a colleague's but is
    /// not (`andrew.fuller\u{200B}@…`). The domain has labels on both sides of every dot.
    public static func looksLikeEmail(_ email: String) -> Bool {
        guard email.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }), email.utf8.count <= 254 else { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
    }
}
