import Foundation
import Vapor

/// How much of a resource a role sees (issue 3, DESIGN §4 "permissions and data scopes apply
/// equally to lists, search, reports, exports and the API").
///
/// The levels are those of Odoo's record rules and DingTalk's 数据权限: own records, own
/// department, own department and below, chosen departments, everything.
public enum ScopeLevel: Sendable, Equatable, Codable {
    case own
    case department
    case departmentTree
    case departments(Set<UUID>)
    case all

    /// Orders levels from narrowest to widest, to pick the widest of several roles.
    var rank: Int {
        switch self {
        case .own: 0
        case .department: 1
        case .departmentTree: 2
        case .departments: 2
        case .all: 4
        }
    }
}

/// What one caller may see of one resource, resolved to concrete ids: apply it to every query.
public struct RecordScope: Sendable, Equatable {
    /// Nil: everything.
    public let departmentIDs: Set<UUID>?
    /// Records of this employee (salesperson, owner) are visible whatever their department.
    public let employeeID: UUID?
    /// Records this user created are visible whatever their department.
    public let userID: UUID

    public static func all(userID: UUID) -> RecordScope { RecordScope(departmentIDs: nil, employeeID: nil, userID: userID) }

    public init(departmentIDs: Set<UUID>?, employeeID: UUID?, userID: UUID) {
        self.departmentIDs = departmentIDs
        self.employeeID = employeeID
        self.userID = userID
    }

    public var isAll: Bool { departmentIDs == nil }

    /// Whether a record with these owners is in scope.
    public func contains(department: UUID?, employee: UUID?, createdBy: UUID?) -> Bool {
        guard let departmentIDs else { return true }
        if let employee, employee == employeeID { return true }
        if let createdBy, createdBy == userID { return true }
        if let department, departmentIDs.contains(department) { return true }
        return false
    }

    /// A stable text for cache keys.
    public var cacheKey: String {
        guard let departmentIDs else { return "all" }
        return "e:\(employeeID?.uuidString ?? "-")|d:" + departmentIDs.map(\.uuidString).sorted().joined(separator: ",")
    }
}

extension Request {
    /// The caller's scope on `resource` (e.g. `sales.order`), from the widest level any of
    /// their roles grants; no grant at all means own records only.
    public func recordScope(_ resource: String) async throws -> RecordScope {
        let actor = try actor
        let level = actor.scopes[resource] ?? .own
        switch level {
        case .all:
            return .all(userID: actor.userID)
        case .own:
            return RecordScope(departmentIDs: [], employeeID: actor.employeeID, userID: actor.userID)
        case .department:
            return RecordScope(departmentIDs: Set([actor.departmentID].compactMap { $0 }), employeeID: actor.employeeID, userID: actor.userID)
        case .departmentTree:
            guard let department = actor.departmentID else {
                return RecordScope(departmentIDs: [], employeeID: actor.employeeID, userID: actor.userID)
            }
            let tree = try await DepartmentTree.load(tenantID: actor.tenantID, on: db)
            return RecordScope(departmentIDs: tree.subtree(department), employeeID: actor.employeeID, userID: actor.userID)
        case .departments(let chosen):
            return RecordScope(departmentIDs: chosen, employeeID: actor.employeeID, userID: actor.userID)
        }
    }
}
