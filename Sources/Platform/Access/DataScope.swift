import Fluent
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

extension RecordScope {
    /// The scope granted by `levels` (one per role that grants one; the union applies; none at
    /// all means own records only) to a person of `departmentID` and `employeeID`. `db` is read
    /// only for a department-tree scope (the company's departments). The one rule behind
    /// ``RequestActor/recordScope(_:on:)`` and every other reader of data scopes.
    public static func granted(_ levels: [ScopeLevel], tenantID: UUID, userID: UUID, employeeID: UUID?, departmentID: UUID?,
                               on db: any Database) async throws -> RecordScope {
        #if AFIELD_BENCHMARK_NO_GUARDS
        // Benchmark-only binaries (``BenchmarkBuild``): no data scopes at all.
        return .all(userID: userID)
        #else
        if levels.contains(.all) { return .all(userID: userID) }
        var departments: Set<UUID> = []
        for level in levels {
            switch level {
            case .all, .own:
                break
            case .department:
                if let departmentID { departments.insert(departmentID) }
            case .departmentTree:
                guard let departmentID else { break }
                departments.formUnion(try await DepartmentTree.load(tenantID: tenantID, on: db).subtree(departmentID))
            case .departments(let chosen):
                departments.formUnion(chosen)
            }
        }
        return RecordScope(departmentIDs: departments, employeeID: employeeID, userID: userID)
        #endif
    }
}

extension RequestActor {
    /// The actor's scope on `resource` (e.g. `sales.order`) (``RecordScope/granted(_:tenantID:userID:employeeID:departmentID:on:)``).
    public func recordScope(_ resource: String, on db: any Database) async throws -> RecordScope {
        try await RecordScope.granted(scopes[resource] ?? [], tenantID: tenantID, userID: userID, employeeID: employeeID,
                                      departmentID: departmentID, on: db)
    }
}

extension Request {
    /// The caller's scope on `resource` (``RequestActor/recordScope(_:on:)``).
    public func recordScope(_ resource: String) async throws -> RecordScope {
        try await actor.recordScope(resource, on: db)
    }
}
