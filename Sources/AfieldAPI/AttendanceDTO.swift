import Foundation

/// A holiday calendar (节假日日历) as `GET /api/v1/attendance/calendars/{id}` gives it: the weekly
/// rest days (ISO weekdays, 1 Monday … 7 Sunday) and dated exceptions — `holiday` (a day off even
/// on a working weekday) and `workday` (a make-up workday 调休, working even on a rest weekday).
/// An attendance group with fixed hours rests on the weekdays its schedule leaves empty instead
/// of these `restWeekdays`; its holidays and make-up workdays still come from here.
public struct HolidayCalendarDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var restWeekdays: [Int]
    /// The dated days, by date.
    public var days: [HolidayCalendarDayDTO]
    public var version: Int
    public init(id: UUID, name: String, restWeekdays: [Int], days: [HolidayCalendarDayDTO], version: Int) {
        self.id = id
        self.name = name
        self.restWeekdays = restWeekdays
        self.days = days
        self.version = version
    }
}

/// One dated day of a holiday calendar: `date` `YYYY-MM-DD`, `kind` `holiday` or `workday`,
/// `name` the holiday it belongs to (`春节`).
public struct HolidayCalendarDayDTO: Codable, Sendable, Equatable, APISchemaRefining {
    public var date: String
    public var kind: String
    public var name: String?
    public init(date: String, kind: String, name: String? = nil) {
        self.date = date
        self.kind = kind
        self.name = name
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["date": SchemaRefinement(required: true, format: "date"), "kind": .oneOf(["holiday", "workday"], required: true),
         "name": SchemaRefinement(maxLength: 60, pattern: SchemaPattern.line)]
    }
}

/// `POST /api/v1/attendance/calendars`: a new calendar (`name` required); `restWeekdays`
/// default Saturday and Sunday; `days` its dated days.
public struct HolidayCalendarInput: Codable, Sendable, APISchemaRefining {
    public var name: String?
    public var restWeekdays: [Int]?
    public var days: [HolidayCalendarDayDTO]?
    public init(name: String?, restWeekdays: [Int]? = nil, days: [HolidayCalendarDayDTO]? = nil) {
        self.name = name
        self.restWeekdays = restWeekdays
        self.days = days
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["name": .name(max: 60), "restWeekdays": SchemaRefinement(maxItems: 7), "days": SchemaRefinement(maxItems: 400)]
    }
}

/// `PATCH /api/v1/attendance/calendars/{id}`: `version` required (stale → 409); `days` are added
/// or replace the day of the same date; `removeDays` are dropped; absent fields stay.
public struct HolidayCalendarUpdate: Codable, Sendable, APISchemaRefining {
    public var version: Int?
    public var name: String?
    public var restWeekdays: [Int]?
    public var days: [HolidayCalendarDayDTO]?
    public var removeDays: [String]?
    public init(version: Int?, name: String? = nil, restWeekdays: [Int]? = nil, days: [HolidayCalendarDayDTO]? = nil, removeDays: [String]? = nil) {
        self.version = version
        self.name = name
        self.restWeekdays = restWeekdays
        self.days = days
        self.removeDays = removeDays
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["version": .required, "name": .rename(max: 60), "restWeekdays": SchemaRefinement(maxItems: 7), "days": SchemaRefinement(maxItems: 400),
         "removeDays": SchemaRefinement(maxItems: 400)]
    }
}

/// Working hours of one weekday of a fixed schedule: `start` and `end` as `HH:mm` local time
/// of the group; `end` before `start` crosses midnight.
public struct WorkHoursDTO: Codable, Sendable, Equatable, APISchemaRefining {
    /// ISO weekday 1 Monday … 7 Sunday.
    public var weekday: Int
    public var start: String
    public var end: String
    public init(weekday: Int, start: String, end: String) {
        self.weekday = weekday
        self.start = start
        self.end = end
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["weekday": SchemaRefinement(required: true, minimum: 1, maximum: 7), "start": SchemaRefinement(required: true, pattern: SchemaPattern.clock),
         "end": SchemaRefinement(required: true, pattern: SchemaPattern.clock)]
    }
}

/// A shift (班次) of a shift schedule: `key` short code (`N`), `start`/`end` `HH:mm`; a night
/// shift ends before it starts (22:00–06:00) and belongs to the day it starts.
public struct ShiftDTO: Codable, Sendable, Equatable, APISchemaRefining {
    public var key: String
    public var name: String
    public var start: String
    public var end: String
    public init(key: String, name: String, start: String, end: String) {
        self.key = key
        self.name = name
        self.start = start
        self.end = end
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["key": SchemaRefinement(required: true, minLength: 1, maxLength: 8, pattern: "^[A-Za-z0-9]+$"), "name": .name(max: 40),
         "start": SchemaRefinement(required: true, pattern: SchemaPattern.clock), "end": SchemaRefinement(required: true, pattern: SchemaPattern.clock)]
    }
}

