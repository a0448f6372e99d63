import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Leave requests on the person's working days, balances, approval (issue 10 point 5; cases
/// L-01 and L-03 of ../shared/cases/attendance-leave.md).
@Suite("Leave")
struct LeaveTests {
    typealias F = AttendanceFixture

    /// A calendar with `holidays`, and a Monday–Friday group of it holding Nancy.
    static func nancyOnCalendar(_ admin: APIClient, holidays: [String] = [], chinaYears: [Int] = []) async throws -> EmployeeDTO {
        let me = try await F.employee(admin, "Nancy")
        let calendar: HolidayCalendarDTO = try await admin.post("/api/v1/attendance/calendars", json: HolidayCalendarInput(
            name: "Company", days: holidays.map { HolidayCalendarDayDTO(date: $0, kind: "holiday") })).decode()
        for year in chinaYears {
            let data = try Data(contentsOf: TestDatabases.packageRoot.appendingPathComponent("Demo/holiday-cn/\(year).json"))
            #expect(try await admin.send(.POST, "/api/v1/attendance/calendars/\(calendar.id)/import-cn", bytes: data, contentType: "application/json").status == .ok)
        }
        _ = try await F.group(admin, AttendanceGroupInput(name: "Office", timeZone: "Asia/Shanghai", calendarID: calendar.id, schedule: F.weekdays(),
                                                          fieldCheckIn: true, employeeIDs: [me.id]))
        return me
    }

