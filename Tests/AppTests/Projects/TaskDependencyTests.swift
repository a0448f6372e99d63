import AfieldAPI
import AfieldTesting
import App
import Foundation
import Testing

/// Issue 13 point 1 and 9: finish-to-start dependencies — loops refused, and under a project's
/// strict rule a task neither starts nor is scheduled to start before its predecessor ends.
@Suite("Projects: task dependencies")
struct TaskDependencyTests {
    typealias F = ProjectFixtures

    @Test("T13-1 a dependency loop is refused (directly, through a chain, on itself) and changes nothing")
    func loopRefused() async throws {
        let clock = ManualClock(F.monday)
        try await withAfield(clock: clock.clock) { _, client in
            let andrew = try await client.signedIn(F.andrew)
            let project = try await F.project(andrew, ProjectInput(
                name: "Shop fit-out", startsOn: "2026-12-01", endsOn: "2027-03-31"))
            let survey = try await F.task(andrew, TaskInput(title: "Survey", projectId: project.id))
            let design = try await F.task(andrew, TaskInput(title: "Design", projectId: project.id, dependsOnIds: [survey.id]))
            let build = try await F.task(andrew, TaskInput(title: "Build", projectId: project.id, dependsOnIds: [design.id]))
            #expect(build.dependsOn.map(\.title) == ["Design"])

            let loop = try await andrew.send(.PATCH, "/api/v1/projects/tasks/\(survey.id)", json: TaskInput(version: survey.version, dependsOnIds: [build.id]))
            #expect(loop.status == .unprocessableEntity)
            #expect(try loop.error.fields?.first?.code == "projects.task.dependency_loop")
            #expect(try loop.error.fields?.first?.message == "This would make a loop: Survey would wait for itself.")
            let direct = try await andrew.send(.PATCH, "/api/v1/projects/tasks/\(survey.id)", json: TaskInput(version: survey.version, dependsOnIds: [design.id]))
            #expect(try F.codes(direct) == ["projects.task.dependency_loop"])
            let itself = try await andrew.send(.PATCH, "/api/v1/projects/tasks/\(survey.id)", json: TaskInput(version: survey.version, dependsOnIds: [survey.id]))
            #expect(try F.codes(itself) == ["projects.task.depends_on_itself"])
            // A task of another project, or of none, is no predecessor.
            let loose = try await F.task(andrew, TaskInput(title: "Loose end"))
            let other = try await andrew.send(.PATCH, "/api/v1/projects/tasks/\(build.id)", json: TaskInput(version: build.version, dependsOnIds: [loose.id]))
            #expect(try F.codes(other) == ["projects.task.dependency_other_project"])

            let unchanged: TaskDTO = try await andrew.get("/api/v1/projects/tasks/\(survey.id)").decode()
            #expect(unchanged.version == survey.version && unchanged.dependsOn.isEmpty)
            #expect(unchanged.blocking.map(\.title) == ["Design"])
            // A chain that does not close is fine: Build may also wait for Survey.
            let both = try await andrew.send(.PATCH, "/api/v1/projects/tasks/\(build.id)", json: TaskInput(version: build.version, dependsOnIds: [design.id, survey.id]))
            #expect(both.status == .ok, "\(both.text)")
            #expect(try both.decode(TaskDTO.self).dependsOn.map(\.title) == ["Design", "Survey"])
        }
    }

    @Test("T13-2 under the strict rule a dependent task cannot start before its predecessor is done, nor be scheduled before it is due; the flexible rule only shows them")
    func strictRule() async throws {
        let clock = ManualClock(F.monday)
        try await withAfield(clock: clock.clock) { _, client in
            let andrew = try await client.signedIn(F.andrew)
            let nancyID = try await F.employeeID(andrew, "Nancy Davolio")
            let project = try await F.project(andrew, ProjectInput(
                name: "Warehouse move", startsOn: "2026-12-01", endsOn: "2027-02-28", dependencyRule: "strict",
                members: [ProjectMemberInput(employeeId: nancyID)]))
            #expect(project.dependencyRule == "strict")
            let pack = try await F.task(andrew, TaskInput(title: "Pack", projectId: project.id, assigneeId: nancyID,
                                                          startsAt: F.at("2026-12-08T16:00:00Z"), dueAt: F.at("2026-12-10T01:00:00Z")))
            // Scheduled to start before Pack is due: refused, at the field that does it.
            let early = try await andrew.post("/api/v1/projects/tasks", json: TaskInput(
                title: "Move", projectId: project.id, assigneeId: nancyID, startsAt: F.at("2026-12-09T16:00:00Z"), dueAt: F.at("2026-12-12T01:00:00Z"),
                dependsOnIds: [pack.id]))
            #expect(try early.error.fields?.map(\.field) == ["startsAt"])
            #expect(try early.error.fields?.map(\.code) == ["projects.task.starts_before_predecessor"])
            let move = try await F.task(andrew, TaskInput(title: "Move", projectId: project.id, assigneeId: nancyID,
                                                          startsAt: F.at("2026-12-10T16:00:00Z"), dueAt: F.at("2026-12-12T01:00:00Z"), dependsOnIds: [pack.id]))
            // Moving the predecessor's due past the successor's start is refused too.
            let late = try await andrew.send(.PATCH, "/api/v1/projects/tasks/\(pack.id)", json: TaskInput(version: pack.version, dueAt: F.at("2026-12-11T01:00:00Z")))
            #expect(try F.codes(late) == ["projects.task.due_after_successor"])

            // Nancy cannot start Move while Pack is open; once Pack is done she can.
            let nancy = try await client.signedIn(F.nancy)
            let refused = try await nancy.post("/api/v1/projects/tasks/\(move.id)/status", json: TaskMoveInput(status: "in_progress"))
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.error.fields?.first?.code == "projects.task.predecessor_open")
            #expect(try refused.error.fields?.first?.message == "This task can start when Pack is done.")
            #expect(try await nancy.get("/api/v1/projects/tasks/\(move.id)").decode(TaskDTO.self).status == "not_started")
            let done: TaskDTO = try await nancy.post("/api/v1/projects/tasks/\(pack.id)/status", json: TaskMoveInput(status: "done")).decode()
            #expect(done.statusCategory == "done" && done.completedAt == F.monday)
            let started = try await nancy.post("/api/v1/projects/tasks/\(move.id)/status", json: TaskMoveInput(status: "in_progress"))
            #expect(started.status == .ok)

            // Under the flexible rule the same plan goes through.
            let flexible: ProjectDTO = try await andrew.send(.PATCH, "/api/v1/projects/projects/\(project.id)",
                                                              json: ProjectInput(version: project.version, dependencyRule: "flexible")).decode()
            #expect(flexible.dependencyRule == "flexible")
            let unpack = try await F.task(andrew, TaskInput(title: "Unpack", projectId: project.id, startsAt: F.at("2026-12-11T16:00:00Z"),
                                                            dueAt: F.at("2026-12-15T01:00:00Z"), dependsOnIds: [move.id]))
            let tidy = try await andrew.post("/api/v1/projects/tasks", json: TaskInput(
                title: "Tidy", projectId: project.id, startsAt: F.at("2026-12-12T16:00:00Z"), dependsOnIds: [unpack.id]))
            #expect(tidy.status == .created)
            #expect(try await andrew.post("/api/v1/projects/tasks/\(unpack.id)/status", json: TaskMoveInput(status: "in_progress")).status == .ok)
        }
    }
}
