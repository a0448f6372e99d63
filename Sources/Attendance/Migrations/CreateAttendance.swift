import Fluent
import Platform
import SQLKit

/// `attendance.0001_attendance`: holiday calendars and their dated days, attendance groups
/// with their fenced sites, members and shift roster, and punches.
struct CreateAttendance: AsyncMigration {
    var name: String { "attendance.0001_attendance" }

    func prepare(on database: any Database) async throws {
        try await database.schema(HolidayCalendar.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("name", .string, .required)
            .field("rest_weekdays", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .create()
        try await database.schema(HolidayCalendarDay.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("calendar_id", .uuid, .required, .references(HolidayCalendar.schema, "id", onDelete: .cascade))
            .field("date", .string, .required)
            .field("kind", .string, .required)
            .field("name", .string)
            .unique(on: "calendar_id", "date", name: "attendance_calendar_days_date")
            .create()
        try await database.schema(AttendanceGroup.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("name", .string, .required)
            .field("time_zone", .string, .required)
            .field("calendar_id", .uuid, .references(HolidayCalendar.schema, "id"))
            .field("schedule", .string, .required)
            .field("grace_late_minutes", .int, .required)
            .field("grace_early_minutes", .int, .required)
            .field("absent_after_minutes", .int, .required)
            .field("window_before_minutes", .int, .required)
            .field("window_after_minutes", .int, .required)
            .field("field_check_in", .bool, .required)
            .field("field_needs_photo", .bool, .required)
            .field("field_needs_customer", .bool, .required)
            .field("corrections_per_month", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "name", name: "attendance_groups_name")
            .create()
        try await database.schema(AttendanceGroupSite.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("group_id", .uuid, .required, .references(AttendanceGroup.schema, "id", onDelete: .cascade))
            .field("site_id", .uuid, .required, .references("sites", "id"))
            .field("radius_meters", .int, .required)
            .unique(on: "group_id", "site_id", name: "attendance_group_sites_site")
            .create()
        // An employee or a department belongs to one group at most: the unique indexes say so
        // even when two administrators save at once.
        try await database.schema(AttendanceGroupMember.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("group_id", .uuid, .required, .references(AttendanceGroup.schema, "id", onDelete: .cascade))
            .field("employee_id", .uuid, .references("employees", "id"))
            .field("department_id", .uuid, .references("departments", "id"))
            .unique(on: "tenant_id", "employee_id", name: "attendance_members_employee")
            .unique(on: "tenant_id", "department_id", name: "attendance_members_department")
            .create()
        try await database.schema(RosterEntry.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("group_id", .uuid, .required, .references(AttendanceGroup.schema, "id", onDelete: .cascade))
            .field("employee_id", .uuid, .required, .references("employees", "id"))
            .field("date", .string, .required)
            .field("shift", .string, .required)
            .unique(on: "tenant_id", "employee_id", "date", name: "attendance_roster_day")
            .create()
        // One punch per person and minute: the unique index makes a repeated press (or a retry
        // of a queued punch) the same punch, whichever process receives it.
        try await database.schema(Punch.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("employee_id", .uuid, .required, .references("employees", "id"))
            .field("department_id", .uuid)
            .field("group_id", .uuid)
            .field("work_date", .string, .required)
            .field("at", .datetime, .required)
            .field("minute", .int64, .required)
            .field("server_time", .datetime, .required)
            .field("device_time", .datetime, .required)
            .field("latitude", .string, .required)
            .field("longitude", .string, .required)
            .field("accuracy", .int)
            .field("site_id", .uuid)
            .field("distance_meters", .int)
            .field("inside", .bool, .required)
            .field("field", .bool, .required)
            .field("note", .string)
            .field("photo_file_id", .uuid)
            .field("customer_id", .uuid)
            .field("queued", .bool, .required)
            .field("clock_skew_seconds", .int, .required)
            .field("flagged", .bool, .required)
            .field("source", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .unique(on: "tenant_id", "employee_id", "minute", name: "attendance_punches_minute")
            .create()
        try await (database as? any SQLDatabase)?.raw("CREATE INDEX attendance_punches_day ON attendance_punches (tenant_id, work_date)").run()
        try await (database as? any SQLDatabase)?.raw("CREATE INDEX attendance_punches_at ON attendance_punches (tenant_id, employee_id, at)").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [Punch.schema, RosterEntry.schema, AttendanceGroupMember.schema, AttendanceGroupSite.schema, AttendanceGroup.schema,
                       HolidayCalendarDay.schema, HolidayCalendar.schema] {
            try await database.schema(schema).delete()
        }
    }
}

/// `attendance.0004_member_since`: the day a member joined their group, so that the days before
/// are not judged against it (they were shown as absences).
struct AddMemberSince: AsyncMigration {
    var name: String { "attendance.0004_member_since" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AttendanceGroupMember.schema).field("since", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AttendanceGroupMember.schema).deleteField("since").update()
    }
}
