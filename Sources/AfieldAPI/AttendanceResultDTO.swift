import Foundation

/// One employee's day (`date`, local to their group). `kind`: `workday`, `rest`, `holiday`.
/// `statuses` (several may hold): `untracked` (the person is in no attendance group), `upcoming`, `onTime`, `late`, `leftEarly`, `absent`,
/// `missingPunch`, `field`, `onLeave`, `onTrip`, `outing`, `holiday`, `rest`, `overtime`.
/// Minutes are whole minutes; `start`/`end` the planned hours (`HH:mm`, absent on rest days).
public struct DailyResultDTO: Codable, Sendable, Equatable {
    public var date: String
    public var kind: String
    public var shift: String?
    public var start: String?
    public var end: String?
    public var firstPunch: Date?
    public var lastPunch: Date?
    public var punchCount: Int
    public var workedMinutes: Int
    public var lateMinutes: Int
    public var earlyMinutes: Int
    public var overtimeMinutes: Int
    public var statuses: [String]
    /// Leave taken this day by type (`annual`), in days (`0.5`); filled once Leave is installed.
    public var leave: [String: String]
    public init(date: String, kind: String, shift: String?, start: String?, end: String?, firstPunch: Date?, lastPunch: Date?, punchCount: Int,
                workedMinutes: Int, lateMinutes: Int, earlyMinutes: Int, overtimeMinutes: Int, statuses: [String], leave: [String: String]) {
        self.date = date
        self.kind = kind
        self.shift = shift
        self.start = start
        self.end = end
        self.firstPunch = firstPunch
        self.lastPunch = lastPunch
        self.punchCount = punchCount
        self.workedMinutes = workedMinutes
        self.lateMinutes = lateMinutes
        self.earlyMinutes = earlyMinutes
        self.overtimeMinutes = overtimeMinutes
        self.statuses = statuses
        self.leave = leave
    }
}

/// An employee's month (`GET /api/v1/attendance/results?employee=…&month=YYYY-MM`).
public struct EmployeeMonthDTO: Codable, Sendable, Equatable {
    public var employeeID: UUID
    public var employeeName: String
    public var month: String
    public var groupName: String?
    /// IANA time zone of the days and punch times (the group's; the company's without a group).
    public var timeZone: String
    public var days: [DailyResultDTO]
    public var summary: MonthlySummaryDTO
    public init(employeeID: UUID, employeeName: String, month: String, groupName: String?, timeZone: String, days: [DailyResultDTO], summary: MonthlySummaryDTO) {
        self.timeZone = timeZone
        self.employeeID = employeeID
        self.employeeName = employeeName
        self.month = month
        self.groupName = groupName
        self.days = days
        self.summary = summary
    }
}

/// A month's figures for one employee (`employeeID` set) or a department total. Days count the
/// month's days so far (a day not yet over is counted once judged).
public struct MonthlySummaryDTO: Codable, Sendable, Equatable {
    public var employeeID: UUID?
    public var employeeName: String?
    public var departmentName: String?
    /// Working days planned in the month.
    public var workdays: Int
    /// Days with attendance: punched, on a field trip or outing.
    public var daysWorked: Int
    public var lateCount: Int
    public var lateMinutes: Int
    public var earlyCount: Int
    public var earlyMinutes: Int
    public var absentDays: Int
    public var missingPunches: Int
    public var fieldDays: Int
    /// Minutes between first and last punch, all days.
    public var workedMinutes: Int
    /// Approved overtime hours as decimal text with one decimal (`2.5`).
    public var overtimeHours: String
    /// The same by the kind of day it was worked on: `workday`, `rest`, `holiday` (China pays
    /// 150 %, 200 % and 300 %, 劳动法 Art. 44).
    public var overtimeByKind: [String: String]
    /// Leave days by type as decimal text (`annual: "1.5"`).
    public var leave: [String: String]
    public init(employeeID: UUID?, employeeName: String?, departmentName: String?, workdays: Int, daysWorked: Int, lateCount: Int, lateMinutes: Int,
                earlyCount: Int, earlyMinutes: Int, absentDays: Int, missingPunches: Int, fieldDays: Int, workedMinutes: Int, overtimeHours: String,
                overtimeByKind: [String: String] = [:], leave: [String: String]) {
        self.overtimeByKind = overtimeByKind
        self.employeeID = employeeID
        self.employeeName = employeeName
        self.departmentName = departmentName
        self.workdays = workdays
        self.daysWorked = daysWorked
        self.lateCount = lateCount
        self.lateMinutes = lateMinutes
        self.earlyCount = earlyCount
        self.earlyMinutes = earlyMinutes
        self.absentDays = absentDays
        self.missingPunches = missingPunches
        self.fieldDays = fieldDays
        self.workedMinutes = workedMinutes
        self.overtimeHours = overtimeHours
        self.leave = leave
    }
}
