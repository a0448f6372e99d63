import AfieldAPI
import AfieldTesting
import App
import Foundation
import Testing

/// Issue 13 point 4 and 9: progress rolled up from a project's tasks, by count and by hours;
/// milestones and the project's health; the Gantt chart's data.
@Suite("Projects: progress, milestones and the Gantt chart")
struct ProjectProgressTests {
    typealias F = ProjectFixtures

    @Test("T13-3 progress roll-up on a fixed project: 5 tasks, one cancelled → 2 of 4 done = 50 % by count, 12.00 of 22.00 estimated hours = 55 %; health on track → at risk → late")
    func rollUp() async throws {
        let clock = ManualClock(F.monday)
        try await withAfield(clock: clock.clock) { _, client in
            let andrew = try await client.signedIn(F.andrew)
            let nancyID = try await F.employeeID(andrew, "Nancy Davolio")
            let project = try await F.project(andrew, ProjectInput(
                code: "shop-01", name: "Shop opening", startsOn: "2026-12-01", endsOn: "2027-01-31", status: "active",
                budget: ProjectBudgetInput(labour: "12000", expenses: "3000.50"), members: [ProjectMemberInput(employeeId: nancyID, role: "member")]))
            #expect(project.code == "SHOP-01")
            #expect(project.members.map(\.role) == ["manager", "member"])
            #expect(project.budget == ProjectBudgetDTO(labour: "12000.00", expenses: "3000.50", purchases: "0.00", other: "0.00", total: "15000.50"))
            let pilot: MilestoneDTO = try await andrew.post("/api/v1/projects/projects/\(project.id)/milestones",
                                                            json: MilestoneInput(name: "Soft opening", dueOn: "2026-12-10", ownerId: nancyID)).decode()
            let lease = try await F.task(andrew, TaskInput(title: "Sign the lease", projectId: project.id, startsAt: F.at("2026-12-01T17:00:00Z"),
                                                           dueAt: F.at("2026-12-03T01:00:00Z"), estimatedHours: "8"))
            let fitOut = try await F.task(andrew, TaskInput(title: "Fit out", projectId: project.id, milestoneId: pilot.id, assigneeId: nancyID,
                                                            startsAt: F.at("2026-12-04T17:00:00Z"), dueAt: F.at("2026-12-09T01:00:00Z"), estimatedHours: "10"))
            let shelves = try await F.task(andrew, TaskInput(title: "Shelves", projectId: project.id, milestoneId: pilot.id, parentId: fitOut.id,
                                                             dueAt: F.at("2026-12-06T01:00:00Z"), estimatedHours: "4"))
            let signage = try await F.task(andrew, TaskInput(title: "Signage", projectId: project.id, dependsOnIds: [fitOut.id]))
            let flyers = try await F.task(andrew, TaskInput(title: "Flyers", projectId: project.id, estimatedHours: "6"))
            #expect(shelves.parentTitle == "Fit out")
            #expect(try await andrew.get("/api/v1/projects/tasks/\(fitOut.id)").decode(TaskDTO.self).subtasks.map(\.title) == ["Shelves"])
            for (task, status) in [(lease, "done"), (shelves, "done"), (fitOut, "in_progress"), (flyers, "cancelled")] {
                let moved = try await andrew.post("/api/v1/projects/tasks/\(task.id)/status", json: TaskMoveInput(status: status))
                #expect(moved.status == .ok, "\(moved.text)")
            }

            var detail: ProjectDTO = try await andrew.get("/api/v1/projects/projects/\(project.id)").decode()
            // Shelves was due on 2026-12-06 but is done; Fit out is due 2026-12-09: nothing is overdue on the 7th.
            #expect(detail.progress == ProjectProgressDTO(tasks: 4, done: 2, inProgress: 1, overdue: 0, estimatedHours: "22.00", doneHours: "12.00",
                                                          spentHours: "0.00", percentByCount: 50, percentByHours: 55))
            // Soft opening is due in 3 days with 1 of its 2 tasks done: not under half, so on track.
            #expect(detail.milestones.map { "\($0.name) \($0.tasksDone)/\($0.tasks) \($0.state)" } == ["Soft opening 1/2 open"])
            #expect(detail.health == "on_track")
            // Signage joins the milestone: 1 of 3 done, under half → at risk.
            _ = try await andrew.send(.PATCH, "/api/v1/projects/tasks/\(signage.id)", json: TaskInput(version: signage.version, milestoneId: pilot.id))
            detail = try await andrew.get("/api/v1/projects/projects/\(project.id)").decode()
            #expect(detail.health == "at_risk")
            // On 2026-12-11 (Los Angeles) the milestone is late, and Fit out overdue.
            clock.advance(F.at("2026-12-11T20:00:00Z").timeIntervalSince(clock.now))
            detail = try await andrew.get("/api/v1/projects/projects/\(project.id)").decode()
            #expect(detail.health == "late")
            #expect(detail.milestones.first?.state == "late")
            #expect(detail.progress.overdue == 1)
            let list = try await andrew.get("/api/v1/projects/projects?q=shop").decode(Page<ProjectCardDTO>.self)
            #expect(list.items.map { "\($0.code) \($0.done)/\($0.tasks) \($0.percentByCount)% \($0.health)" } == ["SHOP-01 2/4 50% late"])
            // The milestone reached: the project is no longer late by it.
            let reached: MilestoneDTO = try await andrew.send(.PATCH, "/api/v1/projects/projects/\(project.id)/milestones/\(pilot.id)",
                                                               json: MilestoneInput(version: pilot.version, doneOn: "2026-12-11")).decode()
            #expect(reached.state == "done")
            #expect(try await andrew.get("/api/v1/projects/projects/\(project.id)").decode(ProjectDTO.self).health == "on_track")

