import Foundation
import Platform

/// China's statutory annual leave (带薪年休假).
///
/// - Entitlement by total years of work (累计工作时间), 《职工带薪年休假条例》 Art. 3: at least 1
///   and under 10 years, 5 days; 10 to under 20, 10 days; 20 or more, 15 days.
/// - Nothing before 12 months of continuous work (《企业职工带薪年休假实施办法》 Art. 3).
/// - In the year someone joins the company, or first reaches 12 months of work, the year is
///   prorated (实施办法 Art. 5): remaining calendar days of the year from that day ÷ 365 ×
///   the entitlement, fractions of a day dropped.
///
/// The tier is read on 1 January, or on the day entitlement starts when later in the year.
enum AnnualLeaveRule {
    /// Days by whole years of work.
    static func entitlement(years: Int) -> Int {
        switch years {
        case ..<1: 0
        case 1..<10: 5
        case 10..<20: 10
        default: 15
        }
    }

    /// Whole years from `start` to `day` (`YYYY-MM-DD`); 0 when `day` is before `start`.
    static func years(from start: String, to day: String) -> Int {
        let a = start.split(separator: "-").compactMap { Int($0) }, b = day.split(separator: "-").compactMap { Int($0) }
        guard a.count == 3, b.count == 3 else { return 0 }
        let years = b[0] - a[0] - ((b[1], b[2]) < (a[1], a[2]) ? 1 : 0)
        return max(0, years)
    }

    /// Annual leave days for `year` of someone who started working on `workStart` and joined the
    /// company on `hired` (either may be nil: then the other is used for both).
    static func days(year: Int, workStart: String?, hired: String?) -> Int {
        guard let workStart = workStart ?? hired else { return 0 }
        let joined = hired ?? workStart
        let first = String(format: "%04d-01-01", year), last = String(format: "%04d-12-31", year)
        // Entitled from the later of joining and completing 12 months of work.
        let twelveMonths = WorkCalendar.sameDay(workStart, yearsLater: 1)
        let from = max(first, joined, twelveMonths)
        guard from <= last else { return 0 }
        let full = entitlement(years: years(from: workStart, to: from))
        guard from > first else { return full }
        let remaining = WorkCalendar.days(from: from, through: last).count
        return remaining * full / 365
    }
}

extension WorkCalendar {
    /// The same day `years` later (29 February → 28 February in a common year).
    static func sameDay(_ day: String, yearsLater years: Int) -> String {
        let p = day.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return day }
        var candidate = String(format: "%04d-%02d-%02d", p[0] + years, p[1], p[2])
        if !CalendarDay.isValid(candidate) { candidate = String(format: "%04d-%02d-28", p[0] + years, p[1]) }
        return candidate
    }
}
