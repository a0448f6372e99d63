import AfieldAPI
import AfieldTesting
import App
import Fluent
import Foundation
import Platform
@testable import Projects
import Testing

/// Issue 13 points 1, 2 and 9: repeating tasks' dates, reminders before due and on overdue
/// (once, in the assignee's waking hours), and "my work" by the caller's day.
@Suite("Projects: repeats, reminders and my work")
struct TaskScheduleTests {
    typealias F = ProjectFixtures

    static func rule(_ frequency: String, interval: Int = 1, weekdays: [Int]? = nil, monthDay: Int? = nil, until: String? = nil) -> TaskRecurrenceDTO {
        TaskRecurrenceDTO(frequency: frequency, interval: interval, weekdays: weekdays, monthDay: monthDay, until: until)
    }

    @Test("T13-5 repeat rules across month ends (31 → 28 Feb → 31 Mar, leap years, last day), weeks and years; wall-clock times kept in Asia/Shanghai and across Europe/Berlin's DST change")
    func ruleDates() throws {
        let monthly31 = TaskRecurrence.anchored(Self.rule("monthly"), on: "2027-01-31")
        #expect(monthly31.monthDay == 31)
        #expect(TaskRecurrence.next(after: "2027-01-31", rule: monthly31) == "2027-02-28")
        #expect(TaskRecurrence.next(after: "2027-02-28", rule: monthly31) == "2027-03-31")
        #expect(TaskRecurrence.next(after: "2027-03-31", rule: monthly31) == "2027-04-30")
        #expect(TaskRecurrence.next(after: "2028-01-31", rule: monthly31) == "2028-02-29")
        #expect(TaskRecurrence.next(after: "2027-11-30", rule: Self.rule("monthly", interval: 3, monthDay: 30)) == "2028-02-29")
        #expect(TaskRecurrence.next(after: "2027-04-30", rule: Self.rule("monthly", monthDay: -1)) == "2027-05-31")
        #expect(TaskRecurrence.next(after: "2026-12-30", rule: Self.rule("daily", interval: 3)) == "2027-01-02")
        let mwf = Self.rule("weekly", weekdays: [5, 1, 3])
        #expect(TaskRecurrence.isoWeekday("2026-12-07") == 1)
        #expect(TaskRecurrence.next(after: "2026-12-07", rule: mwf) == "2026-12-09")
        #expect(TaskRecurrence.next(after: "2026-12-11", rule: mwf) == "2026-12-14")
        #expect(TaskRecurrence.next(after: "2026-12-11", rule: Self.rule("weekly", interval: 2, weekdays: [1, 3, 5])) == "2026-12-21")
        #expect(TaskRecurrence.next(after: "2026-12-31", rule: TaskRecurrence.anchored(Self.rule("weekly"), on: "2026-12-31")) == "2027-01-07")
        #expect(TaskRecurrence.next(after: "2027-01-07", rule: Self.rule("weekly", until: "2027-01-13")) == nil)
        // Weekdays of a monthly rule and a month day of a weekly one are dropped, not refused.
        #expect(TaskRecurrence.anchored(Self.rule("daily", weekdays: [1], monthDay: 3), on: "2027-01-07") == Self.rule("daily"))
        // Asia/Shanghai has no daylight saving: 09:00 stays 01:00 UTC.
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        #expect(TaskRecurrence.moved(F.at("2027-01-31T01:00:00Z"), byDays: 28, in: shanghai) == F.at("2027-02-28T01:00:00Z"))
        // Europe/Berlin moves to summer time on 2027-03-28: 09:00 CET (08:00 UTC) → 09:00 CEST (07:00 UTC).
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        #expect(TaskRecurrence.moved(F.at("2027-03-26T08:00:00Z"), byDays: 7, in: berlin) == F.at("2027-04-02T07:00:00Z"))
        #expect(TaskRecurrence.moved(F.at("2027-10-29T07:00:00Z"), byDays: 7, in: berlin) == F.at("2027-11-05T08:00:00Z"))
    }