            // The Gantt chart: four bars (the cancelled task left out), the milestone, the arrow, days in Los Angeles.
            let gantt: GanttDTO = try await andrew.get("/api/v1/projects/projects/\(project.id)/gantt").decode()
            #expect(gantt.today == "2026-12-11")
            #expect(gantt.bars.map(\.title) == ["Sign the lease", "Fit out", "Shelves", "Signage"])
            #expect(gantt.bars.map { "\($0.startsOn ?? "-")…\($0.endsOn ?? "-") \($0.percent)" }
                    == ["2026-12-01…2026-12-02 100", "2026-12-04…2026-12-08 0", "2026-12-05…2026-12-05 100", "-…- 0"])
            #expect(gantt.links == [GanttDTO.Link(from: fitOut.id, to: signage.id)])
            #expect(gantt.milestones.map(\.name) == ["Soft opening"])
            #expect(gantt.canManage)
        }
    }

    @Test("T13-4 members see their projects and tasks, a department manager sees the department's, others see nothing; viewers cannot add tasks; only managers change the plan")
    func scopes() async throws {
        try await withAfield(clock: ManualClock(F.monday).clock) { _, client in
            let andrew = try await client.signedIn(F.andrew)
            let nancyID = try await F.employeeID(andrew, "Nancy Davolio")
            let janetID = try await F.employeeID(andrew, "Janet Leverling")
            let project = try await F.project(andrew, ProjectInput(
                name: "Trade fair", startsOn: "2026-12-01", endsOn: "2027-01-31",
                members: [ProjectMemberInput(employeeId: nancyID, role: "member"), ProjectMemberInput(employeeId: janetID, role: "viewer")]))
            let booth = try await F.task(andrew, TaskInput(title: "Book the booth", projectId: project.id))
            let nancy = try await client.signedIn(F.nancy)
            let janet = try await client.signedIn(F.janet)
            let margaret = try await client.signedIn("margaret.peacock@northwind.example")
            // Nancy, a member: sees and works on it.
            #expect(try await nancy.get("/api/v1/projects/projects").decode(Page<ProjectCardDTO>.self).items.map(\.name) == ["Trade fair"])
            #expect(try await nancy.get("/api/v1/projects/tasks?project=\(project.id)").decode(Page<TaskCardDTO>.self).items.map(\.title) == ["Book the booth"])
            let mine = try await F.task(nancy, TaskInput(title: "Print brochures", projectId: project.id))
            #expect(mine.assigneeName == "Nancy Davolio")
            #expect(try await nancy.post("/api/v1/projects/tasks/\(booth.id)/status", json: TaskMoveInput(status: "in_progress")).status == .ok)
            // ... but not the plan.
            let plan = try await nancy.post("/api/v1/projects/projects/\(project.id)/milestones", json: MilestoneInput(name: "Fair day", dueOn: "2027-01-20"))
            #expect(plan.status == .forbidden)
            #expect(try plan.error.code == "projects.project.not_manager")
            // Janet, a viewer: sees, but adds no task and changes none.
            #expect(try await janet.get("/api/v1/projects/projects/\(project.id)").decode(ProjectDTO.self).myRole == "viewer")
            #expect(try await janet.post("/api/v1/projects/tasks", json: TaskInput(title: "Janet's", projectId: project.id)).error.code == "projects.project.viewer")
            #expect(try await janet.post("/api/v1/projects/tasks/\(booth.id)/status", json: TaskMoveInput(status: "done")).error.code == "projects.task.read_only")
            // Margaret, no member: neither the project nor its tasks exist for her.
            #expect(try await margaret.get("/api/v1/projects/projects/\(project.id)").status == .notFound)
            #expect(try await margaret.get("/api/v1/projects/tasks/\(booth.id)").status == .notFound)
            #expect(try await margaret.get("/api/v1/projects/projects").decode(Page<ProjectCardDTO>.self).items.isEmpty)
            #expect(try await margaret.get("/api/v1/search?q=booth").decode(SearchResults.self).groups.filter { $0.kind == "projects.task" }.isEmpty)
            #expect(try await nancy.get("/api/v1/search?q=booth").decode(SearchResults.self).groups.flatMap(\.hits).map(\.title).contains("Book the booth"))
            // Nancy's own task outside any project: Andrew, her manager, sees it through his department scope.
            let errand = try await F.task(nancy, TaskInput(title: "Visit the printer"))
            #expect(try await andrew.get("/api/v1/projects/tasks/\(errand.id)").status == .ok)
            #expect(try await janet.get("/api/v1/projects/tasks/\(errand.id)").status == .notFound)
            // A stale version is refused with the task as it is now.
            let stale = try await nancy.send(.PATCH, "/api/v1/projects/tasks/\(booth.id)", json: TaskInput(version: booth.version, title: "Book the big booth"))
            #expect(stale.status == .conflict)
        }
    }
}

