import AfieldAPI
import AfieldTesting
import App
import Foundation
import Testing

/// Issue 13 point 5 and 9: timesheets approved through the engine, labour costed at a sealed
/// hourly rate, expense claims booked to the project, and budget against actual per cost kind.
@Suite("Projects: timesheets and budget against actual")
struct ProjectCostTests {
    typealias F = ProjectFixtures

    @Test("T13-9 budget vs actual exact: labour 7.50 h × 45.50 = 341.25 of 1,000.00 (34 %) then 443.63 (44 %); expenses 420.00 of 500.00 = 84 % near, then 520.00 = 104 % over; total 963.63 of 1,600.00 = 60 %")
    func budgetAgainstActual() async throws {
        let clock = ManualClock(F.monday)
        try await withAfield(clock: clock.clock) { _, client in
            let andrew = try await client.signedIn(F.andrew)
            let nancyID = try await F.employeeID(andrew, "Nancy Davolio")
            // Nancy's hourly cost, sealed like a salary and shown only to those who read sensitive fields.
            let nancyRecord: EmployeeDTO = try await andrew.get("/api/v1/org/employees/\(nancyID)").decode()
            let rated = try await andrew.send(.PATCH, "/api/v1/org/employees/\(nancyID)", json: EmployeeUpdate(version: nancyRecord.version, hourlyCost: "45.50"))
            #expect(rated.status == .ok, "\(rated.text)")
            #expect(try rated.decode(EmployeeDTO.self).sensitive?.hourlyCost == "45.50")
            let project = try await F.project(andrew, ProjectInput(
                name: "Store refit", startsOn: "2026-11-01", endsOn: "2027-02-28", status: "active",
                budget: ProjectBudgetInput(labour: "1000", expenses: "500", other: "100"), members: [ProjectMemberInput(employeeId: nancyID)]))
            let task = try await F.task(andrew, TaskInput(title: "Paint the walls", projectId: project.id, assigneeId: nancyID, estimatedHours: "12"))

            let nancy = try await client.signedIn(F.nancy)
            #expect(try await nancy.get("/api/v1/org/employees/\(nancyID)").decode(EmployeeDTO.self).sensitive?.hourlyCost == nil)
            // Hours: today (Monday) and last Friday, each on its own week; bad lines change nothing.
            var week: TimesheetDTO = try await nancy.post("/api/v1/projects/timesheet-entries", json: TimesheetEntryInput(
                day: "2026-12-07", hours: "7.5", taskId: task.id, note: "First coat")).decode()
            #expect(week.weekStart == "2026-12-07" && week.totalHours == "7.50" && week.state == "open")
            #expect(week.entries.map(\.taskTitle) == ["Paint the walls"] && week.entries.first?.cost == nil)
            let future = try await nancy.post("/api/v1/projects/timesheet-entries", json: TimesheetEntryInput(day: "2026-12-08", hours: "1", taskId: task.id))
            #expect(try F.codes(future) == ["projects.timesheet.future_day"])
            let full = try await nancy.post("/api/v1/projects/timesheet-entries", json: TimesheetEntryInput(day: "2026-12-07", hours: "17", taskId: task.id))
            #expect(try F.codes(full) == ["projects.timesheet.day_full"])
            let friday: TimesheetDTO = try await nancy.post("/api/v1/projects/timesheet-entries", json: TimesheetEntryInput(
                day: "2026-12-04", hours: "2.25", projectId: project.id)).decode()
            #expect(friday.weekStart == "2026-11-30" && friday.dayTotals == ["0.00", "0.00", "0.00", "0.00", "2.25", "0.00", "0.00"])
            #expect(try await nancy.get("/api/v1/projects/tasks/\(task.id)").decode(TaskDTO.self).spentHours == "7.50")

            // Both weeks go to Andrew, Nancy's manager (the default 工时审批 flow); a submitted week is locked.
            week = try await nancy.post("/api/v1/projects/timesheets/\(try #require(week.id))/submit", json: TimesheetActionInput(version: week.version)).decode()
            #expect(week.state == "submitted" && week.approvalId != nil)
            let locked = try await nancy.post("/api/v1/projects/timesheet-entries", json: TimesheetEntryInput(day: "2026-12-07", hours: "1", taskId: task.id))
            #expect(locked.status == .conflict)
            #expect(try locked.error.code == "projects.timesheet.not_open")
            let lastWeek: TimesheetDTO = try await nancy.post("/api/v1/projects/timesheets/\(try #require(friday.id))/submit",
                                                              json: TimesheetActionInput(version: friday.version)).decode()
            try await CRMContractTests.approve(andrew, week.approvalId)
            var costs: ProjectCostsDTO = try await andrew.get("/api/v1/projects/projects/\(project.id)/costs").decode()
            #expect(costs.lines[0] == ProjectCostLineDTO(kind: "labour", budget: "1000.00", actual: "341.25", remaining: "658.75", percent: 34, warning: "none"))
            #expect(costs.approvedHours == "7.50" && costs.pendingHours == "2.25")
            try await CRMContractTests.approve(andrew, lastWeek.approvalId)
            costs = try await andrew.get("/api/v1/projects/projects/\(project.id)/costs").decode()
            // 2.25 × 45.50 = 102.375, rounded half up to 102.38.
            #expect(costs.lines[0].actual == "443.63" && costs.lines[0].percent == 44)
            #expect(try await andrew.get("/api/v1/projects/timesheets/\(try #require(week.id))").decode(TimesheetDTO.self).entries.map(\.cost) == ["341.25"])

            // Expense claims booked to the project count once approved.
            let office = try await ExpenseTests.category(andrew, "office")
            func claim(_ amount: String) async throws {
                let answer = try await nancy.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "Paint", lines: [ExpenseLineInput(
                    date: "2026-12-05", categoryID: office.id, amount: DecimalText(amount), projectID: project.id)], submit: true))
                #expect(answer.status == .created, "\(answer.text)")
                let made: ExpenseClaimDTO = try answer.decode()
                #expect(made.lines.first?.projectName == "\(project.code) Store refit")
                try await CRMContractTests.approve(andrew, made.approvalID)
            }
            try await claim("420.00")
            costs = try await andrew.get("/api/v1/projects/projects/\(project.id)/costs").decode()
            #expect(costs.lines[1] == ProjectCostLineDTO(kind: "expenses", budget: "500.00", actual: "420.00", remaining: "80.00", percent: 84, warning: "near"))
            try await claim("100.00")
            costs = try await andrew.get("/api/v1/projects/projects/\(project.id)/costs").decode()
            #expect(costs.lines.map { "\($0.kind) \($0.actual)/\($0.budget) \($0.percent.map(String.init) ?? "-") \($0.warning)" }
                    == ["labour 443.63/1000.00 44 none", "expenses 520.00/500.00 104 over", "purchases 0.00/0.00 - none", "other 0.00/100.00 0 none"])
            #expect(costs.total == ProjectCostLineDTO(kind: "total", budget: "1600.00", actual: "963.63", remaining: "636.37", percent: 60, warning: "none"))
            // A claim on a project one does not belong to is refused at the line.
            let outsider = try await client.signedIn(F.janet)
            let refused = try await outsider.post("/api/v1/expenses/claims", json: ExpenseClaimInput(title: "x", lines: [ExpenseLineInput(
                date: "2026-12-05", categoryID: office.id, amount: "10", projectID: project.id)]))
            #expect(try F.codes(refused) == ["expenses.unknown_project"])
            // Costs are for those who read them.
            #expect(try await nancy.get("/api/v1/projects/projects/\(project.id)/costs").status == .forbidden)
            #expect(try await nancy.get("/api/v1/projects/projects/\(project.id)").decode(ProjectDTO.self).budget == nil)
        }
    }

    @Test("T13-10 a rejected or withdrawn week opens again; lines move between weeks; removing a line gives the task its hours back")
    func timesheetFlow() async throws {
        try await withAfield(clock: ManualClock(F.monday).clock) { _, client in
            let nancy = try await client.signedIn(F.nancy)
            let task = try await F.task(nancy, TaskInput(title: "Write the report"))
            var week: TimesheetDTO = try await nancy.post("/api/v1/projects/timesheet-entries", json: TimesheetEntryInput(day: "2026-12-07", hours: "3", taskId: task.id)).decode()
            let entry = try #require(week.entries.first)
            week = try await nancy.post("/api/v1/projects/timesheets/\(try #require(week.id))/submit", json: TimesheetActionInput(version: week.version)).decode()
            week = try await nancy.post("/api/v1/projects/timesheets/\(try #require(week.id))/withdraw", json: TimesheetActionInput(version: week.version)).decode()
            #expect(week.state == "open" && week.editable)
            // The line moves to last week; this week is empty again.
            let moved: TimesheetDTO = try await nancy.send(.PATCH, "/api/v1/projects/timesheet-entries/\(entry.id)",
                                                            json: TimesheetEntryInput(version: entry.version, day: "2026-12-03", hours: "4")).decode()
            #expect(moved.weekStart == "2026-11-30" && moved.totalHours == "4.00")
            #expect(try await nancy.get("/api/v1/projects/timesheets/mine?week=2026-12-09").decode(TimesheetDTO.self).totalHours == "0.00")
            #expect(try await nancy.get("/api/v1/projects/tasks/\(task.id)").decode(TaskDTO.self).spentHours == "4.00")
            let andrew = try await client.signedIn(F.andrew)
            let submitted: TimesheetDTO = try await nancy.post("/api/v1/projects/timesheets/\(try #require(moved.id))/submit",
                                                               json: TimesheetActionInput(version: moved.version)).decode()
            let instance = try await andrew.get("/api/v1/approvals/instances/\(try #require(submitted.approvalId))").decode(ApprovalInstanceDTO.self)
            let approvalTask = try #require(instance.steps.first?.tasks.first)
            let rejected = try await andrew.post("/api/v1/approvals/tasks/\(approvalTask.id)/reject", json: ApprovalDecisionRequest(comment: "wrong task"))
            #expect(rejected.status == .ok, "\(rejected.text)")
            let reopened: TimesheetDTO = try await nancy.get("/api/v1/projects/timesheets/mine?week=2026-12-03").decode()
            #expect(reopened.state == "open")
            let emptied: TimesheetDTO = try await nancy.send(.DELETE, "/api/v1/projects/timesheet-entries/\(entry.id)").decode()
            #expect(emptied.entries.isEmpty && emptied.totalHours == "0.00")
            #expect(try await nancy.get("/api/v1/projects/tasks/\(task.id)").decode(TaskDTO.self).spentHours == "0.00")
            // Janet cannot read Nancy's week; Andrew, her manager, can.
            #expect(try await client.signedIn(F.janet).get("/api/v1/projects/timesheets/\(try #require(reopened.id))").status == .notFound)
            #expect(try await andrew.get("/api/v1/projects/timesheets/\(try #require(reopened.id))").status == .ok)
        }
    }
}
