import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// One employee's month, end to end through the API (issue 10 point 11): punches, a late day, a
/// correction, a day of leave, a trip, overtime and a claim; the monthly summary asserted figure
/// by figure.
@Suite("Scenario: an employee's month")
struct EmployeeMonthScenarioTests {
    typealias F = AttendanceFixture
    static let zone = "Asia/Shanghai"

    @Test("June 2026 for Nancy in Shanghai: 4 days worked, late once by 20 minutes, a correction, a day of annual leave, a trip, 4 h overtime on Saturday, a claim")
    func june() async throws {
        let clock = ManualClock(F.local("2026-06-01 08:55", Self.zone))
        try await withAfield(clock: clock.clock) { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            let me = try await F.employee(admin, "Nancy")
            let office = try await F.site(admin, "Shanghai office", latitude: "31.2304", longitude: "121.4737", zone: Self.zone)
            _ = try await F.group(admin, AttendanceGroupInput(name: "Shanghai", timeZone: Self.zone, schedule: F.weekdays(), graceLateMinutes: 5,
                                                              correctionsPerMonth: 1, sites: [GroupSiteDTO(siteID: office.id, radiusMeters: 200)],
                                                              employeeIDs: [me.id]))
            #expect(try await admin.post("/api/v1/leave/accruals", json: LeaveAccrualRequest(year: 2026)).status == .ok)
            func punch(_ local: String) async throws {
                clock.advance(F.local(local, Self.zone).timeIntervalSince(clock.now))
                let answer = try await F.punch(nancy, at: clock, latitude: "31.2305", longitude: "121.4738")
                #expect(answer.status == .created, "\(local): \(answer.text)")
            }
            try await punch("2026-06-01 08:55")
            try await punch("2026-06-01 18:05")
            try await punch("2026-06-02 09:20")
            try await punch("2026-06-02 18:00")
            try await punch("2026-06-03 08:58")
            clock.advance(F.local("2026-06-03 20:00", Self.zone).timeIntervalSince(clock.now))
            let correction = try await nancy.post("/api/v1/attendance/corrections", json: CorrectionInput(date: "2026-06-03", time: "18:02", reason: "Phone battery flat"))
            #expect(correction.status == .created, "\(correction.text)")
            #expect(try correction.decode(CorrectionDTO.self).state == "pending")
            #expect(try await F.approveInbox(admin) == 1)
            let second = try await nancy.post("/api/v1/attendance/corrections", json: CorrectionInput(date: "2026-06-02", time: "12:00", reason: "Again"))
            #expect(try second.error.code == "attendance.correction_limit")

            let leave = try await nancy.post("/api/v1/leave/requests", json: LeaveRequestInput(type: "annual", startDate: "2026-06-04", endDate: "2026-06-04"))
            #expect(try leave.decode(LeaveRequestDTO.self).state == "pending")
            #expect(try await F.approveInbox(admin) == 1)
            for (template, values) in [("businessTrip", ["destination": "Hangzhou", "period": ["start": "2026-06-05", "end": "2026-06-05"] as FormValue,
                                                         "transport": "train", "reason": "Customer visit"] as [String: FormValue]),
                                       ("overtime", ["date": "2026-06-06", "hours": "4", "compensation": "timeOff", "reason": "Stocktake"])] {
                let instance = try await AwayFormTests.submit(nancy, template: template, values)
                let task = try #require(instance.steps.first?.tasks.first)
                #expect(try await admin.post("/api/v1/approvals/tasks/\(task.id)/approve", json: ApprovalDecisionRequest(comment: "ok")).status == .ok)
            }
            let travel = try await ExpenseTests.category(admin, "travel")
            let claim: ExpenseClaimDTO = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "Hangzhou", lines: [
                ExpenseLineInput(date: "2026-06-05", categoryID: travel.id, amount: "88.00", invoiceNumber: "04400230011100099999", invoiceType: "electronic")],
                submit: true)).decode()
            #expect(claim.state == "pending")
            #expect(try await F.approveInbox(admin) == 1)
            #expect(try await nancy.get("/api/v1/expenses/claims/\(claim.id)").decode(ExpenseClaimDTO.self).state == "approved")
            #expect(claim.total == "88.00")

            clock.advance(F.local("2026-06-08 08:00", Self.zone).timeIntervalSince(clock.now))
            let month: EmployeeMonthDTO = try await nancy.get("/api/v1/attendance/results?month=2026-06").decode()
            let days = Dictionary(uniqueKeysWithValues: month.days.map { ($0.date, $0) })
            #expect(days["2026-06-01"]?.statuses == ["onTime"])
            #expect(days["2026-06-02"]?.statuses == ["late"])
            #expect(days["2026-06-03"]?.statuses == ["onTime"])
            #expect(days["2026-06-04"]?.statuses == ["onLeave"])
            #expect(days["2026-06-05"]?.statuses == ["onTrip", "field"])
            #expect(days["2026-06-06"]?.statuses == ["rest", "overtime"])
            #expect(days["2026-06-08"]?.statuses == ["upcoming"])
            let s = month.summary
            #expect(s.workdays == 22)
            #expect(s.daysWorked == 4)
            #expect(s.lateCount == 1)
            #expect(s.lateMinutes == 20)
            #expect(s.earlyCount == 0)
            #expect(s.earlyMinutes == 0)
            #expect(s.absentDays == 0)
            #expect(s.missingPunches == 0)
            #expect(s.fieldDays == 1)
            #expect(s.workedMinutes == 550 + 520 + 544)
            #expect(s.overtimeHours == "4.0")
            #expect(s.overtimeByKind == ["rest": "4.0"])
            #expect(s.leave == ["annual": "1"])
            let compensatory = try await nancy.get("/api/v1/leave/balances").decode([LeaveBalanceDTO].self).first { $0.type == "compensatory" }
            #expect(compensatory?.available == "4")
        }
    }
}
