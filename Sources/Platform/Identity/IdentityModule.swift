import Fluent
import Vapor

/// The platform's own module: companies, users, sign-in, employees (`/api/v1/auth`).
public struct IdentityModule: AfieldModule {
    public static let id = "auth"
    public static let dependsOn: [any AfieldModule.Type] = []

    public init() {}

    /// Manage users of the company (unlock now; create, invite, deactivate next).
    public static let manageUsers = Permission("auth.user.manage")

    /// Change the company's settings.
    public static let manageTenant = Permission("auth.tenant.manage")

    /// See the company's roles, their permissions and data scopes.
    public static let readRoles = Permission("auth.role.read")
    /// Create and edit roles (the permission matrix and data scopes).
    public static let manageRoles = Permission("auth.role.manage")

    public var permissions: [Permission] { [Self.manageUsers, Self.manageTenant, Self.readRoles, Self.manageRoles] }
    public var migrations: [any AsyncMigration] { [CreateIdentity(), CreateAuditLog(), CreateRevisions(), CreateIdempotencyKeys(), CreateDepartments(), AddSignInSecurity(), AddUserAdministration(), AddTenantSettings(), CreateRoles(), AddPersonalSettings(), CreateInvitations(), AddUserMobile(), CreateRegistrationAttempts(), CreateAuditPending(), StripeRevisions()] }
    public var messages: [String: MessageCatalog.Entry] { PlatformMessages.all.merging(UserList.messages) { first, _ in first } }

    public func routes(_ api: any RoutesBuilder) throws {
        AuthController().register(api)
        AccountController().register(api)
        UserAdminController().register(api)
        RoleController().register(api)
        ProfileController().register(api)
        InvitationController().register(api)
        TenantSettingsController().register(api)
    }
}
