import AfieldAPI
import Foundation

extension ScopeLevel {
    /// The API names of the levels, narrowest first.
    public static let names = ["own", "department", "departmentTree", "departments", "all"]

    /// The level an API ``RoleScope`` describes; nil for an unknown level or `departments`
    /// without departments.
    public init?(_ scope: RoleScope) {
        switch scope.level {
        case "own": self = .own
        case "department": self = .department
        case "departmentTree": self = .departmentTree
        case "all": self = .all
        case "departments":
            guard let ids = scope.departmentIds, !ids.isEmpty else { return nil }
            self = .departments(Set(ids))
        default: return nil
        }
    }

    /// This level as the API shows it for `resource`.
    public func roleScope(resource: String) -> RoleScope {
        switch self {
        case .own: RoleScope(resource: resource, level: "own")
        case .department: RoleScope(resource: resource, level: "department")
        case .departmentTree: RoleScope(resource: resource, level: "departmentTree")
        case .all: RoleScope(resource: resource, level: "all")
        case .departments(let ids): RoleScope(resource: resource, level: "departments", departmentIds: ids.sorted { $0.uuidString < $1.uuidString })
        }
    }
}