/// How a group's working time is set (`kind`):
/// - `fixed`: `weekdays` gives the hours of each working weekday; a weekday not listed is a rest day.
/// - `flexible`: on the weekdays not in `restWeekdays`, arrive by `coreStart`, stay until
///   `coreEnd`, and work `requiredMinutes` between the first and the last punch.
/// - `shifts`: a roster assigns one of `shifts` to each person and day (排班); a day without
///   one is a rest day.
public struct AttendanceScheduleDTO: Codable, Sendable, Equatable, APISchemaRefining {
    public var kind: String
    public var weekdays: [WorkHoursDTO]?
    public var restWeekdays: [Int]?
    public var coreStart: String?
    public var coreEnd: String?
    public var requiredMinutes: Int?
    public var shifts: [ShiftDTO]?
    public init(kind: String, weekdays: [WorkHoursDTO]? = nil, restWeekdays: [Int]? = nil, coreStart: String? = nil, coreEnd: String? = nil,
                requiredMinutes: Int? = nil, shifts: [ShiftDTO]? = nil) {
        self.kind = kind
        self.weekdays = weekdays
        self.restWeekdays = restWeekdays
        self.coreStart = coreStart
        self.coreEnd = coreEnd
        self.requiredMinutes = requiredMinutes
        self.shifts = shifts
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["kind": .oneOf(["fixed", "flexible", "shifts"], required: true), "weekdays": SchemaRefinement(maxItems: 7),
         "restWeekdays": SchemaRefinement(maxItems: 7), "coreStart": SchemaRefinement(pattern: SchemaPattern.clock),
         "coreEnd": SchemaRefinement(pattern: SchemaPattern.clock), "requiredMinutes": SchemaRefinement(minimum: 1, maximum: 1440),
         "shifts": SchemaRefinement(maxItems: 20)]
    }
}

/// An office site of a group with the radius of its geofence in metres.
public struct GroupSiteDTO: Codable, Sendable, Equatable, APISchemaRefining {
    public var siteID: UUID
    /// Filled in answers; ignored in requests.
    public var name: String?
    public var latitude: String?
    public var longitude: String?
    public var radiusMeters: Int
    public init(siteID: UUID, name: String? = nil, latitude: String? = nil, longitude: String? = nil, radiusMeters: Int) {
        self.siteID = siteID
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
        self.radiusMeters = radiusMeters
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["siteID": .required, "radiusMeters": SchemaRefinement(required: true, minimum: 10, maximum: 5000)]
    }
}

/// An attendance group (考勤组) as the API gives it. Members are employees and departments (a
/// department's members and those of departments below it, unless they are in a group of their
/// own or of a nearer department). Minutes are whole minutes.
public struct AttendanceGroupDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var name: String
    /// IANA time zone of the group's days and hours (`Asia/Shanghai`).
    public var timeZone: String
    public var calendarID: UUID?
    public var calendarName: String?
    public var schedule: AttendanceScheduleDTO
    /// A first punch up to this late is on time.
    public var graceLateMinutes: Int
    /// A last punch up to this early is on time.
    public var graceEarlyMinutes: Int
    /// Later than this (or leaving this much early) counts the day as absent (旷工).
    public var absentAfterMinutes: Int
    /// How long before the start a punch counts for the day.
    public var windowBeforeMinutes: Int
    /// How long after the end a punch still counts for the day.
    public var windowAfterMinutes: Int
    /// Whether punches outside every fence are accepted as field check-ins (外勤打卡).
    public var fieldCheckIn: Bool
    public var fieldNeedsPhoto: Bool
    public var fieldNeedsCustomer: Bool
    /// Corrections (补卡) a member may ask for per month.
    public var correctionsPerMonth: Int
    public var sites: [GroupSiteDTO]
    public var employeeIDs: [UUID]
    public var departmentIDs: [UUID]
    public var version: Int
    public init(id: UUID, name: String, timeZone: String, calendarID: UUID?, calendarName: String?, schedule: AttendanceScheduleDTO,
                graceLateMinutes: Int, graceEarlyMinutes: Int, absentAfterMinutes: Int, windowBeforeMinutes: Int, windowAfterMinutes: Int,
                fieldCheckIn: Bool, fieldNeedsPhoto: Bool, fieldNeedsCustomer: Bool, correctionsPerMonth: Int, sites: [GroupSiteDTO],
                employeeIDs: [UUID], departmentIDs: [UUID], version: Int) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.calendarID = calendarID
        self.calendarName = calendarName
        self.schedule = schedule
        self.graceLateMinutes = graceLateMinutes
        self.graceEarlyMinutes = graceEarlyMinutes
        self.absentAfterMinutes = absentAfterMinutes
        self.windowBeforeMinutes = windowBeforeMinutes
        self.windowAfterMinutes = windowAfterMinutes
        self.fieldCheckIn = fieldCheckIn
        self.fieldNeedsPhoto = fieldNeedsPhoto
        self.fieldNeedsCustomer = fieldNeedsCustomer
        self.correctionsPerMonth = correctionsPerMonth
        self.sites = sites
        self.employeeIDs = employeeIDs
        self.departmentIDs = departmentIDs
        self.version = version
    }
}

