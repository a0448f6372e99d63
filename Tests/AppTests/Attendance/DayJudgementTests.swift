import AfieldAPI
@testable import Attendance
import Foundation
import Platform
import Testing

/// How one working day is judged (issue 10 point 3), on a fixed 09:00–18:00 day in Shanghai.
@Suite("Attendance day judgement")
struct DayJudgementTests {
    let planner = DayPlanner(schedule: .officeHours, calendar: WorkCalendar(holidays: ["2026-10-01"], makeUpWorkdays: ["2026-10-11"]),
                             zone: TimeZone(identifier: "Asia/Shanghai")!)
    let judge = DayJudge(graceLate: 5, graceEarly: 0, absentAfter: 120)

    func at(_ time: String, _ day: String = "2026-12-07") -> Date {
        let parts = time.split(separator: ":").compactMap { Int($0) }
        return planner.instant(day, minutes: parts[0] * 60 + parts[1])
    }

    func day(_ punches: [String], absences: [AbsenceFact] = [], date: String = "2026-12-07", now: String = "2026-12-09") -> DailyResultDTO {
        judge.judge(planner.plan(date), punches: punches.map { PunchFact(at: at($0, date), field: false) }, absences: absences,
                    now: planner.instant(now, minutes: 0))
    }

    @Test("within the grace minutes is on time; after them late by the minutes after the start; leaving early counts the minutes before the end")
    func lateAndEarly() {
        #expect(day(["09:05", "18:00"]).statuses == ["onTime"])
        let late = day(["09:06", "17:30"])
        #expect(late.statuses == ["late", "leftEarly"])
        #expect(late.lateMinutes == 6)
        #expect(late.earlyMinutes == 30)
        #expect(late.workedMinutes == 504)
    }

    @Test("late beyond the absence threshold is absence; no punch on a past working day is absence; one punch is a missing punch")
    func absence() {
        #expect(day(["11:01", "18:00"]).statuses == ["absent"])
        #expect(day([]).statuses == ["absent"])
        #expect(day(["08:50"]).statuses == ["onTime", "missingPunch"].filter { $0 != "onTime" })
        #expect(day([], now: "2026-12-07").statuses == ["upcoming"])
    }

    @Test("holidays and rest days are not working days; a make-up workday (调休) is one with the usual hours")
    func calendarDays() {
        #expect(planner.plan("2026-10-01").kind == .holiday)
        #expect(planner.plan("2026-12-06").kind == .rest)
        let makeUp = planner.plan("2026-10-11")
        #expect(makeUp.kind == .workday)
        #expect(makeUp.hours == AttendanceSchedule.Hours(start: 540, end: 1080))
    }

    @Test("leave covering the morning moves the start: arriving at 13:00 after a morning off is on time; a whole day of leave is the day")
    func leave() {
        let morning = AbsenceFact(kind: .leave, type: "annual", portion: .span(at("09:00"), at("13:00")), amount: 0.5)
        let half = day(["13:00", "18:00"], absences: [morning])
        #expect(half.statuses == ["onLeave", "onTime"])
        #expect(half.leave == ["annual": "0.5"])
        let whole = AbsenceFact(kind: .trip)
        #expect(day(["13:30", "18:00"], absences: [AbsenceFact(kind: .leave, type: "personal", portion: .firstHalf, amount: 0.5)]).statuses == ["onLeave", "onTime"])
        #expect(day([], absences: [whole]).statuses == ["onTrip", "field"])
    }
}
