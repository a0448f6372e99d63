import Fluent
import Foundation

/// A budget of a department for a category and a month; see ``AfieldAPI/ExpenseBudgetDTO``.
final class ExpenseBudget: Model, @unchecked Sendable {
    static let schema = "expense_budgets"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "department_id") var departmentID: UUID
    @Field(key: "category_id") var categoryID: UUID
    /// `YYYY-MM`.
    @Field(key: "month") var month: String
    /// Minor units of the company currency.
    @Field(key: "amount") var amount: Int64
    /// `stop` or `warn`.
    @Field(key: "action") var action: String
    @Field(key: "version") var version: Int

    init() {}
}
