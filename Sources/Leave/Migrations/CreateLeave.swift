import Fluent
import Foundation
import SQLKit

/// `leave.0001_leave`: leave types, employees' leave profiles, the leave ledger (grants and
/// takes; balances are derived from it) and leave requests.
struct CreateLeave: AsyncMigration {
    var name: String { "leave.0001_leave" }

    func prepare(on database: any Database) async throws {
        try await database.schema(LeaveType.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("key", .string, .required)
            .field("name_en", .string, .required)
            .field("name_zh", .string, .required)
            .field("unit", .string, .required)
            .field("paid", .bool, .required)
            .field("needs_document", .bool, .required)
            .field("counts_holidays", .bool, .required)
            .field("tracks_balance", .bool, .required)
            .field("position", .int, .required)
            .unique(on: "tenant_id", "key", name: "leave_types_key")
            .create()
        // One row per employee who ever asked for leave: it carries their work start date and is
        // the row a request locks so that two requests cannot both spend the same balance.
        try await database.schema(LeaveProfile.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("employee_id", .uuid, .required, .references("employees", "id"))
            .field("work_start_date", .string)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "employee_id", name: "leave_profiles_employee")
            .create()
        try await database.schema(LeaveLedgerEntry.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("employee_id", .uuid, .required, .references("employees", "id"))
            .field("type_key", .string, .required)
            .field("kind", .string, .required)
            .field("amount", .int64, .required)
            .field("date", .string, .required)
            .field("expires_on", .string)
            .field("dedupe_key", .string, .required)
            .field("request_id", .uuid)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .unique(on: "tenant_id", "employee_id", "type_key", "dedupe_key", name: "leave_ledger_once")
            .create()
        try await database.schema(LeaveRequest.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("number", .string, .required)
            .field("employee_id", .uuid, .required, .references("employees", "id"))
            .field("department_id", .uuid)
            .field("type_key", .string, .required)
            .field("start_date", .string, .required)
            .field("end_date", .string, .required)
            .field("half_days", .string, .required)
            .field("hours", .int64)
            .field("amount", .int64, .required)
            .field("days", .string, .required)
            .field("reason", .string)
            .field("attachments", .string, .required)
            .field("state", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "number", name: "leave_requests_number")
            .create()
        try await (database as? any SQLDatabase)?.raw("CREATE INDEX leave_requests_dates ON leave_requests (tenant_id, end_date, start_date)").run()
        // Companies that exist already get the default types too (new ones at creation).
        guard let sql = database as? any SQLDatabase else { return }
        for row in try await sql.raw("SELECT id FROM tenants").all() {
            try await LeaveType.seed(tenantID: try row.decode(column: "id", as: UUID.self), on: database)
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [LeaveRequest.schema, LeaveLedgerEntry.schema, LeaveProfile.schema, LeaveType.schema] { try await database.schema(schema).delete() }
    }
}
