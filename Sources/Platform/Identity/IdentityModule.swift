import Fluent
import Vapor

/// The platform's own module: companies, users, sign-in, employees (`/api/v1/auth`).
public struct IdentityModule: AfieldModule {
    public static let id = "auth"
    public static let dependsOn: [any AfieldModule.Type] = []

    public init() {}

    /// Manage users of the company (unlock now; create, invite, deactivate next).
    public static let manageUsers = Permission("auth.user.manage")

    public var permissions: [Permission] { [Self.manageUsers] }
    public var migrations: [any AsyncMigration] { [CreateIdentity(), CreateAuditLog(), CreateRevisions(), CreateIdempotencyKeys(), CreateDepartments(), AddSignInSecurity(), AddUserAdministration()] }
    public var messages: [String: MessageCatalog.Entry] { PlatformMessages.all }

    public func routes(_ api: any RoutesBuilder) throws {
        AuthController().register(api)
        AccountController().register(api)
        UserAdminController().register(api)
    }
}