/// `POST /api/v1/attendance/groups` (`name`, `schedule` required; `version` ignored) and, as
/// ``AttendanceGroupUpdate``, `PATCH …/{id}` (`version` required; what is sent replaces what was). Defaults on create: the company's time zone, no
/// calendar (no holidays), grace 0, absent after 240 minutes late, window 120 minutes before and
/// 360 after, no field check-in, 3 corrections a month.
public struct AttendanceGroupInput: Codable, Sendable, APISchemaRefining {
    public var version: Int?
    public var name: String?
    public var timeZone: String?
    /// A calendar id; `null` clears it only in a PATCH that sends `clearCalendar: true`.
    public var calendarID: UUID?
    public var clearCalendar: Bool?
    public var schedule: AttendanceScheduleDTO?
    public var graceLateMinutes: Int?
    public var graceEarlyMinutes: Int?
    public var absentAfterMinutes: Int?
    public var windowBeforeMinutes: Int?
    public var windowAfterMinutes: Int?
    public var fieldCheckIn: Bool?
    public var fieldNeedsPhoto: Bool?
    public var fieldNeedsCustomer: Bool?
    public var correctionsPerMonth: Int?
    public var sites: [GroupSiteDTO]?
    public var employeeIDs: [UUID]?
    public var departmentIDs: [UUID]?
    public init(version: Int? = nil, name: String? = nil, timeZone: String? = nil, calendarID: UUID? = nil, clearCalendar: Bool? = nil,
                schedule: AttendanceScheduleDTO? = nil, graceLateMinutes: Int? = nil, graceEarlyMinutes: Int? = nil, absentAfterMinutes: Int? = nil,
                windowBeforeMinutes: Int? = nil, windowAfterMinutes: Int? = nil, fieldCheckIn: Bool? = nil, fieldNeedsPhoto: Bool? = nil,
                fieldNeedsCustomer: Bool? = nil, correctionsPerMonth: Int? = nil, sites: [GroupSiteDTO]? = nil, employeeIDs: [UUID]? = nil,
                departmentIDs: [UUID]? = nil) {
        self.version = version
        self.name = name
        self.timeZone = timeZone
        self.calendarID = calendarID
        self.clearCalendar = clearCalendar
        self.schedule = schedule
        self.graceLateMinutes = graceLateMinutes
        self.graceEarlyMinutes = graceEarlyMinutes
        self.absentAfterMinutes = absentAfterMinutes
        self.windowBeforeMinutes = windowBeforeMinutes
        self.windowAfterMinutes = windowAfterMinutes
        self.fieldCheckIn = fieldCheckIn
        self.fieldNeedsPhoto = fieldNeedsPhoto
        self.fieldNeedsCustomer = fieldNeedsCustomer
        self.correctionsPerMonth = correctionsPerMonth
        self.sites = sites
        self.employeeIDs = employeeIDs
        self.departmentIDs = departmentIDs
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        let minutes = SchemaRefinement(minimum: 0, maximum: 1440)
        return ["name": .name(max: 60), "schedule": .required, "timeZone": .text(max: 64), "graceLateMinutes": minutes, "graceEarlyMinutes": minutes,
                "absentAfterMinutes": SchemaRefinement(minimum: 1, maximum: 1440), "windowBeforeMinutes": minutes, "windowAfterMinutes": minutes,
                "correctionsPerMonth": SchemaRefinement(minimum: 0, maximum: 31), "sites": SchemaRefinement(maxItems: 50),
                "employeeIDs": SchemaRefinement(maxItems: 5000), "departmentIDs": SchemaRefinement(maxItems: 500)]
    }
}

