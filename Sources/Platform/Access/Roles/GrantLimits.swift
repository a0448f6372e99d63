import Fluent
import Foundation
import Vapor

/// What a caller may hand out: roles no stronger than their own.
///
/// Administrators may grant anything. Anyone else who may manage users or roles (a branch's HR
/// clerk, a department's 子管理员) may only grant, invite into, edit or take away roles whose
/// permissions they hold themselves and whose data scopes are no wider than theirs, and may not
/// touch an account that holds a stronger role — the rule of Odoo's access-rights delegation and
/// DingTalk's 子管理员. Scopes compare by kind (own < department < department and below = chosen
/// departments < all); which departments are chosen is not compared.
public struct GrantLimits: Sendable {
    public let isAdministrator: Bool
    public let permissions: Set<String>
    /// Widest scope rank per resource among the caller's roles.
    public let scopeRanks: [String: Int]

    public init(actor: RequestActor) {
        isAdministrator = actor.roleKeys.contains(BuiltInRole.administrator.key)
        permissions = actor.permissions
        scopeRanks = actor.scopes.mapValues { levels in levels.map(\.rank).max() ?? 0 }
    }

    /// Whether the caller may grant or take away `role`.
    public func allows(_ role: ResolvedRole) -> Bool {
        if isAdministrator { return true }
        if role.key == BuiltInRole.administrator.key { return false }
        return allows(permissions: role.permissions, scopes: role.scopes)
    }

    /// Whether a role made of these permissions and scopes stays within the caller's own.
    public func allows(permissions wanted: Set<String>, scopes: [String: ScopeLevel]) -> Bool {
        if isAdministrator { return true }
        guard wanted.isSubset(of: permissions) else { return false }
        return scopes.allSatisfy { resource, level in level.rank <= (scopeRanks[resource] ?? ScopeLevel.own.rank) }
    }

    /// The company's roles named by `keys`, resolved (unknown keys are left out).
    public static func roles(keys: [String], tenantID: UUID, application: Application, on db: any Database) async throws -> [ResolvedRole] {
        let settings = application.afield
        return try await TenantRole.query(on: db).filter(\.$tenantID == tenantID).filter(\.$key ~~ Array(Set(keys))).all()
            .map { ResolvedRole($0, declared: settings.permissions, resources: settings.scopedResources) }
    }

    /// Refuses with 422 at `field` (`auth.role_not_grantable`, naming the role) when one of
    /// `keys` is stronger than what the caller holds.
    public func requireGrantable(_ keys: [String], tenantID: UUID, field: String, application: Application, on db: any Database) async throws {
        guard !isAdministrator else { return }
        for role in try await Self.roles(keys: keys, tenantID: tenantID, application: application, on: db).sorted(by: { $0.key < $1.key })
        where !allows(role) {
            throw DomainError.invalid([.init(field, "auth.role_not_grantable", params: ["role": role.key])])
        }
    }

    /// Refuses with 403 `auth.user_outranks_you` when the account `userID` holds a role
    /// stronger than the caller's: its name, roles, state and lock are not the caller's to change.
    public func requireManageable(userID: UUID, tenantID: UUID, application: Application, on db: any Database) async throws {
        guard !isAdministrator else { return }
        let held = try await RoleAssignment.keys(of: userID, on: db)
        for role in try await Self.roles(keys: held, tenantID: tenantID, application: application, on: db) where !allows(role) {
            throw DomainError(status: 403, code: "auth.user_outranks_you")
        }
    }
}
