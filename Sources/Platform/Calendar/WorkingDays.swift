import Fluent
import Foundation
import Vapor

/// "Is this a working day for this person": the one answer every module asks (leave duration,
/// approval deadlines, attendance), issue 10 point 4. The Attendance module installs the real
/// one at boot (the person's attendance group: its holiday calendar with make-up workdays and
/// its own weekly rest days or shift roster); without it, ``WeekdayWorkingDays`` answers.
///
/// Days are `YYYY-MM-DD` in the person's own calendar (``CalendarDay``).
public protocol WorkingDays: Sendable {
    /// Of the days `first` through `last` (both included), those that are working days for
    /// employee `employeeID` of company `tenantID`, in order. Empty when `last` is before
    /// `first`, either is not a real day, or the range is longer than 366 days.
    func workingDays(employeeID: UUID, tenantID: UUID, from first: String, through last: String, on db: any Database) async throws -> [String]
}

extension WorkingDays {
    /// Whether `day` is a working day for the employee (false when `day` is not a real day).
    public func isWorkingDay(employeeID: UUID, tenantID: UUID, day: String, on db: any Database) async throws -> Bool {
        try await !workingDays(employeeID: employeeID, tenantID: tenantID, from: day, through: day, on: db).isEmpty
    }
}

/// Monday to Friday, no holidays: the answer when no attendance module is installed.
public struct WeekdayWorkingDays: WorkingDays {
    public init() {}
    public func workingDays(employeeID: UUID, tenantID: UUID, from first: String, through last: String, on db: any Database) async throws -> [String] {
        WorkCalendar.limited(first, last) { WorkCalendar().workingDays(from: first, through: last) }
    }
}

extension WorkCalendar {
    /// The longest range a working-day question may span (one leap year).
    public static let longestRange = 366

    /// `body()` when `first`…`last` spans at most ``longestRange`` days, else empty: bounds the
    /// work a request can cause.
    public static func limited(_ first: String, _ last: String, _ body: () throws -> [String]) rethrows -> [String] {
        guard let a = dayNumber(first), let b = dayNumber(last), b >= a, b - a < longestRange else { return [] }
        return try body()
    }

    /// The days `first` through `last`, both included (empty when reversed or not real days).
    public static func days(from first: String, through last: String) -> [String] {
        guard let a = dayNumber(first), let b = dayNumber(last), a <= b else { return [] }
        return (a...b).map(day(number:))
    }

    /// `day` moved by `offset` days (nil when `day` is not a real day).
    public static func day(_ day: String, plus offset: Int) -> String? {
        dayNumber(day).map { Self.day(number: $0 + offset) }
    }
}

extension Application {
    private struct WorkingDaysKey: StorageKey { typealias Value = any WorkingDays }

    /// Working days of people; the Attendance module installs its calendars at boot.
    public var workingDays: any WorkingDays {
        get { storage[WorkingDaysKey.self] ?? WeekdayWorkingDays() }
        set { storage[WorkingDaysKey.self] = newValue }
    }
}
