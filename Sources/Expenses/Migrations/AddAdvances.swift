import Fluent
import Foundation
import SQLKit

/// `expenses.0002_advances`: advances and their movements (offsets against claims, returns);
/// claims keep what advances covered (`advance_offset`); lines keep their own currency's
/// amount and rate (`original_amount`, `exchange_rate`, `amount` stays the company currency's)
/// and a trip (`trip_id`); approved trips recorded from the approvals event.
struct AddAdvances: AsyncMigration {
    var name: String { "expenses.0002_advances" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ExpenseAdvance.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("number", .string, .required)
            .field("employee_id", .uuid, .required, .references("employees", "id"))
            .field("department_id", .uuid)
            .field("purpose", .string, .required)
            .field("expected_claim_date", .string)
            .field("currency", .string, .required)
            .field("amount", .int64, .required)
            .field("offset_total", .int64, .required)
            .field("returned_total", .int64, .required)
            .field("state", .string, .required)
            .field("paid_on", .string)
            .field("paid_by", .uuid)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "number", name: "expense_advances_number")
            .create()
        try await database.schema(AdvanceMovement.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("advance_id", .uuid, .required, .references(ExpenseAdvance.schema, "id"))
            .field("kind", .string, .required)
            .field("claim_id", .uuid, .references(ExpenseClaim.schema, "id"))
            .field("amount", .int64, .required)
            .field("date", .string, .required)
            .field("recorded_by", .uuid)
            .field("created_at", .datetime)
            .create()
        try await database.schema(ExpenseTrip.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("employee_id", .uuid, .required, .references("employees", "id"))
            .field("instance_id", .uuid, .required)
            .field("start_date", .string, .required)
            .field("end_date", .string, .required)
            .field("destination", .string)
            .field("created_at", .datetime)
            .unique(on: "tenant_id", "instance_id", name: "expense_trips_instance")
            .create()
        // Added one at a time: SQLite alters a table one column per statement.
        try await database.schema(ExpenseClaim.schema).field("advance_offset", .int64, .required, .sql(.default(0))).update()
        try await database.schema(ExpenseLine.schema).field("original_amount", .int64).update()
        try await database.schema(ExpenseLine.schema).field("exchange_rate", .string).update()
        try await database.schema(ExpenseLine.schema).field("trip_id", .uuid).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX expense_advances_employee ON expense_advances (tenant_id, employee_id, state)").run()
        try await sql.raw("CREATE INDEX expense_advance_movements_advance ON expense_advance_movements (advance_id)").run()
        try await sql.raw("CREATE INDEX expense_advance_movements_claim ON expense_advance_movements (claim_id)").run()
        try await sql.raw("CREATE INDEX expense_trips_employee ON expense_trips (tenant_id, employee_id)").run()
    }

    func revert(on database: any Database) async throws {
        for column in ["original_amount", "exchange_rate", "trip_id"] { try await database.schema(ExpenseLine.schema).deleteField(.string(column)).update() }
        try await database.schema(ExpenseClaim.schema).deleteField("advance_offset").update()
        for schema in [ExpenseTrip.schema, AdvanceMovement.schema, ExpenseAdvance.schema] { try await database.schema(schema).delete() }
    }
}
