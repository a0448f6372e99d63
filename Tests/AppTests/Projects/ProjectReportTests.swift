import AfieldAPI
import AfieldTesting
import App
import Foundation
import Testing

/// Issue 13 point 6: project status overview, workload per person per week, overdue tasks by
/// assignee, budget against actual — exact figures, data scopes, CSV.
@Suite("Projects: reports")
struct ProjectReportTests {
    typealias F = ProjectFixtures

    @Test("T13-13 reports on a fixed company: status late / at risk / on track, workload per ISO week, overdue per assignee, budget vs actual; a member sees only what she may; CSV export")
    func reports() async throws {
        try await withAfield(clock: ManualClock(F.monday).clock) { _, client in
            let andrew = try await client.signedIn(F.andrew)
            let nancyID = try await F.employeeID(andrew, "Nancy Davolio")
            let janetID = try await F.employeeID(andrew, "Janet Leverling")
            let late = try await F.project(andrew, ProjectInput(code: "P-LATE", name: "Late one", startsOn: "2026-10-01", endsOn: "2026-12-01", status: "active",
                                                                 budget: ProjectBudgetInput(labour: "100")))
            let risky = try await F.project(andrew, ProjectInput(code: "P-RISK", name: "Risky one", startsOn: "2026-11-01", endsOn: "2027-03-01", status: "active",
                                                                  members: [ProjectMemberInput(employeeId: nancyID)]))
            _ = try await F.project(andrew, ProjectInput(code: "P-FINE", name: "Fine one", startsOn: "2026-11-01", endsOn: "2027-06-01"))
            let gate: MilestoneDTO = try await andrew.post("/api/v1/projects/projects/\(risky.id)/milestones", json: MilestoneInput(name: "Gate", dueOn: "2026-12-10")).decode()
            // Monday 2026-12-07 (Los Angeles): this week W50, next W51.
            _ = try await F.task(andrew, TaskInput(title: "N1", projectId: risky.id, milestoneId: gate.id, assigneeId: nancyID, dueAt: F.at("2026-12-08T20:00:00Z"), estimatedHours: "3"))
            _ = try await F.task(andrew, TaskInput(title: "N2", projectId: risky.id, assigneeId: nancyID, dueAt: F.at("2026-12-10T20:00:00Z"), estimatedHours: "2.5"))
            _ = try await F.task(andrew, TaskInput(title: "N3", projectId: risky.id, assigneeId: nancyID, dueAt: F.at("2026-12-15T20:00:00Z"), estimatedHours: "1"))
            _ = try await F.task(andrew, TaskInput(title: "N-old", projectId: risky.id, assigneeId: nancyID, dueAt: F.at("2026-12-02T20:00:00Z"), estimatedHours: "4"))
            _ = try await F.task(andrew, TaskInput(title: "J1", assigneeId: janetID, dueAt: F.at("2026-12-09T20:00:00Z"), estimatedHours: "8"))
            _ = try await F.task(andrew, TaskInput(title: "J-old", assigneeId: janetID, dueAt: F.at("2026-11-30T20:00:00Z")))
            _ = try await F.task(andrew, TaskInput(title: "J-old2", assigneeId: janetID, dueAt: F.at("2026-12-04T20:00:00Z"), estimatedHours: "1.5"))

            let status: ProjectStatusReportDTO = try await andrew.get("/api/v1/projects/reports/status").decode()
            #expect(status.rows.map { "\($0.code) \($0.health) \($0.done)/\($0.tasks) overdue \($0.overdue) next \($0.nextMilestone ?? "-")" } == [
                "P-LATE late 0/0 overdue 0 next -", "P-RISK at_risk 0/4 overdue 1 next Gate", "P-FINE on_track 0/0 overdue 0 next -"])
            #expect(status.counts == ["late": 1, "at_risk": 1, "on_track": 1])

            let workload: WorkloadReportDTO = try await andrew.get("/api/v1/projects/reports/workload?weeks=2").decode()
            #expect(workload.weeks == ["2026-W50", "2026-W51"] && workload.mondays == ["2026-12-07", "2026-12-14"])
            #expect(workload.rows.map { "\($0.name): \($0.cells.map { "\($0.tasks)/\($0.hours)" }.joined(separator: " ")) = \($0.total.hours)" } == [
                "Janet Leverling: 1/8.00 0/0.00 = 8.00", "Nancy Davolio: 2/5.50 1/1.00 = 6.50"])

            let overdue: [OverdueRowDTO] = try await andrew.get("/api/v1/projects/reports/overdue").decode()
            #expect(overdue.map { "\($0.name ?? "-") \($0.tasks) \($0.hours) \($0.oldestDueOn ?? "-")" } == [
                "Janet Leverling 2 1.50 2026-11-30", "Nancy Davolio 1 4.00 2026-12-02"])

            let budget: [ProjectBudgetRowDTO] = try await andrew.get("/api/v1/projects/reports/budget").decode()
            #expect(budget.map { "\($0.code) \($0.actual)/\($0.budget) \($0.percent.map(String.init) ?? "-") \($0.warning)" } == [
                "P-LATE 0.00/100.00 0 none", "P-FINE 0.00/0.00 - none", "P-RISK 0.00/0.00 - none"])

            // Nancy sees her project and her tasks only; budgets are not hers to read.
            let nancy = try await client.signedIn(F.nancy)
            #expect(try await nancy.get("/api/v1/projects/reports/status").decode(ProjectStatusReportDTO.self).rows.map(\.code) == ["P-RISK"])
            #expect(try await nancy.get("/api/v1/projects/reports/overdue").decode([OverdueRowDTO].self).map(\.name) == ["Nancy Davolio"])
            #expect(try await nancy.get("/api/v1/projects/reports/budget").status == .forbidden)
            #expect(try await nancy.get("/api/v1/projects/reports/workload?weeks=27").error.fields?.first?.field == "weeks")

            let csv = try await andrew.inLanguage("zh-CN").get("/api/v1/projects/reports/status/csv")
            #expect(csv.headers.contentType?.description.hasPrefix("text/csv") == true)
            let lines = csv.text.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\r\n").map(String.init)
            #expect(lines.first == "code,name,manager,status,health,ends_on,tasks,done,overdue,progress_percent,next_milestone,next_milestone_on")
            #expect(lines.dropFirst().first == "P-LATE,Late one,Andrew Fuller,进行中,已延期,2026-12-01,0,0,0,0,,")
        }
    }
}