    @Test("L-01 a half day on a holiday deducts nothing: 23–27 Dec 2022 with a half day on the 24th is 2.0 days (23 and 27)")
    func halfDayOnHoliday() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            _ = try await Self.nancyOnCalendar(admin, holidays: ["2022-12-24", "2022-12-25", "2022-12-26"])
            let input = LeaveRequestInput(type: "personal", startDate: "2022-12-23", endDate: "2022-12-27", halfDays: ["2022-12-24"], reason: "Family")
            let preview: LeavePreviewDTO = try await nancy.post("/api/v1/leave/requests/preview", json: input).decode()
            #expect(preview.amount == "2")
            #expect(preview.days == [LeaveDayDTO(date: "2022-12-23", amount: "1"), LeaveDayDTO(date: "2022-12-27", amount: "1")])
            let filed = try await nancy.post("/api/v1/leave/requests", json: input)
            #expect(filed.status == .created, "\(filed.text)")
            let request: LeaveRequestDTO = try filed.decode()
            #expect(request.amount == "2")
            // The default flow: Nancy's direct manager decides.
            #expect(request.state == "pending")
            #expect(try await F.approveInbox(admin) == 1)
            #expect(try await nancy.get("/api/v1/leave/requests/\(request.id)").decode(LeaveRequestDTO.self).state == "approved")
            #expect(request.number.hasPrefix("LV-2022-"))
        }
    }

    @Test("L-03 China 2025: annual leave 27 Jan – 8 Feb 2025 takes 5.0 days (27 Jan, 5–8 Feb); the balance falls from 15 to 10 and a cancel gives it back")
    func chinaMakeUpDays() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            let me = try await Self.nancyOnCalendar(admin, chinaYears: [2025])
            let accrual: LeaveAccrualDTO = try await admin.post("/api/v1/leave/accruals", json: LeaveAccrualRequest(year: 2025)).decode()
            // Nancy Davolio was hired on 1992-05-01: 32 years of work, 15 days.
            #expect(accrual.grants.first { $0.employeeID == me.id }?.annual == "15")
            let again: LeaveAccrualDTO = try await admin.post("/api/v1/leave/accruals", json: LeaveAccrualRequest(year: 2025)).decode()
            #expect(again.grants.isEmpty)

            let input = LeaveRequestInput(type: "annual", startDate: "2025-01-27", endDate: "2025-02-08")
            let preview: LeavePreviewDTO = try await nancy.post("/api/v1/leave/requests/preview", json: input).decode()
            #expect(preview.days.map(\.date) == ["2025-01-27", "2025-02-05", "2025-02-06", "2025-02-07", "2025-02-08"])
            #expect(preview.amount == "5")
            #expect(preview.available == "15")
            let filed: LeaveRequestDTO = try await nancy.post("/api/v1/leave/requests", json: input).decode()
            #expect(filed.state == "pending")
            #expect(try await F.approveInbox(admin) == 1)
            let request: LeaveRequestDTO = try await nancy.get("/api/v1/leave/requests/\(filed.id)").decode()
            #expect(request.state == "approved")
            let balance = try await nancy.get("/api/v1/leave/balances?asOf=2025-03-01").decode([LeaveBalanceDTO].self).first { $0.type == "annual" }
            #expect(balance?.available == "10")

            // Over the balance: refused before anything is written.
            let tooMuch = try await nancy.post("/api/v1/leave/requests", json: LeaveRequestInput(type: "annual", startDate: "2025-03-03", endDate: "2025-03-18"))
            #expect(tooMuch.status == .unprocessableEntity)
            #expect(try tooMuch.error.code == "leave.over_balance")
            #expect(try tooMuch.error.message == "This takes 12 but only 10 is left.")
            #expect(try await nancy.get("/api/v1/leave/requests").decode([LeaveRequestDTO].self).count == 1)

            let cancelled = try await nancy.post("/api/v1/leave/requests/\(request.id)/cancel", json: LeaveCancelRequest(version: request.version))
            #expect(cancelled.status == .ok, "\(cancelled.text)")
            #expect(try cancelled.decode(LeaveRequestDTO.self).state == "cancelled")
            let restored = try await nancy.get("/api/v1/leave/balances?asOf=2025-03-01").decode([LeaveBalanceDTO].self).first { $0.type == "annual" }
            #expect(restored?.available == "15")
        }
    }

    @Test("with no flow designed, leave, claims and corrections go to the requester's direct manager; the default is a flow of the company's, editable, made once")
    func defaultFlowIsTheDirectManager() async throws {
        let clock = ManualClock(F.local("2026-12-01 10:00", "Asia/Shanghai"))
        try await withAfield(clock: clock.clock) { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            let me = try await Self.nancyOnCalendar(admin)
            #expect(try await admin.get("/api/v1/approvals/flows").decode([ApprovalFlowDTO].self).contains { $0.subject == "leave.request" } == false)
            let request: LeaveRequestDTO = try await nancy.post("/api/v1/leave/requests", json: LeaveRequestInput(
                type: "personal", startDate: "2026-12-07", endDate: "2026-12-07")).decode()
            #expect(request.state == "pending")
            let instance: ApprovalInstanceDTO = try await nancy.get("/api/v1/approvals/instances/\(try #require(request.approvalID))").decode()
            let manager = try #require(me.managerId)
            let managerUser = try #require(try await admin.get("/api/v1/org/employees/\(manager)").decode(EmployeeDTO.self).userId)
            #expect(instance.steps.map(\.name) == ["Direct manager"])
            #expect(instance.steps.first?.tasks.map(\.assignee.id) == [managerUser])

            let flows = try await admin.get("/api/v1/approvals/flows").decode([ApprovalFlowDTO].self).filter { $0.subject == "leave.request" }
            #expect(flows.map(\.name) == ["Leave requests"])
            // The company edits it like any other: Steven decides from now on, and no second default is made.
            let flow = try #require(flows.first)
            let steven = try await admin.get("/api/v1/auth/users?q=steven.buchanan@").decode(AfieldAPI.Page<UserDTO>.self).items[0].id
            let edited = try await admin.send(.PUT, "/api/v1/approvals/flows/\(flow.id)", json: FlowSaveRequest(
                name: flow.name, definition: FlowDefinition(nodes: [FlowNode(id: "s", type: .approver, approvers: [ApproverRule(kind: .users, userIds: [steven])])]),
                version: flow.version))
            #expect(edited.status == .ok, "\(edited.text)")
            let second: LeaveRequestDTO = try await nancy.post("/api/v1/leave/requests", json: LeaveRequestInput(
                type: "personal", startDate: "2026-12-08", endDate: "2026-12-08")).decode()
            let secondInstance: ApprovalInstanceDTO = try await nancy.get("/api/v1/approvals/instances/\(try #require(second.approvalID))").decode()
            #expect(secondInstance.steps.first?.tasks.map(\.assignee.id) == [steven])
            #expect(try await admin.get("/api/v1/approvals/flows").decode([ApprovalFlowDTO].self).filter { $0.subject == "leave.request" }.count == 1)

            let travel = try await ExpenseTests.category(admin, "travel")
            let claim: ExpenseClaimDTO = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "Taxi", lines: [
                ExpenseLineInput(date: "2026-12-01", categoryID: travel.id, amount: "30.00")], submit: true)).decode()
            #expect(claim.state == "pending")
            #expect(try await F.approveInbox(admin) == 2)
            #expect(try await nancy.get("/api/v1/expenses/claims/\(claim.id)").decode(ExpenseClaimDTO.self).state == "approved")
            #expect(try await nancy.get("/api/v1/leave/requests/\(request.id)").decode(LeaveRequestDTO.self).state == "approved")
        }
    }

    @Test("with a flow, a request waits for the manager: its days are held while pending, taken when approved, and the days show as leave in attendance")
    func approvalFlow() async throws {
        let clock = ManualClock(F.local("2026-12-01 10:00", "Asia/Shanghai"))
        try await withAfield(clock: clock.clock) { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            let steven = try await client.signedIn(F.steven)
            _ = try await Self.nancyOnCalendar(admin)
            #expect(try await admin.post("/api/v1/leave/accruals", json: LeaveAccrualRequest(year: 2026)).status == .ok)
            let stevenUser = try await admin.get("/api/v1/auth/users?q=steven.buchanan@").decode(AfieldAPI.Page<UserDTO>.self).items[0].id
            let flow = try await admin.post("/api/v1/approvals/flows", json: FlowSaveRequest(
                subject: "leave.request", name: "Leave", definition: FlowDefinition(nodes: [
                    FlowNode(id: "m", type: .approver, approvers: [ApproverRule(kind: .users, userIds: [stevenUser])])])))
            #expect(flow.status == .created, "\(flow.text)")

            let request: LeaveRequestDTO = try await nancy.post("/api/v1/leave/requests", json: LeaveRequestInput(
                type: "annual", startDate: "2026-12-07", endDate: "2026-12-08", halfDays: ["2026-12-08"])).decode()
            #expect(request.state == "pending")
            #expect(request.amount == "1.5")
            let held = try await nancy.get("/api/v1/leave/balances").decode([LeaveBalanceDTO].self).first { $0.type == "annual" }
            #expect(held?.pending == "1.5")
            #expect(held?.available == "13.5")

            let instance = try await steven.get("/api/v1/approvals/instances/\(try #require(request.approvalID))").decode(ApprovalInstanceDTO.self)
            let task = try #require(instance.steps.first?.tasks.first)
            #expect(try await steven.post("/api/v1/approvals/tasks/\(task.id)/approve", json: ["comment": "ok"]).status == .ok)
            let approved: LeaveRequestDTO = try await nancy.get("/api/v1/leave/requests/\(request.id)").decode()
            #expect(approved.state == "approved")
            let taken = try await nancy.get("/api/v1/leave/balances").decode([LeaveBalanceDTO].self).first { $0.type == "annual" }
            #expect(taken?.pending == "0")
            #expect(taken?.available == "13.5")
            let team: [LeaveRequestDTO] = try await admin.get("/api/v1/leave/team?from=2026-12-07&to=2026-12-13").decode()
            #expect(team.map(\.number) == [request.number])
            // Nancy is outside Steven's department tree: his team calendar does not show her.
            #expect(try await steven.get("/api/v1/leave/team?from=2026-12-07&to=2026-12-13").decode([LeaveRequestDTO].self).isEmpty)

            clock.advance(10 * 86_400)
            let month: EmployeeMonthDTO = try await nancy.get("/api/v1/attendance/results?month=2026-12").decode()
            #expect(month.days.first { $0.date == "2026-12-07" }?.statuses == ["onLeave"])
            #expect(month.days.first { $0.date == "2026-12-08" }?.leave == ["annual": "0.5"])
            #expect(month.summary.leave == ["annual": "1.5"])
        }
    }

    @Test("two requests at once that the balance covers only one of: one is accepted, the other refused")
    func concurrentRequests() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            _ = try await Self.nancyOnCalendar(admin)
            #expect(try await admin.post("/api/v1/leave/accruals", json: LeaveAccrualRequest(year: 2027)).status == .ok)
            // 15 days: two requests of 10 working days each.
            async let a = nancy.post("/api/v1/leave/requests", json: LeaveRequestInput(type: "annual", startDate: "2027-03-01", endDate: "2027-03-12"))
            async let b = nancy.post("/api/v1/leave/requests", json: LeaveRequestInput(type: "annual", startDate: "2027-04-05", endDate: "2027-04-16"))
            let statuses = try await [a.status, b.status]
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .unprocessableEntity }.count == 1)
        }
    }

    @Test("a type that needs a document is refused without one; hourly leave takes hours on one working day; a range without working days asks for nothing")
    func inputRules() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy).inLanguage("zh-CN")
            _ = try await Self.nancyOnCalendar(admin)
            let sick = try await nancy.post("/api/v1/leave/requests", json: LeaveRequestInput(type: "sick", startDate: "2026-12-07", endDate: "2026-12-07"))
            #expect(try sick.error.fields?.first?.code == "leave.document_required")
            let weekend = try await nancy.post("/api/v1/leave/requests/preview", json: LeaveRequestInput(type: "personal", startDate: "2026-12-05", endDate: "2026-12-06"))
            #expect(try weekend.error.fields?.first?.message == "所选日期内没有你的工作日，无需请假。")
            let hours = try await nancy.post("/api/v1/leave/requests/preview", json: LeaveRequestInput(type: "compensatory", startDate: "2026-12-07",
                                                                                                      endDate: "2026-12-07", hours: "2.5"))
            #expect(try hours.decode(LeavePreviewDTO.self).amount == "2.5")
            #expect(try hours.decode(LeavePreviewDTO.self).enough == false)
            let wholeDays = try await nancy.post("/api/v1/leave/requests/preview", json: LeaveRequestInput(type: "paternity", startDate: "2026-12-07",
                                                                                                          endDate: "2026-12-08", halfDays: ["2026-12-08"]))
            #expect(try wholeDays.error.fields?.first?.code == "leave.half_days_not_allowed")
        }
    }
}

