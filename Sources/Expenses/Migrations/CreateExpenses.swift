import Fluent
import Foundation
import SQLKit

/// `expenses.0001_expenses`: categories (with per-day limits by city tier), items, budgets by
/// department, category and month, claims and their lines.
struct CreateExpenses: AsyncMigration {
    var name: String { "expenses.0001_expenses" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ExpenseCategory.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("key", .string)
            .field("name", .string, .required)
            .field("limits", .string, .required)
            .field("archived", .bool, .required)
            .field("position", .int, .required)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "name", name: "expense_categories_name")
            .create()
        try await database.schema(ExpenseItem.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("name", .string, .required)
            .field("default_category_id", .uuid, .required, .references(ExpenseCategory.schema, "id"))
            .unique(on: "tenant_id", "name", name: "expense_items_name")
            .create()
        try await database.schema(ExpenseBudget.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("department_id", .uuid, .required, .references("departments", "id"))
            .field("category_id", .uuid, .required, .references(ExpenseCategory.schema, "id"))
            .field("month", .string, .required)
            .field("amount", .int64, .required)
            .field("action", .string, .required)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "department_id", "category_id", "month", name: "expense_budgets_once")
            .create()
        try await database.schema(ExpenseClaim.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("number", .string, .required)
            .field("employee_id", .uuid, .required, .references("employees", "id"))
            .field("department_id", .uuid)
            .field("title", .string)
            .field("currency", .string, .required)
            .field("total", .int64, .required)
            .field("state", .string, .required)
            .field("warnings", .string, .required)
            .field("paid_on", .string)
            .field("paid_by", .uuid)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "number", name: "expense_claims_number")
            .create()
        try await database.schema(ExpenseLine.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("claim_id", .uuid, .required, .references(ExpenseClaim.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("date", .string, .required)
            .field("item_id", .uuid)
            .field("category_id", .uuid, .required)
            .field("amount", .int64, .required)
            .field("currency", .string, .required)
            .field("description", .string)
            .field("invoice_number", .string)
            .field("invoice_type", .string)
            .field("city_tier", .string)
            .field("days", .int)
            .field("customer_id", .uuid)
            .field("receipts", .string, .required)
            .field("duplicate_invoice", .bool, .required)
            .field("over_limit", .bool, .required)
            .field("over_budget", .bool, .required)
            .create()
        let sql = database as? any SQLDatabase
        try await sql?.raw("CREATE INDEX expense_lines_invoice ON expense_lines (tenant_id, invoice_number)").run()
        try await sql?.raw("CREATE INDEX expense_lines_claim ON expense_lines (claim_id)").run()
        guard let sql else { return }
        for row in try await sql.raw("SELECT id, locale FROM tenants").all() {
            try await ExpenseCategory.seed(tenantID: try row.decode(column: "id", as: UUID.self), locale: try row.decode(column: "locale", as: String.self),
                                           on: database)
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [ExpenseLine.schema, ExpenseClaim.schema, ExpenseBudget.schema, ExpenseItem.schema, ExpenseCategory.schema] {
            try await database.schema(schema).delete()
        }
    }
}
