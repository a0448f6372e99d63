import Fluent
import Foundation

/// A project (项目) (issue 13 point 4). `department_id` is the manager's department when the
/// project was created or its manager changed: what department data scopes judge it by. Budgets
/// are minor units of `currency` (the company's) per cost kind.
final class Project: Model, @unchecked Sendable {
    static let schema = "proj_projects"
    static let statuses = ["planning", "active", "on_hold", "completed", "cancelled"]

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @OptionalField(key: "description") var details: String?
    @OptionalField(key: "customer_id") var customerID: UUID?
    @Field(key: "manager_id") var managerID: UUID
    @OptionalField(key: "department_id") var departmentID: UUID?
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @Field(key: "status") var status: String
    @Field(key: "dependency_rule") var dependencyRule: String
    @Field(key: "currency") var currency: String
    @Field(key: "budget_labour") var budgetLabour: Int64
    @Field(key: "budget_expenses") var budgetExpenses: Int64
    @Field(key: "budget_purchases") var budgetPurchases: Int64
    @Field(key: "budget_other") var budgetOther: Int64
    @Field(key: "search_text") var searchText: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .none) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .none) var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}

    var isOpen: Bool { status == "planning" || status == "active" || status == "on_hold" }
}

/// A member of a project with a role: `manager`, `member` or `viewer`.
final class ProjectMember: Model, @unchecked Sendable {
    static let schema = "proj_members"
    static let roles = ["manager", "member", "viewer"]

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "employee_id") var employeeID: UUID
    @Field(key: "role") var role: String

    init() {}
}

/// A phase (阶段) of a project.
final class ProjectPhase: Model, @unchecked Sendable {
    static let schema = "proj_phases"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "name") var name: String
    @OptionalField(key: "starts_on") var startsOn: String?
    @OptionalField(key: "ends_on") var endsOn: String?

    init() {}
}

/// A milestone (里程碑) with its due day and owner; done when `done_on` is set.
final class Milestone: Model, @unchecked Sendable {
    static let schema = "proj_milestones"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "name") var name: String
    @Field(key: "due_on") var dueOn: String
    @OptionalField(key: "owner_id") var ownerID: UUID?
    @OptionalField(key: "done_on") var doneOn: String?
    @Timestamp(key: "created_at", on: .none) var createdAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}