/// Issue 13 point 4: a project's risks and issues log and its versioned documents.
@Suite("Projects: risks, issues and documents")
struct ProjectRecordTests {
    typealias F = ProjectFixtures

    @Test("T13-14 members log risks and issues (a viewer may not); a document added twice under one name has versions 2 and 1, both readable by members, by no one else")
    func logAndDocuments() async throws {
        try await withAfield(clock: ManualClock(F.monday).clock) { _, client in
            let andrew = try await client.signedIn(F.andrew)
            let nancyID = try await F.employeeID(andrew, "Nancy Davolio")
            let janetID = try await F.employeeID(andrew, "Janet Leverling")
            let project = try await F.project(andrew, ProjectInput(name: "Pop-up store", startsOn: "2026-12-01", endsOn: "2027-01-31",
                                                                   members: [ProjectMemberInput(employeeId: nancyID), ProjectMemberInput(employeeId: janetID, role: "viewer")]))
            let nancy = try await client.signedIn(F.nancy)
            let risk: ProjectLogEntryDTO = try await nancy.post("/api/v1/projects/projects/\(project.id)/log", json: ProjectLogInput(
                kind: "risk", title: "Landlord may delay the keys", probability: "medium", impact: "high", ownerId: nancyID, dueOn: "2026-12-15")).decode()
            #expect(risk.state == "open" && risk.ownerName == "Nancy Davolio" && risk.createdByName == "Nancy Davolio")
            let issue: ProjectLogEntryDTO = try await andrew.post("/api/v1/projects/projects/\(project.id)/log", json: ProjectLogInput(
                kind: "issue", title: "Sign delivered broken", probability: "low", impact: "medium")).decode()
            #expect(issue.probability == nil)
            let closed: ProjectLogEntryDTO = try await nancy.send(.PATCH, "/api/v1/projects/projects/\(project.id)/log/\(risk.id)",
                                                                  json: ProjectLogInput(version: risk.version, state: "closed")).decode()
            #expect(closed.state == "closed" && closed.version == 2)
            let unowned: ProjectLogEntryDTO = try await nancy.send(.PATCH, "/api/v1/projects/projects/\(project.id)/log/\(risk.id)",
                                                                   json: ProjectLogInput(version: closed.version, clear: ["ownerId"])).decode()
            #expect(unowned.ownerId == nil && unowned.version == 3)
            let log: [ProjectLogEntryDTO] = try await andrew.get("/api/v1/projects/projects/\(project.id)/log").decode()
            #expect(log.map(\.title) == ["Sign delivered broken", "Landlord may delay the keys"])
            let janet = try await client.signedIn(F.janet)
            #expect(try await janet.post("/api/v1/projects/projects/\(project.id)/log", json: ProjectLogInput(kind: "risk", title: "x")).status == .forbidden)
            #expect(try F.codes(try await nancy.post("/api/v1/projects/projects/\(project.id)/log", json: ProjectLogInput(kind: "risk", title: "x", impact: "huge")))
                    == ["projects.log.level"])

            func upload(_ text: String) async throws -> UUID {
                try await nancy.send(.POST, "/api/v1/files", bytes: Data(text.utf8), contentType: "text/plain", headers: [("X-File-Name", "plan.txt")]).decode(FileRef.self).id
            }
            let first = try await upload("floor plan v1")
            _ = try await nancy.post("/api/v1/projects/projects/\(project.id)/documents", json: ProjectDocumentInput(fileId: first, name: "Floor plan"))
            let second = try await upload("floor plan v2")
            let document: ProjectDocumentDTO = try await nancy.post("/api/v1/projects/projects/\(project.id)/documents",
                                                                    json: ProjectDocumentInput(fileId: second, name: "Floor plan", note: "Moved the till")).decode()
            #expect(document.versions.map(\.version) == [2, 1] && document.versions.first?.note == "Moved the till")
            #expect(try await janet.get("/api/v1/files/\(first)").text == "floor plan v1")
            #expect(try await client.signedIn("margaret.peacock@northwind.example").get("/api/v1/files/\(second)").status == .notFound)
            // Another person's upload is not hers to add.
            #expect(try F.codes(try await andrew.post("/api/v1/projects/projects/\(project.id)/documents", json: ProjectDocumentInput(fileId: first)))
                    == ["records.file_unknown"])
        }
    }
}
