import Fluent
import Foundation

/// An attendance group (考勤组): who (``AttendanceGroupMember``), where (``AttendanceGroupSite``),
/// when (``AttendanceSchedule``, stored as JSON of ``AfieldAPI/AttendanceScheduleDTO``), in which
/// time zone and on which holiday calendar, and the rules that judge a day.
final class AttendanceGroup: Model, @unchecked Sendable {
    static let schema = "attendance_groups"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "name") var name: String
    @Field(key: "time_zone") var timeZone: String
    @OptionalField(key: "calendar_id") var calendarID: UUID?
    @Field(key: "schedule") var scheduleJSON: String
    @Field(key: "grace_late_minutes") var graceLateMinutes: Int
    @Field(key: "grace_early_minutes") var graceEarlyMinutes: Int
    @Field(key: "absent_after_minutes") var absentAfterMinutes: Int
    @Field(key: "window_before_minutes") var windowBeforeMinutes: Int
    @Field(key: "window_after_minutes") var windowAfterMinutes: Int
    @Field(key: "field_check_in") var fieldCheckIn: Bool
    @Field(key: "field_needs_photo") var fieldNeedsPhoto: Bool
    @Field(key: "field_needs_customer") var fieldNeedsCustomer: Bool
    @Field(key: "corrections_per_month") var correctionsPerMonth: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}

/// A site whose geofence (``radiusMeters`` around its position) counts as the office for a group.
final class AttendanceGroupSite: Model, @unchecked Sendable {
    static let schema = "attendance_group_sites"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "group_id") var groupID: UUID
    @Field(key: "site_id") var siteID: UUID
    @Field(key: "radius_meters") var radiusMeters: Int

    init() {}

    init(tenantID: UUID, groupID: UUID, siteID: UUID, radiusMeters: Int) {
        self.id = UUID()
        self.tenantID = tenantID
        self.groupID = groupID
        self.siteID = siteID
        self.radiusMeters = radiusMeters
    }
}

/// One member of a group: an employee or a department (exactly one of the two is set).
final class AttendanceGroupMember: Model, @unchecked Sendable {
    static let schema = "attendance_group_members"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "group_id") var groupID: UUID
    @OptionalField(key: "employee_id") var employeeID: UUID?
    @OptionalField(key: "department_id") var departmentID: UUID?
    /// The first day (`YYYY-MM-DD`, the group's local date) the group keeps the member's hours:
    /// the day they were added. Days before are not judged by this group. Nil for members added
    /// before the date was kept: judged on every day.
    @OptionalField(key: "since") var since: String?

    init() {}

    init(tenantID: UUID, groupID: UUID, employeeID: UUID?, departmentID: UUID?, since: String?) {
        self.id = UUID()
        self.tenantID = tenantID
        self.groupID = groupID
        self.employeeID = employeeID
        self.departmentID = departmentID
        self.since = since
    }
}

/// The shift one person works on one day in a shift group (排班).
final class RosterEntry: Model, @unchecked Sendable {
    static let schema = "attendance_roster"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "group_id") var groupID: UUID
    @Field(key: "employee_id") var employeeID: UUID
    @Field(key: "date") var date: String
    @Field(key: "shift") var shift: String

    init() {}
}
