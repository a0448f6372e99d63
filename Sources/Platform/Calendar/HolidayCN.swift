import Foundation

/// One year of China's public holidays and make-up workdays (调休) in the JSON form of
/// NateScarlet/holiday-cn (`Demo/holiday-cn/2025.json`): `{"year": 2025, "papers": […],
/// "days": [{"name": "春节", "date": "2025-01-28", "isOffDay": true}, …]}` — `isOffDay: false`
/// marks a make-up workday. Only the State Council's changes are listed; ordinary weekends are
/// not.
public struct HolidayCN: Sendable, Equatable, Decodable {
    public struct Day: Sendable, Equatable, Decodable {
        /// The holiday's name, e.g. `春节`.
        public let name: String
        /// `YYYY-MM-DD`.
        public let date: String
        /// true: a day off; false: a make-up workday.
        public let isOffDay: Bool
    }

    public let year: Int
    public let days: [Day]

    /// Problems of a year file, for a localised 422 when an administrator imports one.
    public enum Problem: Error, Equatable {
        /// Not JSON of this form.
        case unreadable
        /// A date that is not a real `YYYY-MM-DD` day, or not in `year`.
        case badDate(String)
    }

    /// Reads one year file.
    /// - Throws: ``Problem``.
    public static func parse(_ data: Data) throws -> HolidayCN {
        guard let year = try? JSONDecoder().decode(HolidayCN.self, from: data) else { throw Problem.unreadable }
        for day in year.days where !CalendarDay.isValid(day.date) || !day.date.hasPrefix(String(format: "%04d-", year.year)) {
            throw Problem.badDate(day.date)
        }
        return year
    }

    /// The China calendar for these years: Saturday and Sunday rest, the years' days off as
    /// holidays, their make-up workdays as working days.
    public static func calendar(_ years: [HolidayCN], restWeekdays: Set<Int> = [6, 7]) -> WorkCalendar {
        let days = years.flatMap(\.days)
        return WorkCalendar(restWeekdays: restWeekdays, holidays: Set(days.filter(\.isOffDay).map(\.date)),
                            makeUpWorkdays: Set(days.filter { !$0.isOffDay }.map(\.date)))
    }
}
