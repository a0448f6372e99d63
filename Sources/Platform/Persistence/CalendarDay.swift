import Foundation

/// Calendar days as `YYYY-MM-DD` text: how Afield stores "which day" values (order date,
/// due date) so that they mean the same in every database and time zone.
public enum CalendarDay {
    /// The day `instant` falls on in `timeZone`.
    public static func string(for instant: Date, in timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// Whether a valid day lies in 1900…2999, the range a business document may carry
    /// (Northwind's 1996 orders included; year 1 or 9999 are typing slips).
    public static func isPlausibleBusinessDay(_ text: String) -> Bool {
        isValid(text) && text >= "1900-01-01" && text <= "2999-12-31"
    }

    /// Whether `text` is a real day written `YYYY-MM-DD` (2026-02-30 is not).
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1
        else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return d <= days
    }

    /// `day` moved by `days` (negative: back), on the proleptic Gregorian calendar; nil when
    /// `day` is not a valid day.
    public static func adding(_ days: Int, to day: String) -> String? {
        guard let start = utcStart(day) else { return nil }
        return string(for: start.addingTimeInterval(Double(days) * 86_400), in: .gmt)
    }

    /// Whole days from `from` to `to` (negative when `to` is earlier); nil unless both are valid.
    public static func days(from: String, to: String) -> Int? {
        guard let a = utcStart(from), let b = utcStart(to) else { return nil }
        return Int(((b.timeIntervalSince1970 - a.timeIntervalSince1970) / 86_400).rounded())
    }

    private static func utcStart(_ day: String) -> Date? {
        guard isValid(day) else { return nil }
        let parts = day.split(separator: "-").compactMap { Int($0) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }
}