/// `PATCH /api/v1/attendance/groups/{id}`: the fields of ``AttendanceGroupInput``, with
/// `version` required (stale → 409) and nothing else required.
public struct AttendanceGroupUpdate: Codable, Sendable, APISchemaRefining {
    public var fields: AttendanceGroupInput
    public init(_ fields: AttendanceGroupInput) { self.fields = fields }
    public init(from decoder: any Decoder) throws { fields = try AttendanceGroupInput(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try fields.encode(to: encoder) }
    public static var schemaRefinements: [String: SchemaRefinement] {
        var refinements = AttendanceGroupInput.schemaRefinements
        refinements["version"] = .required
        refinements["name"] = .rename(max: 60)
        refinements["schedule"] = nil
        return refinements
    }
}

/// One person's shift on one day of a shift group's roster (`shift` a key of the group's
/// shifts; null or absent: rest).
public struct RosterEntryDTO: Codable, Sendable, Equatable, APISchemaRefining {
    public var employeeID: UUID
    public var date: String
    public var shift: String?
    public init(employeeID: UUID, date: String, shift: String?) {
        self.employeeID = employeeID
        self.date = date
        self.shift = shift
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["employeeID": .required, "date": SchemaRefinement(required: true, format: "date"), "shift": .text(max: 8)]
    }
}

/// `PUT /api/v1/attendance/groups/{id}/roster`: sets the given days (a day sent without a shift
/// becomes a rest day).
public struct RosterInput: Codable, Sendable, APISchemaRefining {
    public var entries: [RosterEntryDTO]
    public init(entries: [RosterEntryDTO]) { self.entries = entries }
    public static var schemaRefinements: [String: SchemaRefinement] { ["entries": SchemaRefinement(required: true, maxItems: 2000)] }
}

/// `POST /api/v1/attendance/punches`: a check-in or check-out (打卡). The server's clock is the
/// punch time; `deviceTime` is the phone's clock when the button was pressed.
///
/// A punch queued while offline sends `queued: true`, its `deviceTime` (the punch time then) and
/// `sentAt`, the phone's clock when it was finally sent, which tells how far that clock is off.
/// `latitude`/`longitude` decimal degrees (WGS 84), `accuracy` metres. Outside every fence, a
/// field check-in needs `note` and, as the group says, `photoFileID` (an uploaded image) and
/// `customerID`.
public struct PunchInput: Codable, Sendable, APISchemaRefining {
    public var latitude: DecimalText?
    public var longitude: DecimalText?
    public var accuracy: Int?
    /// ISO 8601 date-time with an offset (`2026-12-07T09:00:05+08:00`).
    public var deviceTime: String?
    public var queued: Bool?
    /// ISO 8601, as `deviceTime`.
    public var sentAt: String?
    public var note: String?
    public var photoFileID: UUID?
    public var customerID: UUID?
    public init(latitude: DecimalText?, longitude: DecimalText?, accuracy: Int? = nil, deviceTime: String?, queued: Bool? = nil, sentAt: String? = nil,
                note: String? = nil, photoFileID: UUID? = nil, customerID: UUID? = nil) {
        self.latitude = latitude
        self.longitude = longitude
        self.accuracy = accuracy
        self.deviceTime = deviceTime
        self.queued = queued
        self.sentAt = sentAt
        self.note = note
        self.photoFileID = photoFileID
        self.customerID = customerID
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["latitude": .required, "longitude": .required, "deviceTime": SchemaRefinement(required: true, format: "date-time"),
         "sentAt": SchemaRefinement(format: "date-time"), "accuracy": SchemaRefinement(minimum: 0, maximum: 100_000),
         "note": .text(max: 500)]
    }
}

/// A punch as recorded. `at` is when it counts (the server's time; for a queued punch the
/// device time); `workDate` the day of the group it belongs to (a night shift's check-out
/// belongs to the day the shift started). `distanceMeters` to the nearest fenced site;
/// `inside` whether within its radius; `field` a field check-in outside every fence.
/// `clockSkewSeconds`: server minus device clock; `flagged` when more than 5 minutes off.
public struct PunchDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var employeeID: UUID
    public var employeeName: String?
    public var workDate: String
    public var at: Date
    public var serverTime: Date
    public var deviceTime: Date
    public var latitude: String
    public var longitude: String
    public var accuracy: Int?
    public var siteID: UUID?
    public var siteName: String?
    public var distanceMeters: Int?
    public var inside: Bool
    public var field: Bool
    public var note: String?
    public var photoFileID: UUID?
    public var customerID: UUID?
    public var queued: Bool
    public var clockSkewSeconds: Int
    public var flagged: Bool
    /// `punch` or `correction` (补卡, added by an approved request).
    public var source: String
    public init(id: UUID, employeeID: UUID, employeeName: String?, workDate: String, at: Date, serverTime: Date, deviceTime: Date, latitude: String,
                longitude: String, accuracy: Int?, siteID: UUID?, siteName: String?, distanceMeters: Int?, inside: Bool, field: Bool, note: String?,
                photoFileID: UUID?, customerID: UUID?, queued: Bool, clockSkewSeconds: Int, flagged: Bool, source: String) {
        self.id = id
        self.employeeID = employeeID
        self.employeeName = employeeName
        self.workDate = workDate
        self.at = at
        self.serverTime = serverTime
        self.deviceTime = deviceTime
        self.latitude = latitude
        self.longitude = longitude
        self.accuracy = accuracy
        self.siteID = siteID
        self.siteName = siteName
        self.distanceMeters = distanceMeters
        self.inside = inside
        self.field = field
        self.note = note
        self.photoFileID = photoFileID
        self.customerID = customerID
        self.queued = queued
        self.clockSkewSeconds = clockSkewSeconds
        self.flagged = flagged
        self.source = source
    }
}

