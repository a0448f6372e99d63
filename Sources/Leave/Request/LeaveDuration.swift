import Foundation
import Platform

/// How much leave a request takes, day by day (issue 10 point 5): each of the person's working
/// days in the range counts 1, a day marked as half 0.5, a rest day or holiday nothing — also
/// when marked as half (case L-01) — unless the type counts calendar days (maternity leave).
/// Hourly types take their hours on one working day. Amounts in hundredths of the unit.
enum LeaveDuration {
    struct Day: Codable, Sendable, Equatable {
        var date: String
        var amount: Int64
    }

    enum Problem: Error, Equatable {
        case halfDaysNotAllowed
        case halfDayOutside(String)
        case oneDayForHours
        case hoursRequired
        case notWorkingDay
        case nothingToTake
    }

    /// - Parameters:
    ///   - working: the person's working days in the range (``Platform/WorkingDays``).
    static func days(from start: String, through end: String, unit: String, halfDays: Set<String>, hours: Int64?, countsHolidays: Bool,
                     working: Set<String>) throws(Problem) -> [Day] {
        let range = WorkCalendar.days(from: start, through: end)
        if unit == "hour" {
            guard start == end else { throw .oneDayForHours }
            guard let hours, hours > 0 else { throw .hoursRequired }
            guard countsHolidays || working.contains(start) else { throw .notWorkingDay }
            return [Day(date: start, amount: hours)]
        }
        if unit == "day", !halfDays.isEmpty { throw .halfDaysNotAllowed }
        if let outside = halfDays.sorted().first(where: { !range.contains($0) }) { throw .halfDayOutside(outside) }
        let days = range.filter { countsHolidays || working.contains($0) }.map { Day(date: $0, amount: halfDays.contains($0) ? 50 : 100) }
        guard !days.isEmpty else { throw .nothingToTake }
        return days
    }
}
