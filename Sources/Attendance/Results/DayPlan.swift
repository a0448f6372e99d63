import Foundation
import Platform

/// What a day holds for one person: a working day with its planned hours, or a rest day or
/// holiday, and the span of instants whose punches belong to it.
struct DayPlan: Sendable, Equatable {
    enum Kind: String, Sendable { case workday, rest, holiday }

    /// `YYYY-MM-DD`, local to the group.
    var date: String
    var kind: Kind
    /// The rostered shift's key (shift groups).
    var shift: String?
    /// Planned hours (core hours of a flexible schedule), minutes after midnight.
    var hours: AttendanceSchedule.Hours?
    /// A flexible schedule's minutes to work between the first and the last punch.
    var requiredMinutes: Int?
    /// The planned start and end as instants (the end on the next day for a night shift).
    var start: Date?
    var end: Date?
    /// Punches from `windowStart` up to (not including) `windowEnd` belong to this day.
    var windowStart: Date
    var windowEnd: Date
}

/// Plans the days of one person: their group's schedule (and roster), holiday calendar and time
/// zone. A fixed schedule's make-up workday (调休) on a rest weekday takes the hours of the
/// schedule's first working weekday, as DingTalk does.
struct DayPlanner: Sendable {
    var schedule: AttendanceSchedule
    /// Holidays and make-up workdays; its rest weekdays are replaced by the schedule's own.
    var calendar: WorkCalendar
    let zone: TimeZone
    /// Date → shift key (shift groups).
    var roster: [String: String] = [:]
    var windowBefore: Int = 120
    var windowAfter: Int = 360
    /// The Gregorian calendar in `zone`, made once rather than for each instant planned.
    private let local: Calendar

    init(schedule: AttendanceSchedule, calendar: WorkCalendar, zone: TimeZone, roster: [String: String] = [:]) {
        self.schedule = schedule
        self.calendar = calendar
        self.zone = zone
        self.roster = roster
        var local = Calendar(identifier: .gregorian)
        local.timeZone = zone
        self.local = local
    }

    /// Whether `date` is a working day for this person (nil when not a real day).
    func isWorkingDay(_ date: String) -> Bool? {
        guard WorkCalendar.isoWeekday(date) != nil else { return nil }
        return plan(date).kind == .workday
    }

    func plan(_ date: String) -> DayPlan {
        let weekday = WorkCalendar.isoWeekday(date) ?? 1
        var days = calendar
        var hours: AttendanceSchedule.Hours?
        var required: Int?
        var shift: String?
        switch schedule.kind {
        case .fixed(let table):
            days.restWeekdays = schedule.restWeekdays ?? []
            if days.isWorkingDay(date) == true { hours = table[weekday] ?? table[table.keys.min() ?? 1] }
        case .flexible(_, let core, let minutes):
            days.restWeekdays = schedule.restWeekdays ?? []
            if days.isWorkingDay(date) == true { (hours, required) = (core, minutes) }
        case .shifts(let table):
            if let key = roster[date], let rostered = table[key] { (hours, shift) = (rostered.hours, key) }
        }
        let midnight = instant(date, minutes: 0)
        let nextMidnight = instant(WorkCalendar.day(date, plus: 1) ?? date, minutes: 0)
        guard let hours else {
            let kind: DayPlan.Kind = calendar.holidays.contains(date) ? .holiday : .rest
            return DayPlan(date: date, kind: kind, windowStart: midnight, windowEnd: nextMidnight)
        }
        let start = instant(date, minutes: hours.start)
        let end = instant(hours.crossesMidnight ? (WorkCalendar.day(date, plus: 1) ?? date) : date, minutes: hours.end)
        return DayPlan(date: date, kind: .workday, shift: shift, hours: hours, requiredMinutes: required, start: start, end: end,
                       windowStart: min(midnight, start.addingTimeInterval(-Double(windowBefore) * 60)),
                       windowEnd: max(nextMidnight, end.addingTimeInterval(Double(windowAfter) * 60)))
    }

    /// Each day `first` through `last` planned once, by date: a month's punches then place
    /// themselves without planning a day again (planning builds calendar instants, the costly part).
    func plans(from first: String, through last: String) -> [String: DayPlan] {
        Dictionary(uniqueKeysWithValues: WorkCalendar.days(from: first, through: last).map { ($0, plan($0)) })
    }

    /// The day a punch at `instant` belongs to: its local date, unless it falls in the window of
    /// the day before (a night shift's check-out, a late check-out) and not in its own day's.
    /// - Parameter plans: days already planned (``plans(from:through:)``); others are planned here.
    func workDate(of instant: Date, plans: [String: DayPlan] = [:]) -> String {
        let c = local.dateComponents([.year, .month, .day], from: instant)
        let day = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        guard let previous = WorkCalendar.day(day, plus: -1) else { return day }
        let before = plans[previous] ?? plan(previous)
        guard before.kind == .workday, instant < before.windowEnd else { return day }
        let today = plans[day] ?? plan(day)
        if today.kind == .workday, let start = today.start, instant >= start.addingTimeInterval(-Double(windowBefore) * 60) { return day }
        return previous
    }

    /// The instant of `minutes` after midnight on local `date` (the next valid time in a
    /// daylight-saving gap).
    func instant(_ date: String, minutes: Int) -> Date {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: minutes / 60, minute: minutes % 60)
        return local.date(from: components) ?? Date(timeIntervalSince1970: 0)
    }
}
