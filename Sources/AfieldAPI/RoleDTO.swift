import Foundation

/// A data scope a role grants on one resource.
///
/// `level` is one of `own` (records the user owns or created), `department` (their
/// department's), `departmentTree` (their department and every one below it), `departments`
/// (the departments in `departmentIds`) or `all` — the levels of Odoo's record rules and
/// DingTalk's 数据权限.
public struct RoleScope: Codable, Sendable, Equatable {
    /// A scoped resource key, e.g. `sales.order`, `partners.customer`.
    public var resource: String
    public var level: String
    /// Only for `departments`.
    public var departmentIds: [UUID]?
    public init(resource: String, level: String, departmentIds: [UUID]? = nil) {
        self.resource = resource
        self.level = level
        self.departmentIds = departmentIds
    }
}

/// A role of the company (`GET /api/v1/auth/roles`): a named set of permissions and data scopes.
///
/// Built-in roles (`administrator`, `manager`, `sales`, `purchasing`, `warehouse`, `finance`,
/// `hr`, `employee`) exist in every company; all but `administrator` can be edited, and
/// `customised` tells whether they still follow Afield's defaults. Custom roles have keys
/// `custom-<n>`.
public struct RoleDTO: Codable, Sendable {
    public var id: UUID
    public var key: String
    /// The name an administrator gave; nil for a built-in role (the client shows its label).
    public var name: String?
    public var description: String?
    public var builtIn: Bool
    /// A built-in role whose permissions or scopes were changed from the defaults.
    public var customised: Bool
    /// `false` only for `administrator`, which always holds everything.
    public var editable: Bool
    /// Permission keys held, sorted.
    public var permissions: [String]
    /// One entry per scoped resource, in catalogue order.
    public var scopes: [RoleScope]
    /// Users holding this role must turn on two-factor sign-in before anything else.
    public var requireTwoFactor: Bool
    public var archived: Bool
    /// Active users holding the role.
    public var userCount: Int
    public var version: Int
    public init(id: UUID, key: String, name: String?, description: String?, builtIn: Bool, customised: Bool, editable: Bool,
                permissions: [String], scopes: [RoleScope], requireTwoFactor: Bool, archived: Bool, userCount: Int, version: Int) {
        self.id = id
        self.key = key
        self.name = name
        self.description = description
        self.builtIn = builtIn
        self.customised = customised
        self.editable = editable
        self.permissions = permissions
        self.scopes = scopes
        self.requireTwoFactor = requireTwoFactor
        self.archived = archived
        self.userCount = userCount
        self.version = version
    }
}

/// What a role can be made of (`GET /api/v1/auth/roles/catalog`): every declared permission
/// and every resource with a data scope, in module order.
public struct RoleCatalog: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        /// Permission key (`sales.order.confirm`) or resource key (`sales.order`).
        public var key: String
        /// The declaring module's id (`sales`).
        public var module: String
        public init(key: String, module: String) {
            self.key = key
            self.module = module
        }
    }
    public var permissions: [Entry]
    public var scopedResources: [Entry]
    /// The scope levels, narrowest first.
    public var levels: [String]
    public init(permissions: [Entry], scopedResources: [Entry], levels: [String]) {
        self.permissions = permissions
        self.scopedResources = scopedResources
        self.levels = levels
    }
}

/// `POST /api/v1/auth/roles`: a custom role. Unknown permission keys, resources or levels,
/// and `departments` without departments, give 422 and create nothing.
public struct NewRoleRequest: Codable, Sendable {
    public var name: String
    public var description: String?
    public var permissions: [String]
    public var scopes: [RoleScope]?
    public var requireTwoFactor: Bool?
    public init(name: String, description: String? = nil, permissions: [String], scopes: [RoleScope]? = nil, requireTwoFactor: Bool? = nil) {
        self.name = name
        self.description = description
        self.permissions = permissions
        self.scopes = scopes
        self.requireTwoFactor = requireTwoFactor
    }
}

/// `PATCH /api/v1/auth/roles/{id}`: `version` required; absent fields stay. `resetToDefaults`
/// brings a built-in role back to Afield's permissions and scopes. Archiving a role that
/// active users hold is refused (422 `auth.role_in_use`).
public struct RoleUpdate: Codable, Sendable {
    public var version: Int?
    public var name: String?
    public var description: String?
    public var permissions: [String]?
    public var scopes: [RoleScope]?
    public var requireTwoFactor: Bool?
    public var archived: Bool?
    public var resetToDefaults: Bool?
    public init(version: Int?, name: String? = nil, description: String? = nil, permissions: [String]? = nil, scopes: [RoleScope]? = nil,
                requireTwoFactor: Bool? = nil, archived: Bool? = nil, resetToDefaults: Bool? = nil) {
        self.version = version
        self.name = name
        self.description = description
        self.permissions = permissions
        self.scopes = scopes
        self.requireTwoFactor = requireTwoFactor
        self.archived = archived
        self.resetToDefaults = resetToDefaults
    }
}
