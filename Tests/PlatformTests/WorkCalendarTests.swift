import AfieldTesting
import Foundation
import Platform
import Testing

/// The working-day calendar (issue 10 point 4) on the China calendar of `Demo/holiday-cn`.
@Suite("Working-day calendar")
struct WorkCalendarTests {
    static func china(_ years: [Int] = [2024, 2025, 2026]) throws -> WorkCalendar {
        let files = try years.map { year in
            try HolidayCN.parse(Data(contentsOf: TestDatabases.packageRoot.appendingPathComponent("Demo/holiday-cn/\(year).json")))
        }
        return HolidayCN.calendar(files)
    }

    @Test("L-03 China 2025: 26 Jan and 8 Feb are make-up workdays, 28 Jan – 4 Feb holidays; 27 Jan – 8 Feb holds 5 working days")
    func makeUpWorkdays() throws {
        let china = try Self.china()
        #expect(china.isWorkingDay("2025-01-26") == true)   // a Sunday, 调休
        #expect(china.isWorkingDay("2025-02-08") == true)   // a Saturday, 调休
        for day in ["2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02", "2025-02-03", "2025-02-04"] {
            #expect(china.isWorkingDay(day) == false, "\(day)")
        }
        let days = china.workingDays(from: "2025-01-27", through: "2025-02-08")
        #expect(days == ["2025-01-27", "2025-02-05", "2025-02-06", "2025-02-07", "2025-02-08"])
        #expect(days.count == 5)
    }

    @Test("L-04 working days of a Monday–Friday week on the China calendar: 2024 → 251, 2025 → 248, 2026 → 248")
    func workingDaysPerYear() throws {
        let china = try Self.china()
        #expect(china.workingDays(from: "2024-01-01", through: "2024-12-31").count == 251)
        #expect(china.workingDays(from: "2025-01-01", through: "2025-12-31").count == 248)
        #expect(china.workingDays(from: "2026-01-01", through: "2026-12-31").count == 248)
    }

    @Test("the weekly rest days are the group's, not assumed Saturday and Sunday; weekdays are ISO")
    func restDays() {
        #expect(WorkCalendar.isoWeekday("1970-01-01") == 4)
        #expect(WorkCalendar.isoWeekday("2025-01-26") == 7)
        #expect(WorkCalendar.isoWeekday("2024-02-29") == 4)
        #expect(WorkCalendar.isoWeekday("1899-12-31") == 7)
        #expect(WorkCalendar.isoWeekday("2026-02-30") == nil)
        let tuesdayToSaturday = WorkCalendar(restWeekdays: [1, 7], holidays: ["2026-12-08"])
        #expect(tuesdayToSaturday.workingDays(from: "2026-12-06", through: "2026-12-13") == ["2026-12-09", "2026-12-10", "2026-12-11", "2026-12-12"])
        #expect(tuesdayToSaturday.isWorkingDay("2026-12-07") == false)
        #expect(tuesdayToSaturday.workingDays(from: "2026-12-13", through: "2026-12-06").isEmpty)
    }

    @Test("a year file with a date that is not a real day, or not in its year, or not of this form is refused")
    func badFiles() {
        #expect(throws: HolidayCN.Problem.badDate("2025-02-30")) {
            try HolidayCN.parse(Data(#"{"year": 2025, "days": [{"name": "x", "date": "2025-02-30", "isOffDay": true}]}"#.utf8))
        }
        #expect(throws: HolidayCN.Problem.badDate("2024-10-01")) {
            try HolidayCN.parse(Data(#"{"year": 2025, "days": [{"name": "x", "date": "2024-10-01", "isOffDay": true}]}"#.utf8))
        }
        #expect(throws: HolidayCN.Problem.unreadable) { try HolidayCN.parse(Data("[]".utf8)) }
    }
}
