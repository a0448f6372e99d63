import Fluent
import Foundation

/// A role of one company: a built-in role's row (following Afield's defaults until edited)
/// or a custom role. Users hold roles through ``UserRole``.
public final class TenantRole: Model, @unchecked Sendable {
    public static let schema = "roles"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    /// `administrator`, …, or `custom-<n>`; unique per company, never changes.
    @Field(key: "key") public var key: String
    /// Nil for built-in roles (the client shows a translated label).
    @OptionalField(key: "name") public var name: String?
    @OptionalField(key: "description") public var description: String?
    @Field(key: "built_in") public var builtIn: Bool
    /// JSON array of permission keys; nil: the built-in role's defaults.
    @OptionalField(key: "permissions") public var permissions: String?
    /// JSON array of ``RoleScope``; nil: the built-in role's defaults.
    @OptionalField(key: "scopes") public var scopes: String?
    @Field(key: "require_two_factor") public var requireTwoFactor: Bool
    @Field(key: "archived") public var archived: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @Field(key: "version") public var version: Int

    public init() {}

    public init(id: UUID? = nil, tenantID: UUID, key: String, name: String?, builtIn: Bool) {
        self.id = id
        self.tenantID = tenantID
        self.key = key
        self.name = name
        self.builtIn = builtIn
        self.requireTwoFactor = false
        self.archived = false
        self.version = 1
    }
}

/// That a user holds a role. A user holds one or more roles; their permissions are the union
/// and each resource's data scope the widest of them (as in Odoo, DingTalk and ERPNext).
public final class UserRole: Model, @unchecked Sendable {
    public static let schema = "user_roles"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "role_id") public var roleID: UUID

    public init() {}

    public init(tenantID: UUID, userID: UUID, roleID: UUID) {
        self.tenantID = tenantID
        self.userID = userID
        self.roleID = roleID
    }
}