    @Test("T13-6 a repeating task makes its next occurrence when done, once, at the same local time: weekly in Europe/Berlin across DST, monthly on the 31st in Asia/Shanghai")
    func occurrences() async throws {
        try await withAfield(clock: ManualClock(F.monday).clock) { _, client in
            let nancy = try await client.signedIn(F.nancy)
            _ = try await nancy.send(.PATCH, "/api/v1/auth/me", json: UpdateMeRequest(timeZone: "Europe/Berlin"))
            let weekly = try await F.task(nancy, TaskInput(title: "Weekly report", dueAt: F.at("2027-03-26T08:00:00Z"), labels: ["report"],
                                                           checklist: [TaskChecklistInput(text: "Figures", done: true)], recurrence: Self.rule("weekly")))
            #expect(weekly.timeZone == "Europe/Berlin" && weekly.dueOn == "2027-03-26")
            #expect(weekly.recurrence == Self.rule("weekly", weekdays: [5]))
            let done: TaskDTO = try await nancy.post("/api/v1/projects/tasks/\(weekly.id)/status", json: TaskMoveInput(status: "done")).decode()
            #expect(done.statusCategory == "done")
            var open = try await nancy.get("/api/v1/projects/tasks?q=weekly&statusCategory=not_started").decode(Page<TaskCardDTO>.self).items
            #expect(open.map(\.dueAt) == [F.at("2027-04-02T07:00:00Z")])
            let next: TaskDTO = try await nancy.get("/api/v1/projects/tasks/\(open[0].id)").decode()
            #expect(next.dueOn == "2027-04-02" && next.labels == ["report"] && next.checklist.map(\.done) == [false])
            // Reopened and closed again, the first occurrence makes no second one.
            _ = try await nancy.post("/api/v1/projects/tasks/\(weekly.id)/status", json: TaskMoveInput(status: "in_progress"))
            _ = try await nancy.post("/api/v1/projects/tasks/\(weekly.id)/status", json: TaskMoveInput(status: "done"))
            open = try await nancy.get("/api/v1/projects/tasks?q=weekly&statusCategory=not_started").decode(Page<TaskCardDTO>.self).items
            #expect(open.count == 1)

            let janet = try await client.signedIn(F.janet)
            _ = try await janet.send(.PATCH, "/api/v1/auth/me", json: UpdateMeRequest(timeZone: "Asia/Shanghai"))
            var monthly = try await F.task(janet, TaskInput(title: "Month-end close", dueAt: F.at("2027-01-31T01:00:00Z"), recurrence: Self.rule("monthly")))
            var dues: [String] = [monthly.dueOn ?? ""]
            for _ in 0..<2 {
                _ = try await janet.post("/api/v1/projects/tasks/\(monthly.id)/status", json: TaskMoveInput(status: "done"))
                let items = try await janet.get("/api/v1/projects/tasks?q=month-end&statusCategory=not_started").decode(Page<TaskCardDTO>.self).items
                monthly = try await janet.get("/api/v1/projects/tasks/\(items[0].id)").decode()
                dues.append("\(monthly.dueOn ?? "") \(ISO8601DateFormatter().string(from: monthly.dueAt!))")
            }
            #expect(dues == ["2027-01-31", "2027-02-28 2027-02-28T01:00:00Z", "2027-03-31 2027-03-31T01:00:00Z"])
        }
    }

    @Test("T13-7 reminders fire once: before due and on overdue, a job run again after a crash sends no second notice, quiet hours hold a reminder until they end")
    func reminders() async throws {
        try await withAfield(clock: ManualClock(F.monday).clock) { app, client in
            let recorder = RecordingNotifier(channel: "webhook")
            app.notificationCentre.register(recorder)
            let nancy = try await client.signedIn(F.nancy)
            let nancyUser = try await User.query(on: app.db).filter(\.$email == F.nancy).first()!.requireID()
            let task = try await F.task(nancy, TaskInput(title: "Call the landlord", dueAt: F.at("2026-12-07T18:00:00Z"), remindBeforeMinutes: 30))
            func codes() -> [String] { recorder.deliveries.filter { $0.message.entityID == task.id }.map(\.message.code) }

            #expect(try await app.jobs.runDue(now: F.at("2026-12-07T17:29:59Z")) == 0)
            #expect(codes() == [])
            _ = try await app.jobs.runDue(now: F.at("2026-12-07T17:30:00Z"))
            #expect(codes() == ["projects.task.due_soon"])
            #expect(recorder.deliveries.last?.users == [nancyUser])
            #expect(recorder.deliveries.last?.message.params["due"] == "2026-12-07 10:00")
            // The process dies after the notice committed, before the job was marked done: its lease
            // runs out and the job runs again — and finds the task reminded.
            let job = try await Job.query(on: app.db).filter(\.$kind == TaskReminders.kind).filter(\.$key == "before:\(task.id.uuidString)").first()!
            job.state = Job.State.running.rawValue
            job.lockedUntil = F.at("2026-12-07T17:31:00Z")
            try await job.save(on: app.db)
            _ = try await app.jobs.runDue(now: F.at("2026-12-07T17:45:00Z"))
            #expect(try await Job.find(job.id, on: app.db)?.state == Job.State.done.rawValue)
            #expect(codes() == ["projects.task.due_soon"])
            _ = try await app.jobs.runDue(now: F.at("2026-12-07T18:00:00Z"))
            #expect(codes() == ["projects.task.due_soon", "projects.task.overdue"])
            _ = try await app.jobs.runDue(now: F.at("2026-12-07T19:00:00Z"))
            #expect(codes() == ["projects.task.due_soon", "projects.task.overdue"])

            // Quiet 22:00–07:00 in Los Angeles: a reminder due at 06:30 waits for 07:00.
            var prefs = NotificationPreferences.defaults
            prefs.quietHoursStart = "22:00"
            prefs.quietHoursEnd = "07:00"
            _ = try await nancy.send(.PATCH, "/api/v1/auth/me", json: UpdateMeRequest(notifications: prefs))
            let early = try await F.task(nancy, TaskInput(title: "Open the shop", dueAt: F.at("2026-12-08T15:30:00Z"), remindBeforeMinutes: 60))
            _ = try await app.jobs.runDue(now: F.at("2026-12-08T14:30:00Z"))
            #expect(recorder.deliveries.filter { $0.message.entityID == early.id }.isEmpty)
            let held = try await Job.query(on: app.db).filter(\.$key == "before:\(early.id.uuidString)").filter(\.$state == "queued").first()
            #expect(held?.runAt == F.at("2026-12-08T15:00:00Z"))
            _ = try await app.jobs.runDue(now: F.at("2026-12-08T15:00:00Z"))
            #expect(recorder.deliveries.filter { $0.message.entityID == early.id }.map(\.message.code) == ["projects.task.due_soon"])

            // A task done before its due time sends nothing; moving the due moves the reminder.
            let moved = try await F.task(nancy, TaskInput(title: "Order stock", dueAt: F.at("2026-12-09T18:00:00Z"), remindBeforeMinutes: 15))
            _ = try await nancy.send(.PATCH, "/api/v1/projects/tasks/\(moved.id)", json: TaskInput(version: moved.version, dueAt: F.at("2026-12-10T18:00:00Z")))
            _ = try await app.jobs.runDue(now: F.at("2026-12-09T18:00:00Z"))
            #expect(recorder.deliveries.filter { $0.message.entityID == moved.id }.isEmpty)
            _ = try await nancy.post("/api/v1/projects/tasks/\(moved.id)/status", json: TaskMoveInput(status: "done"))
            _ = try await app.jobs.runDue(now: F.at("2026-12-10T18:00:00Z"))
            #expect(recorder.deliveries.filter { $0.message.entityID == moved.id }.isEmpty)
        }
    }

