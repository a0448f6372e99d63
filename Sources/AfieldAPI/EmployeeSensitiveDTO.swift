import Foundation

/// An employee's sensitive HR fields (DESIGN §5) as the caller may see them.
///
/// With `org.employee.sensitive.read`, `revealed` is true and every value is given in full.
/// Without it, `nationalId`, `bankAccount` and `personalPhone` are masked to their last four
/// letters or digits (`•••• 1234`; `••••` when the value is too short to show any), and `salary`,
/// `salaryCurrency` and `homeAddress` are left out (nil). The same rule holds on every path that
/// returns an employee: detail, directory, export and the `current` record of a 409.
public struct EmployeeSensitiveDTO: Codable, Sendable, Equatable {
    public var revealed: Bool
    public var nationalId: String?
    public var bankAccount: String?
    public var personalPhone: String?
    public var homeAddress: String?
    /// Monthly gross salary as decimal text with the currency's digits (`"8500.00"`).
    public var salary: String?
    /// ISO 4217 code of `salary`: the company's base currency when it was set.
    public var salaryCurrency: String?
    /// Hourly labour cost (人工费率) in the company's base currency, decimal text (`"45.00"`): what an
    /// approved timesheet hour of this person costs a project. Hidden like the salary.
    public var hourlyCost: String?
    public init(revealed: Bool, nationalId: String? = nil, bankAccount: String? = nil, personalPhone: String? = nil, homeAddress: String? = nil,
                salary: String? = nil, salaryCurrency: String? = nil, hourlyCost: String? = nil) {
        self.revealed = revealed
        self.nationalId = nationalId
        self.bankAccount = bankAccount
        self.personalPhone = personalPhone
        self.homeAddress = homeAddress
        self.salary = salary
        self.salaryCurrency = salaryCurrency
        self.hourlyCost = hourlyCost
    }
}
