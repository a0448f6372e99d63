import Fluent
import Foundation
import SQLKit

extension RequestActor {
    /// The ``sessionID`` of an actor that acts outside any session (a job, an import, the command
    /// line, an offline replay): the nil UUID, which no `user_sessions` row has.
    public static let noSession = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// The permissions and data scopes that the roles `held` grant together, with every module's
    /// personal permissions (``AfieldSettings/personalPermissions``): one scope per role for each
    /// scoped resource (`own` where a role names none), of which the holder sees the union.
    public static func grants(of held: [ResolvedRole], settings: AfieldSettings) -> (permissions: Set<String>, scopes: [String: [ScopeLevel]]) {
        var permissions = Set<String>()
        var scopes: [String: [ScopeLevel]] = [:]
        for role in held {
            permissions.formUnion(role.permissions)
            for resource in settings.scopedResources { scopes[resource, default: []].append(role.scopes[resource] ?? .own) }
        }
        permissions.formUnion(settings.personalPermissions.map(\.key))
        return (permissions, scopes)
    }

    /// The active user `userID` of company `tenantID` as a signed-in session of theirs would see
    /// them — same roles, permissions, data scopes, employee, department, language and time
    /// zone — for work that runs without HTTP: a background job, an import, a command-line tool or
    /// an offline replay acting for that user (see ``ServiceContext``). The actor holds no session
    /// (``noSession``) and is never an API token.
    /// - Throws: 404 `not_found` (`user`) when no active user has that id in that company.
    public static func load(userID: UUID, tenantID: UUID, settings: AfieldSettings, on db: any Database) async throws -> RequestActor {
        guard let sql = db as? any SQLDatabase else { throw DomainError(status: 500, code: "internal") }
        // One row per role the user holds (none: one row with a NULL role), as the sign-in query.
        let rows = try await sql.raw("""
            SELECT u.must_change_password, u.totp_enabled, u.id AS user_id, u.name AS user_name, u.email, u.locale,
                   u.time_zone AS user_time_zone, ur.role_id,
                   t.id AS tenant_id, t.name AS tenant_name, t.currency, t.time_zone, t.rounding, t.roles_revision, e.id AS employee_id,
                   e.department_id AS department_id
            FROM users u
            JOIN tenants t ON t.id = u.tenant_id
            LEFT JOIN employees e ON e.user_id = u.id AND e.tenant_id = t.id
            LEFT JOIN user_roles ur ON ur.user_id = u.id
            WHERE u.id = \(bind: userID) AND u.tenant_id = \(bind: tenantID) AND u.active = \(bind: true)
            """).all()
        guard let row = rows.first else { throw DomainError.notFound("user") }
        let companyRoles = try await settings.roleCache.roles(
            tenantID: tenantID, revision: try row.decode(column: "roles_revision", as: Int.self),
            declared: settings.permissions, resources: settings.scopedResources, on: db)
        let held = try rows.compactMap { try $0.decode(column: "role_id", as: UUID?.self) }.compactMap { companyRoles[$0] }
        let (permissions, scopes) = grants(of: held, settings: settings)
        return try signedIn(row, held: held, permissions: permissions, scopes: scopes, sessionID: noSession, viaAPIToken: false)
    }

    /// The actor one row of the sign-in query describes — the columns `user_id`, `user_name`,
    /// `email`, `locale`, `user_time_zone`, `must_change_password`, `totp_enabled`, `tenant_id`,
    /// `tenant_name`, `currency`, `time_zone`, `rounding`, `employee_id` and `department_id`, as
    /// `AuthenticationMiddleware` and ``load(userID:tenantID:settings:on:)`` select them — holding
    /// the roles `held` with the `permissions` and `scopes` they grant (a token may have narrowed
    /// the permissions).
    static func signedIn(_ row: any SQLRow, held: [ResolvedRole], permissions: Set<String>, scopes: [String: [ScopeLevel]],
                         sessionID: UUID, viaAPIToken: Bool) throws -> RequestActor {
        let totpEnabled = try row.decode(column: "totp_enabled", as: Bool.self)
        let tenantID = try row.decode(column: "tenant_id", as: UUID.self)
        let profile = TenantProfile(
            id: tenantID,
            name: try row.decode(column: "tenant_name", as: String.self),
            currency: Currency(code: try row.decode(column: "currency", as: String.self)) ?? .usd,
            timeZone: TimeZone(identifier: try row.decode(column: "time_zone", as: String.self)) ?? .gmt,
            rounding: RoundingRule(rawValue: try row.decode(column: "rounding", as: String.self)) ?? .halfUp
        )
        return RequestActor(
            userID: try row.decode(column: "user_id", as: UUID.self),
            tenantID: tenantID,
            name: try row.decode(column: "user_name", as: String.self),
            email: try row.decode(column: "email", as: String.self),
            locale: try row.decode(column: "locale", as: String?.self).flatMap(AppLanguage.init(tag:)),
            employeeID: try row.decode(column: "employee_id", as: UUID?.self),
            departmentID: try row.decode(column: "department_id", as: UUID?.self),
            permissions: permissions,
            scopes: scopes,
            roleKeys: held.map(\.key).sorted(),
            tenant: profile,
            timeZone: try row.decode(column: "user_time_zone", as: String?.self).flatMap(TimeZone.init(identifier:)),
            sessionID: sessionID,
            mustChangePassword: try row.decode(column: "must_change_password", as: Bool.self),
            mustEnrolTwoFactor: held.contains(where: \.requireTwoFactor) && !totpEnabled,
            viaAPIToken: viaAPIToken
        )
    }
}