/// What the check-in page shows before the button is pressed: the caller's group, today's
/// plan, today's punches and the nearest site with its distance (when a position is given).
public struct PunchStatusDTO: Codable, Sendable, Equatable {
    public var groupID: UUID?
    public var groupName: String?
    public var timeZone: String
    public var today: String
    public var result: DailyResultDTO?
    public var punches: [PunchDTO]
    public var nearestSiteName: String?
    public var distanceMeters: Int?
    public var inside: Bool?
    public var fieldCheckIn: Bool
    public var fieldNeedsPhoto: Bool
    public var fieldNeedsCustomer: Bool
    public init(groupID: UUID?, groupName: String?, timeZone: String, today: String, result: DailyResultDTO?, punches: [PunchDTO],
                nearestSiteName: String?, distanceMeters: Int?, inside: Bool?, fieldCheckIn: Bool, fieldNeedsPhoto: Bool, fieldNeedsCustomer: Bool) {
        self.groupID = groupID
        self.groupName = groupName
        self.timeZone = timeZone
        self.today = today
        self.result = result
        self.punches = punches
        self.nearestSiteName = nearestSiteName
        self.distanceMeters = distanceMeters
        self.inside = inside
        self.fieldCheckIn = fieldCheckIn
        self.fieldNeedsPhoto = fieldNeedsPhoto
        self.fieldNeedsCustomer = fieldNeedsCustomer
    }
}

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

/// One year of China's holidays in the form of holiday-cn (github.com/NateScarlet/holiday-cn),
/// the body of `POST /api/v1/attendance/calendars/{id}/import-cn`: `isOffDay` true is a
/// holiday, false a make-up workday (调休). Other keys of the file (`papers`, `$schema`) are ignored.
public struct HolidayCNYearDTO: Codable, Sendable {
    public struct Day: Codable, Sendable {
        public var name: String
        public var date: String
        public var isOffDay: Bool
        public init(name: String, date: String, isOffDay: Bool) {
            self.name = name
            self.date = date
            self.isOffDay = isOffDay
        }
    }
    public var year: Int
    public var days: [Day]
    public init(year: Int, days: [Day]) {
        self.year = year
        self.days = days
    }
}

/// `POST /api/v1/attendance/corrections`: a missed punch (补卡) at `time` (`HH:mm`, the group's
/// local time) on `date`, with a reason; submitted for approval.
public struct CorrectionInput: Codable, Sendable, APISchemaRefining {
    public var date: String?
    public var time: String?
    public var reason: String?
    public init(date: String?, time: String?, reason: String?) {
        self.date = date
        self.time = time
        self.reason = reason
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["date": SchemaRefinement(required: true, format: "date"), "time": SchemaRefinement(required: true, pattern: SchemaPattern.clock),
         "reason": .name(max: 200)]
    }
}

/// A correction; `state` `pending`, `approved`, `rejected` or `withdrawn`.
public struct CorrectionDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var employeeID: UUID
    public var workDate: String
    public var at: Date
    public var reason: String
    public var state: String
    public var version: Int
    public init(id: UUID, employeeID: UUID, workDate: String, at: Date, reason: String, state: String, version: Int) {
        self.id = id
        self.employeeID = employeeID
        self.workDate = workDate
        self.at = at
        self.reason = reason
        self.state = state
        self.version = version
    }
}
