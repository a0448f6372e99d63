import Fluent
import SQLKit

/// `projects.0002_timesheets`: weekly timesheets and their lines.
struct CreateTimesheets: AsyncMigration {
    var name: String { "projects.0002_timesheets" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Timesheet.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("employee_id", .uuid, .required)
            .field("department_id", .uuid)
            .field("user_id", .uuid, .required)
            .field("week_start", .string, .required)
            .field("state", .string, .required)
            .field("total_ch", .int, .required)
            .field("submitted_at", .datetime)
            .field("decided_at", .datetime)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "employee_id", "week_start", name: "proj_timesheets_week")
            .create()
        try await database.schema(TimesheetEntry.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("timesheet_id", .uuid, .required, .references(Timesheet.schema, "id", onDelete: .cascade))
            .field("employee_id", .uuid, .required)
            .field("project_id", .uuid)
            .field("task_id", .uuid)
            .field("work_day", .string, .required)
            .field("hours_ch", .int, .required)
            .field("note", .string)
            .field("cost", .int64, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .create()
        let sql = database as! any SQLDatabase
        for statement: SQLQueryString in [
            "CREATE INDEX proj_timesheet_entries_sheet ON proj_timesheet_entries (timesheet_id, work_day)",
            "CREATE INDEX proj_timesheet_entries_project ON proj_timesheet_entries (project_id)",
            "CREATE INDEX proj_timesheet_entries_task ON proj_timesheet_entries (task_id)",
            "CREATE INDEX proj_timesheet_entries_day ON proj_timesheet_entries (tenant_id, employee_id, work_day)",
            "CREATE INDEX proj_timesheets_state ON proj_timesheets (tenant_id, state, week_start)",
        ] { try await sql.raw(statement).run() }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TimesheetEntry.schema).delete()
        try await database.schema(Timesheet.schema).delete()
    }
}
