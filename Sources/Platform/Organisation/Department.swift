import Fluent
import Foundation

/// A unit of the organisation chart. Departments form a tree through `parentID`; archived
/// ones keep their history and members' records but take no new members.
public final class Department: Model, @unchecked Sendable {
    public static let schema = "departments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    /// Unique per tenant (`NW-DEPT-USA`) for imports; generated for departments made in the app.
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "parent_id") public var parentID: UUID?
    /// The employee who heads the department (need not be a member).
    @OptionalField(key: "head_id") public var headID: UUID?
    @Field(key: "archived") public var archived: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @Field(key: "version") public var version: Int

    public init() {}

    public init(tenantID: UUID, code: String, name: String, parentID: UUID?) {
        self.tenantID = tenantID
        self.code = code
        self.name = name
        self.parentID = parentID
        self.archived = false
        self.version = 1
    }
}

/// A tenant's departments as a tree, for scope questions ("this department and below").
public struct DepartmentTree: Sendable {
    public let parents: [UUID: UUID]
    private let children: [UUID: [UUID]]

    public init(_ departments: [(id: UUID, parent: UUID?)]) {
        var parents: [UUID: UUID] = [:]
        var children: [UUID: [UUID]] = [:]
        for d in departments {
            if let parent = d.parent {
                parents[d.id] = parent
                children[parent, default: []].append(d.id)
            }
        }
        self.parents = parents
        self.children = children
    }

    /// Loads the tenant's tree (archived departments included: their records still need a scope).
    public static func load(tenantID: UUID, on db: any Database) async throws -> DepartmentTree {
        let rows = try await Department.query(on: db).filter(\.$tenantID == tenantID).field(\.$id).field(\.$parentID).all()
        return DepartmentTree(rows.compactMap { row in row.id.map { (id: $0, parent: row.parentID) } })
    }

    /// `root` and every department below it.
    public func subtree(_ root: UUID) -> Set<UUID> {
        var result: Set<UUID> = [root]
        var queue = [root]
        while let next = queue.popLast() {
            for child in children[next] ?? [] where result.insert(child).inserted { queue.append(child) }
        }
        return result
    }

    /// Whether making `parent` the parent of `department` would close a loop.
    public func wouldCycle(moving department: UUID, under parent: UUID) -> Bool { subtree(department).contains(parent) }
}
