import AfieldAPI
import Fluent
import Foundation

/// A person who signs in. E-mail is unique across the installation because sign-in is by e-mail.
public final class User: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    @Field(key: "email") public var email: String
    @Field(key: "name") public var name: String
    /// bcrypt hash (DESIGN §5).
    @Field(key: "password_hash") public var passwordHash: String
    /// `en`, `zh-CN` or nil (follow the browser).
    @OptionalField(key: "locale") public var locale: String?
    @Field(key: "active") public var active: Bool
    /// Normalised mobile number (see ``IdentityService/normaliseMobile(_:)``).
    @OptionalField(key: "mobile") public var mobile: String?
    /// The user's own IANA time zone; nil: the company's.
    @OptionalField(key: "time_zone") public var timeZone: String?
    /// JSON of ``NotificationPreferences``; nil: the defaults.
    @OptionalField(key: "notification_prefs") public var notificationPrefs: String?
    /// Bumped with each avatar upload (the avatar's URL carries it, so caches refresh); nil: none.
    @OptionalField(key: "avatar_version") public var avatarVersion: Int?
    /// Set after too many failed sign-ins; only an administrator clears it.
    @OptionalField(key: "locked_at") public var lockedAt: Date?
    /// The TOTP secret, base32, sealed with the ``FieldCipher``.
    @OptionalField(key: "totp_secret") public var totpSecret: String?
    @Field(key: "totp_enabled") public var totpEnabled: Bool
    /// Set for accounts an administrator created: every route but changing the password and
    /// signing out answers 403 until the user picks their own password.
    @Field(key: "must_change_password") public var mustChangePassword: Bool
    /// The last time step a code was accepted for, so a code works once (RFC 6238 §5.2).
    @OptionalField(key: "totp_last_step") public var totpLastStep: Int64?
    /// JSON array of SHA-256 hashes of unused recovery codes.
    @OptionalField(key: "recovery_codes") public var recoveryCodes: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @Field(key: "version") public var version: Int

    public init() {}

    /// The fields of a new user as the audit log shows them (never the password hash).
    public func auditFields(roles: [String]) -> AuditChanges {
        var changes = AuditChanges()
        changes.created([("email", email), ("name", name), ("roles", roles.joined(separator: " ")), ("active", active)])
        if let mobile { changes.set("mobile", nil, mobile) }
        return changes
    }

    /// Roles are held through ``UserRole`` (see ``RoleAssignment``).
    public init(id: UUID? = nil, tenantID: UUID, email: String, name: String, passwordHash: String) {
        self.id = id
        self.tenantID = tenantID
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.active = true
        self.totpEnabled = false
        self.mustChangePassword = false
        self.version = 1
    }
}

extension User {
    /// Where the avatar is served, or nil without one.
    public var avatarURL: String? {
        guard let avatarVersion, let id else { return nil }
        return "/api/v1/auth/users/\(id.uuidString)/avatar?v=\(avatarVersion)"
    }

    public var notificationPreferences: NotificationPreferences {
        guard let notificationPrefs, let prefs = try? JSONDecoder().decode(NotificationPreferences.self, from: Data(notificationPrefs.utf8))
        else { return .defaults }
        return prefs
    }
}
