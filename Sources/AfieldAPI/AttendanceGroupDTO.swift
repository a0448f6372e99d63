import Foundation

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
