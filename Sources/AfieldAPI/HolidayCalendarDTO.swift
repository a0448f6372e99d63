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