    @Test("T13-8 my work: overdue, due today, this week, later — by the caller's day — and tasks created for others and followed; quick add assigns to oneself")
    func myWork() async throws {
        try await withAfield(clock: ManualClock(F.monday).clock) { _, client in
            let nancy = try await client.signedIn(F.nancy)
            let andrew = try await client.signedIn(F.andrew)
            let nancyID = try await F.employeeID(andrew, "Nancy Davolio")
            let janetID = try await F.employeeID(andrew, "Janet Leverling")
            // Monday 04:00 in Los Angeles.
            _ = try await F.task(nancy, TaskInput(title: "A overdue", dueAt: F.at("2026-12-07T02:00:00Z")))
            _ = try await F.task(nancy, TaskInput(title: "B tonight", dueAt: F.at("2026-12-08T07:00:00Z")))
            _ = try await F.task(nancy, TaskInput(title: "C Thursday", dueAt: F.at("2026-12-10T20:00:00Z")))
            _ = try await F.task(nancy, TaskInput(title: "D next week", dueAt: F.at("2026-12-14T20:00:00Z")))
            _ = try await F.task(nancy, TaskInput(title: "E someday"))
            let finished = try await F.task(nancy, TaskInput(title: "F finished", dueAt: F.at("2026-12-07T20:00:00Z")))
            _ = try await nancy.post("/api/v1/projects/tasks/\(finished.id)/status", json: TaskMoveInput(status: "done"))
            _ = try await F.task(andrew, TaskInput(title: "G from Andrew", assigneeId: nancyID, dueAt: F.at("2026-12-09T20:00:00Z")))
            _ = try await F.task(nancy, TaskInput(title: "H for Janet", assigneeId: janetID))
            _ = try await F.task(andrew, TaskInput(title: "I with Nancy", collaboratorIds: [nancyID]))
            let work: MyWorkDTO = try await nancy.get("/api/v1/projects/my-work").decode()
            #expect(work.today == "2026-12-07")
            #expect(work.overdue.tasks.map(\.title) == ["A overdue"])
            #expect(work.overdue.tasks.first?.overdue == true)
            #expect(work.dueToday.tasks.map(\.title) == ["B tonight"])
            #expect(work.week.tasks.map(\.title) == ["G from Andrew", "C Thursday"])
            #expect(work.later.tasks.map(\.title) == ["D next week", "E someday"])
            #expect(work.created.tasks.map(\.title) == ["H for Janet"])
            #expect(work.following.tasks.map(\.title) == ["I with Nancy"])
            #expect([work.overdue, work.dueToday, work.week, work.later, work.created, work.following].map(\.count) == [1, 1, 2, 2, 1, 1])
            // The list's own filters give the same: tasks I follow, tasks I created.
            #expect(try await nancy.get("/api/v1/projects/tasks?mine=following").decode(Page<TaskCardDTO>.self).items.map(\.title) == ["I with Nancy"])
            #expect(try await nancy.get("/api/v1/projects/tasks?mine=created&sort=title").decode(Page<TaskCardDTO>.self).items.count == 7)
        }
    }
}
