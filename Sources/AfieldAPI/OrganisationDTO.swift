import Foundation

/// A department as `GET /api/v1/org/departments` lists it (flat; `parentId` builds the tree).
public struct DepartmentDTO: Codable, Sendable {
    public var id: UUID
    public var name: String
    public var parentId: UUID?
    public var headId: UUID?
    public var headName: String?
    public var archived: Bool
    /// Current (not archived) employees directly in this department.
    public var memberCount: Int
    public var version: Int
    public init(id: UUID, name: String, parentId: UUID?, headId: UUID?, headName: String?, archived: Bool, memberCount: Int, version: Int) {
        self.id = id
        self.name = name
        self.parentId = parentId
        self.headId = headId
        self.headName = headName
        self.archived = archived
        self.memberCount = memberCount
        self.version = version
    }
}

/// `POST /api/v1/org/departments`.
public struct DepartmentInput: Codable, Sendable {
    public var name: String?
    public var parentId: UUID?
    public var headId: UUID?
    public init(name: String?, parentId: UUID? = nil, headId: UUID? = nil) {
        self.name = name
        self.parentId = parentId
        self.headId = headId
    }
}

/// `PATCH /api/v1/org/departments/{id}`: `version` required; `moveToRoot` makes it top-level.
public struct DepartmentUpdate: Codable, Sendable {
    public var version: Int?
    public var name: String?
    public var parentId: UUID?
    public var moveToRoot: Bool?
    public var headId: UUID?
    /// Leaves the department without a head.
    public var clearHead: Bool?
    public var archived: Bool?
    public init(version: Int?, name: String? = nil, parentId: UUID? = nil, moveToRoot: Bool? = nil, headId: UUID? = nil, clearHead: Bool? = nil,
                archived: Bool? = nil) {
        self.version = version
        self.name = name
        self.parentId = parentId
        self.moveToRoot = moveToRoot
        self.headId = headId
        self.clearHead = clearHead
        self.archived = archived
    }
}

/// An employee in the company directory (`GET /api/v1/org/employees`, `…/employees/{id}`).
///
/// `sensitive` holds the HR fields as the caller may see them (see ``EmployeeSensitiveDTO``);
/// `version` is what `PATCH /api/v1/org/employees/{id}` needs.
public struct EmployeeDTO: Codable, Sendable {
    public var id: UUID
    public var name: String
    public var title: String?
    public var departmentId: UUID?
    public var departmentName: String?
    public var managerId: UUID?
    public var managerName: String?
    public var userId: UUID?
    public var hireDate: String?
    public var archived: Bool
    /// HR code, e.g. `NW-EMP-5`.
    public var code: String?
    public var positionId: UUID?
    public var positionName: String?
    public var siteId: UUID?
    public var siteName: String?
    public var version: Int?
    public var sensitive: EmployeeSensitiveDTO?
    public init(id: UUID, name: String, title: String?, departmentId: UUID?, departmentName: String?, managerId: UUID?, managerName: String?,
                userId: UUID?, hireDate: String?, archived: Bool, code: String? = nil, positionId: UUID? = nil, positionName: String? = nil,
                siteId: UUID? = nil, siteName: String? = nil, version: Int? = nil, sensitive: EmployeeSensitiveDTO? = nil) {
        self.id = id
        self.name = name
        self.title = title
        self.departmentId = departmentId
        self.departmentName = departmentName
        self.managerId = managerId
        self.managerName = managerName
        self.userId = userId
        self.hireDate = hireDate
        self.archived = archived
        self.code = code
        self.positionId = positionId
        self.positionName = positionName
        self.siteId = siteId
        self.siteName = siteName
        self.version = version
        self.sensitive = sensitive
    }
}

/// One person in `GET /api/v1/org/chart`, with the people who report to them.
public struct OrgChartNode: Codable, Sendable {
    public var id: UUID
    public var name: String
    public var title: String?
    public var departmentName: String?
    public var reports: [OrgChartNode]
    public init(id: UUID, name: String, title: String?, departmentName: String?, reports: [OrgChartNode]) {
        self.id = id
        self.name = name
        self.title = title
        self.departmentName = departmentName
        self.reports = reports
    }
}
