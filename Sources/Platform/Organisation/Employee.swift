import Fluent
import Foundation

/// A person employed by the company, linked to a ``User`` when they sign in. `managerID`
/// points to the employee they report to.
public final class Employee: Model, @unchecked Sendable {
    public static let schema = "employees"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    @OptionalField(key: "user_id") public var userID: UUID?
    /// External or HR code, e.g. `NW-EMP-5`; unique per tenant.
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "title") public var title: String?
    /// `YYYY-MM-DD`.
    @OptionalField(key: "hire_date") public var hireDate: String?
    @OptionalField(key: "manager_id") public var managerID: UUID?
    @OptionalField(key: "department_id") public var departmentID: UUID?
    @OptionalField(key: "position_id") public var positionID: UUID?
    /// The branch or site the employee works at (its time zone is theirs).
    @OptionalField(key: "site_id") public var siteID: UUID?
    // Sensitive HR fields, each sealed with ``FieldCipher`` (`v1:<key id>:<base64>`); never
    // plaintext in the database. Read and write them through ``EmployeeSensitiveFields``.
    @OptionalField(key: "national_id_sealed") public var nationalIDSealed: String?
    @OptionalField(key: "bank_account_sealed") public var bankAccountSealed: String?
    @OptionalField(key: "personal_phone_sealed") public var personalPhoneSealed: String?
    @OptionalField(key: "home_address_sealed") public var homeAddressSealed: String?
    /// Monthly gross salary as decimal text (`8500.00`), sealed; its currency in `salaryCurrency`.
    @OptionalField(key: "salary_sealed") public var salarySealed: String?
    /// ISO 4217 code of the salary (the company's base currency when it was set); not secret.
    @OptionalField(key: "salary_currency") public var salaryCurrency: String?
    /// Hourly labour cost as decimal text in the company's base currency, sealed.
    @OptionalField(key: "hourly_cost_sealed") public var hourlyCostSealed: String?
    @Field(key: "archived") public var archived: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @Field(key: "version") public var version: Int

    public init() {}

    public init(tenantID: UUID, code: String, name: String) {
        self.tenantID = tenantID
        self.code = code
        self.name = name
        self.archived = false
        self.version = 1
    }
}
