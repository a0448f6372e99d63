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