/// Trips, outings and overtime (issue 10 point 6): the built-in approval forms bind to
/// attendance and leave when approved.
@Suite("Trips, outings and overtime")
struct AwayFormTests {
    typealias F = AttendanceFixture

    static func submit(_ api: APIClient, template: String, _ values: [String: FormValue]) async throws -> ApprovalInstanceDTO {
        let form = try #require(try await api.get("/api/v1/approvals/forms").decode([ApprovalFormDTO].self).first { $0.templateKey == template })
        let answer = try await api.post("/api/v1/approvals/instances", json: ApprovalSubmitRequest(formId: form.id, values: values))
        #expect(answer.status == .created, "\(answer.text)")
        return try answer.decode()
    }

    @Test("an approved trip makes its days field work; approved overtime on a rest day counts its hours by kind and, taken as time off, earns compensatory leave")
    func tripAndOvertime() async throws {
        let clock = ManualClock(F.local("2026-12-01 10:00", "Asia/Shanghai"))
        try await withAfield(clock: clock.clock) { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(F.nancy)
            _ = try await LeaveTests.nancyOnCalendar(admin)
            let trip = try await Self.submit(nancy, template: "businessTrip", [
                "destination": "Shanghai", "period": ["start": "2026-12-02", "end": "2026-12-03"], "transport": "train", "reason": "Customer visits"])
            let overtime = try await Self.submit(nancy, template: "overtime", ["date": "2026-12-05", "hours": "3.5", "compensation": "timeOff", "reason": "Stocktake"])
            // Nancy's manager approves both (the built-in forms' default flow).
            for instance in [trip, overtime] {
                let task = try #require(instance.steps.first?.tasks.first)
                #expect(try await admin.post("/api/v1/approvals/tasks/\(task.id)/approve", json: ApprovalDecisionRequest(comment: "ok")).status == .ok)
            }
            clock.advance(10 * 86_400)
            let month: EmployeeMonthDTO = try await nancy.get("/api/v1/attendance/results?month=2026-12").decode()
            #expect(month.days.first { $0.date == "2026-12-02" }?.statuses == ["onTrip", "field"])
            #expect(month.days.first { $0.date == "2026-12-05" }?.overtimeMinutes == 210)
            #expect(month.summary.overtimeHours == "3.5")
            #expect(month.summary.overtimeByKind == ["rest": "3.5"])
            #expect(month.summary.fieldDays == 2)
            let balance = try await nancy.get("/api/v1/leave/balances").decode([LeaveBalanceDTO].self).first { $0.type == "compensatory" }
            #expect(balance?.available == "3.5")
        }
    }
}
