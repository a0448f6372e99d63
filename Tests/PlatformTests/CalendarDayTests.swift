import Foundation
import Platform
import Testing

@Suite("Calendar days")
struct CalendarDayTests {
    @Test("which day uses the given time zone, not the server's")
    func timeZones() {
        // 2026-11-29 23:30 UTC is already 30 Nov in Shanghai and still 29 Nov in Los Angeles.
        let instant = Date(timeIntervalSince1970: 1_795_995_000)
        #expect(CalendarDay.string(for: instant, in: TimeZone(identifier: "UTC")!) == "2026-11-29")
        #expect(CalendarDay.string(for: instant, in: TimeZone(identifier: "Asia/Shanghai")!) == "2026-11-30")
        #expect(CalendarDay.string(for: instant, in: TimeZone(identifier: "America/Los_Angeles")!) == "2026-11-29")
    }

    @Test("only real days are valid", arguments: [("2024-02-29", true), ("2026-02-29", false), ("2026-13-01", false), ("2026-1-01", false), ("abc", false), ("2026-04-30", true), ("2026-04-31", false)])
    func validity(text: String, valid: Bool) {
        #expect(CalendarDay.isValid(text) == valid)
    }
}
