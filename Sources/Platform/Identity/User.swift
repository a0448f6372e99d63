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
    /// Key of a ``BuiltInRole``.
    @Field(key: "role") public var role: String
    @Field(key: "active") public var active: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @Field(key: "version") public var version: Int

    public init() {}

    /// The fields of a new user as the audit log shows them (never the password hash).
    public var auditFields: AuditChanges {
        var changes = AuditChanges()
        changes.created([("email", email), ("name", name), ("role", role), ("active", active)])
        return changes
    }

    public init(id: UUID? = nil, tenantID: UUID, email: String, name: String, passwordHash: String, role: String) {
        self.id = id
        self.tenantID = tenantID
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.role = role
        self.active = true
        self.version = 1
    }
}
