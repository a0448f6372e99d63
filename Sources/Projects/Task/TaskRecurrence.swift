import AfieldAPI
import Foundation
import Platform

/// The dates of repeating tasks (issue 13 point 1): daily, weekly (on chosen ISO weekdays) and
/// monthly (on a day of the month, or the last) rules, every `interval` periods, as RFC 5545's
/// FREQ/INTERVAL/BYDAY/BYMONTHDAY do — except that a month day past a month's end falls on the
/// month's last day instead of skipping the month, as Outlook and Google Calendar do.
///
/// Rules work on days; times keep their wall-clock time in the task's time zone
/// (``moved(_:byDays:in:)``), so a 09:00 task in Europe/Berlin stays at 09:00 across the
/// daylight-saving change.
enum TaskRecurrence {
    static let frequencies = ["daily", "weekly", "monthly"]

    /// What is wrong with `rule`, if anything.
    static func problem(_ rule: TaskRecurrenceDTO) -> DomainError.Field? {
        guard frequencies.contains(rule.frequency) else { return .init("recurrence.frequency", "projects.task.recurrence_frequency") }
        guard (1...99).contains(rule.interval) else { return .init("recurrence.interval", "number.range", params: ["min": "1", "max": "99"]) }
        // Weekdays and a month day that the frequency does not use are dropped (``anchored(_:on:)``).
        if let weekdays = rule.weekdays, !weekdays.allSatisfy({ (1...7).contains($0) }) || weekdays.count > 7 {
            return .init("recurrence.weekdays", "number.range", params: ["min": "1", "max": "7"])
        }
        if let day = rule.monthDay, day != -1, !(1...31).contains(day) {
            return .init("recurrence.monthDay", "number.range", params: ["min": "-1", "max": "31"])
        }
        if let until = rule.until, !CalendarDay.isPlausibleBusinessDay(until) { return .init("recurrence.until", "request.invalid_date") }
        return nil
    }

    /// `rule` with what the anchor day fixes filled in: a weekly rule's weekday, a monthly rule's
    /// day of the month (so that a task due on the 31st comes back on the 31st after February).
    static func anchored(_ rule: TaskRecurrenceDTO, on day: String) -> TaskRecurrenceDTO {
        var rule = rule
        if rule.frequency != "weekly" { rule.weekdays = nil }
        if rule.frequency != "monthly" { rule.monthDay = nil }
        if rule.frequency == "weekly", rule.weekdays?.isEmpty ?? true, let weekday = isoWeekday(day) { rule.weekdays = [weekday] }
        if rule.frequency == "weekly" { rule.weekdays = Array(Set(rule.weekdays ?? [])).sorted() }
        if rule.frequency == "monthly", rule.monthDay == nil, let d = Int(day.suffix(2)) { rule.monthDay = d }
        return rule
    }

    /// The first day of the rule after `day` (an anchored rule), or nil past `until`.
    static func next(after day: String, rule: TaskRecurrenceDTO) -> String? {
        guard CalendarDay.isValid(day) else { return nil }
        var result: String?
        switch rule.frequency {
        case "daily":
            result = CalendarDay.adding(rule.interval, to: day)
        case "weekly":
            let weekdays = (rule.weekdays ?? []).isEmpty ? [isoWeekday(day) ?? 1] : rule.weekdays!.sorted()
            let today = isoWeekday(day) ?? 1
            if let later = weekdays.first(where: { $0 > today }) {
                result = CalendarDay.adding(later - today, to: day)
            } else {
                // The first chosen weekday of the week `interval` weeks on.
                let monday = CalendarDay.adding(1 - today, to: day)!
                result = CalendarDay.adding(7 * rule.interval + weekdays[0] - 1, to: monday)
            }
        case "monthly":
            let parts = day.split(separator: "-").compactMap { Int($0) }
            var month = parts[1] - 1 + rule.interval
            let year = parts[0] + month / 12
            month = month % 12 + 1
            let length = monthLength(year: year, month: month)
            let wanted = rule.monthDay ?? parts[2]
            let dayOfMonth = wanted == -1 ? length : min(wanted, length)
            result = String(format: "%04d-%02d-%02d", year, month, dayOfMonth)
        default:
            return nil
        }
        guard let result else { return nil }
        if let until = rule.until, result > until { return nil }
        return result
    }

    /// 1 (Monday) … 7 (Sunday).
    static func isoWeekday(_ day: String) -> Int? {
        guard let days = CalendarDay.days(from: "2024-01-01", to: day) else { return nil }  // 2024-01-01 was a Monday.
        return ((days % 7) + 7) % 7 + 1
    }

    static func monthLength(year: Int, month: Int) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// `instant` moved by whole `days` keeping its wall-clock time in `timeZone` (a day that
    /// lacks that time — a spring-forward gap — gives the next valid time).
    static func moved(_ instant: Date, byDays days: Int, in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(byAdding: .day, value: days, to: instant, wrappingComponents: false) ?? instant.addingTimeInterval(Double(days) * 86_400)
    }
}
