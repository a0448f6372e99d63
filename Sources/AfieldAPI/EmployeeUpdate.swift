import Foundation

/// `PATCH /api/v1/org/employees/{id}`: the fields to change.
///
/// `version` is the version last read (required; stale → 409 `conflict.stale_version` with the
/// current record, masked for the caller, under `current`). Absent fields stay as they are. An
/// empty `title` clears it; `clearDepartment`, `clearManager`, `clearPosition`, `clearSite` and
/// `clearUser` remove a link. The sensitive fields (`nationalId`, `bankAccount`, `personalPhone`,
/// `homeAddress`, `salary`) need `org.employee.sensitive.write` (else 403 and nothing changes);
/// an empty value clears one. `salary` is a monthly amount in the company's base currency, as
/// decimal text or a JSON number read exactly.
///
/// Errors (422, field paths as named here): `field.required`, `field.too_long`,
/// `org.department.unknown`, `org.department.archived`, `org.employee.unknown`,
/// `org.employee.manager_cycle`, `org.position.unknown`, `org.site.unknown`, `org.employee.user_unknown`,
/// `org.employee.user_taken`, `number.*` and `org.employee.salary_negative`.
public struct EmployeeUpdate: Codable, Sendable {
    public var version: Int?
    public var name: String?
    public var title: String?
    public var departmentId: UUID?
    public var clearDepartment: Bool?
    public var managerId: UUID?
    public var clearManager: Bool?
    public var positionId: UUID?
    public var clearPosition: Bool?
    public var siteId: UUID?
    public var clearSite: Bool?
    /// The user account this employee signs in with (one employee per user).
    public var userId: UUID?
    public var clearUser: Bool?
    public var nationalId: String?
    public var bankAccount: String?
    public var personalPhone: String?
    public var homeAddress: String?
    public var salary: DecimalText?
    /// Hourly labour cost in the company's base currency (`""` clears it); sensitive like `salary`.
    public var hourlyCost: DecimalText?

    public init(version: Int?, name: String? = nil, title: String? = nil, departmentId: UUID? = nil, clearDepartment: Bool? = nil,
                managerId: UUID? = nil, clearManager: Bool? = nil, positionId: UUID? = nil, clearPosition: Bool? = nil, siteId: UUID? = nil,
                clearSite: Bool? = nil, userId: UUID? = nil, clearUser: Bool? = nil, nationalId: String? = nil, bankAccount: String? = nil,
                personalPhone: String? = nil, homeAddress: String? = nil, salary: DecimalText? = nil,
                hourlyCost: DecimalText? = nil) {
        self.version = version
        self.name = name
        self.title = title
        self.departmentId = departmentId
        self.clearDepartment = clearDepartment
        self.managerId = managerId
        self.clearManager = clearManager
        self.positionId = positionId
        self.clearPosition = clearPosition
        self.siteId = siteId
        self.clearSite = clearSite
        self.userId = userId
        self.clearUser = clearUser
        self.nationalId = nationalId
        self.bankAccount = bankAccount
        self.personalPhone = personalPhone
        self.homeAddress = homeAddress
        self.salary = salary
        self.hourlyCost = hourlyCost
    }

    /// Whether the update touches a sensitive field (and so needs the write permission).
    public var touchesSensitiveFields: Bool {
        nationalId != nil || bankAccount != nil || personalPhone != nil || homeAddress != nil || salary != nil || hourlyCost != nil
    }
}
