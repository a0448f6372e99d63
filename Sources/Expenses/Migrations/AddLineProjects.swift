import Fluent
import SQLKit

/// `expenses.0003_line_projects`: a claim line may be booked to a project (issue 13).
struct AddLineProjects: AsyncMigration {
    var name: String { "expenses.0003_line_projects" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ExpenseLine.schema).field("project_id", .uuid).update()
        try await (database as! any SQLDatabase).raw("CREATE INDEX expense_lines_project ON \(ident: ExpenseLine.schema) (project_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ExpenseLine.schema).deleteField("project_id").update()
    }
}
