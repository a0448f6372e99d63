import Fluent
import Foundation
import Platform

/// A company's holiday calendar: weekly rest days and dated holidays and make-up workdays
/// (``HolidayCalendarDay``). Groups point to one; ``workCalendar(days:)`` is its arithmetic.
final class HolidayCalendar: Model, @unchecked Sendable {
    static let schema = "attendance_calendars"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "name") var name: String
    /// ISO weekdays joined by commas (`6,7`).
    @Field(key: "rest_weekdays") var restWeekdaysText: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}

    init(tenantID: UUID, name: String, restWeekdays: [Int]) {
        self.tenantID = tenantID
        self.name = name
        self.restWeekdaysText = Self.text(restWeekdays)
        self.version = 1
    }

    var restWeekdays: [Int] { restWeekdaysText.split(separator: ",").compactMap { Int($0) } }

    static func text(_ weekdays: [Int]) -> String { Set(weekdays).sorted().map(String.init).joined(separator: ",") }

    /// The calendar's arithmetic over `days` (its dated rows), with `restWeekdays` instead of its
    /// own when given (a fixed schedule's empty weekdays).
    func workCalendar(days: [HolidayCalendarDay], restWeekdays: Set<Int>? = nil) -> WorkCalendar {
        WorkCalendar(restWeekdays: restWeekdays ?? Set(self.restWeekdays),
                     holidays: Set(days.filter { $0.kind == HolidayCalendarDay.holiday }.map(\.date)),
                     makeUpWorkdays: Set(days.filter { $0.kind == HolidayCalendarDay.workday }.map(\.date)))
    }
}

/// A dated day of a ``HolidayCalendar``: a holiday or a make-up workday (调休).
final class HolidayCalendarDay: Model, @unchecked Sendable {
    static let schema = "attendance_calendar_days"
    static let holiday = "holiday"
    static let workday = "workday"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "calendar_id") var calendarID: UUID
    /// `YYYY-MM-DD`.
    @Field(key: "date") var date: String
    /// ``holiday`` or ``workday``.
    @Field(key: "kind") var kind: String
    @OptionalField(key: "name") var name: String?

    init() {}

    init(tenantID: UUID, calendarID: UUID, date: String, kind: String, name: String?) {
        self.id = UUID()
        self.tenantID = tenantID
        self.calendarID = calendarID
        self.date = date
        self.kind = kind
        self.name = name
    }
}
