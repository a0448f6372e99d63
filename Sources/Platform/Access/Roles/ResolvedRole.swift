import AfieldAPI
import Foundation

/// A role as requests use it: concrete permissions and a scope per resource.
public struct ResolvedRole: Sendable {
    public let id: UUID
    public let key: String
    public let permissions: Set<String>
    /// Resources not listed are seen as `own`.
    public let scopes: [String: ScopeLevel]
    public let requireTwoFactor: Bool
    /// A built-in role changed from Afield's defaults.
    public let customised: Bool

    /// Resolves a stored role against what the installed modules declare. Archived roles
    /// grant nothing; `administrator` always grants every permission and every record, so a
    /// company can never lock itself out.
    public init(_ row: TenantRole, declared: [Permission], resources: [String]) {
        id = row.id ?? UUID()
        key = row.key
        requireTwoFactor = row.requireTwoFactor
        customised = row.builtIn && (row.permissions != nil || row.scopes != nil)
        let builtIn = row.builtIn ? BuiltInRole.named(row.key) : nil
        if row.archived {
            permissions = []
            scopes = [:]
            return
        }
        if builtIn?.key == BuiltInRole.administrator.key {
            permissions = Set(declared.map(\.key))
            scopes = Dictionary(uniqueKeysWithValues: resources.map { ($0, ScopeLevel.all) })
            return
        }
        let known = Set(declared.map(\.key))
        if let stored = row.permissions, let keys = try? JSONDecoder().decode([String].self, from: Data(stored.utf8)) {
            permissions = Set(keys).intersection(known)
        } else {
            permissions = builtIn?.permissions(among: declared) ?? []
        }
        if let stored = row.scopes, let list = try? JSONDecoder().decode([RoleScope].self, from: Data(stored.utf8)) {
            var scopes: [String: ScopeLevel] = [:]
            for scope in list { scopes[scope.resource] = ScopeLevel(scope) }
            self.scopes = scopes
        } else {
            scopes = builtIn?.scopes ?? [:]
        }
    }

    /// The scope of every resource in `resources`, in that order, for the API.
    public func roleScopes(resources: [String]) -> [RoleScope] {
        resources.map { (scopes[$0] ?? .own).roleScope(resource: $0) }
    }
}
