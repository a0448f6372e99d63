import Fluent
import Foundation

/// A person's timesheet (工时表) for one ISO week (issue 13 point 5); see
/// ``AfieldAPI/TimesheetDTO``. States: `open` → `submitted` (approval subject
/// ``TimesheetApproval/subject``) → `approved`; a rejection or withdrawal opens it again.
final class Timesheet: Model, @unchecked Sendable {
    static let schema = "proj_timesheets"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "employee_id") var employeeID: UUID
    @OptionalField(key: "department_id") var departmentID: UUID?
    /// The employee's user, who submits it.
    @Field(key: "user_id") var userID: UUID
    /// The Monday, `YYYY-MM-DD`.
    @Field(key: "week_start") var weekStart: String
    @Field(key: "state") var state: String
    /// Hundredths of an hour.
    @Field(key: "total_ch") var totalCentihours: Int
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @Timestamp(key: "created_at", on: .none) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .none) var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}

/// A line of a timesheet. `cost` is minor units of the company currency: the hours at the
/// person's hourly cost when the line was written (0 when none is set), as Odoo costs timesheet
/// lines; it counts in a project's actual cost once the sheet is approved.
final class TimesheetEntry: Model, @unchecked Sendable {
    static let schema = "proj_timesheet_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "timesheet_id") var timesheetID: UUID
    @Field(key: "employee_id") var employeeID: UUID
    @OptionalField(key: "project_id") var projectID: UUID?
    @OptionalField(key: "task_id") var taskID: UUID?
    @Field(key: "work_day") var workDay: String
    @Field(key: "hours_ch") var centihours: Int
    @OptionalField(key: "note") var note: String?
    @Field(key: "cost") var cost: Int64
    @Timestamp(key: "created_at", on: .none) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .none) var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}
