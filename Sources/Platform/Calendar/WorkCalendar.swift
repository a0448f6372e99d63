import Foundation

/// Which days are working days: a week's rest days, dated holidays, and make-up workdays
/// (调休) that turn a rest day into a working one. The one answer to "is this a working day"
/// that attendance, leave and approval deadlines share (issue 10 point 4).
///
/// Days are `YYYY-MM-DD` text in the person's own calendar (``CalendarDay``), never instants:
/// the question is asked about a local date, so no time zone enters here.
public struct WorkCalendar: Sendable, Equatable {
    /// ISO weekdays that are rest days: 1 Monday … 7 Sunday. Not assumed to be Saturday and
    /// Sunday: a group working Tuesday to Saturday rests on 1 and 7.
    public var restWeekdays: Set<Int>
    /// Holidays (`YYYY-MM-DD`): not working days even when they fall on a working weekday.
    public var holidays: Set<String>
    /// Make-up workdays (`YYYY-MM-DD`): working days even when they fall on a rest weekday.
    public var makeUpWorkdays: Set<String>

    public init(restWeekdays: Set<Int> = [6, 7], holidays: Set<String> = [], makeUpWorkdays: Set<String> = []) {
        self.restWeekdays = restWeekdays
        self.holidays = holidays
        self.makeUpWorkdays = makeUpWorkdays
    }

    /// Whether `day` (`YYYY-MM-DD`) is a working day; nil when `day` is not a real day.
    /// A make-up workday wins over the weekly rest; a holiday wins over the working weekday.
    public func isWorkingDay(_ day: String) -> Bool? {
        guard let weekday = Self.isoWeekday(day) else { return nil }
        if makeUpWorkdays.contains(day) { return true }
        if holidays.contains(day) { return false }
        return !restWeekdays.contains(weekday)
    }

    /// The working days from `first` through `last`, both included, in order; empty when
    /// `last` is before `first` or either is not a real day.
    public func workingDays(from first: String, through last: String) -> [String] {
        guard let start = Self.dayNumber(first), let end = Self.dayNumber(last), start <= end else { return [] }
        return (start...end).map(Self.day(number:)).filter { isWorkingDay($0) == true }
    }

    /// ISO weekday of `day`: 1 Monday … 7 Sunday; nil when `day` is not a real day.
    public static func isoWeekday(_ day: String) -> Int? {
        guard let n = dayNumber(day) else { return nil }
        // Day 0 (1970-01-01) was a Thursday, ISO 4.
        return ((n % 7 + 7) % 7 + 3) % 7 + 1
    }

    /// Days since 1970-01-01 of a real `YYYY-MM-DD` day (the proleptic Gregorian calendar;
    /// Howard Hinnant's `days_from_civil`).
    static func dayNumber(_ day: String) -> Int? {
        guard CalendarDay.isValid(day) else { return nil }
        let parts = day.split(separator: "-").compactMap { Int($0) }
        let (m, d) = (parts[1], parts[2])
        let y = m <= 2 ? parts[0] - 1 : parts[0]
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The `YYYY-MM-DD` day of a day number (the inverse of ``dayNumber(_:)``, `civil_from_days`).
    static func day(number: Int) -> String {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}
