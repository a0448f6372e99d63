import AfieldAPI
import AfieldTesting
import App
import Foundation
import Platform
import Testing
import Vapor

/// The actions besides approve and reject (issue 4 point 3), timers, and notifications.
@Suite("Approval actions")
struct ApprovalActionTests {
    typealias F = ApprovalFixtures
    typealias C = ApprovalCaseTests

    @Test("return to an earlier step and to the requester, who resubmits and resumes at the returning step")
    func returns() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await C.leaveForm(f, [F.approver("one", [f.users("janet.leverling")]), F.approver("two", [f.users("laura.callahan")])])
            let nancy = try await f.signIn("nancy.davolio")
            let janet = try await f.signIn("janet.leverling"), laura = try await f.signIn("laura.callahan")
            let request = try await C.submit(nancy, form, ["days": .number("2")])
            _ = try await C.act(janet, try await F.myTask(janet, request.summary.id), "approve")
            // Laura sends it back to Janet's step: Janet decides again.
            let back = try await laura.post("/api/v1/approvals/tasks/\(try await F.myTask(laura, request.summary.id))/return",
                                            json: ApprovalReturnRequest(toNodeId: "one", comment: "check the dates"))
            #expect(back.status == .ok)
            var now: ApprovalInstanceDTO = try back.decode()
            #expect(now.steps.map(\.state) == [.active, .waiting])
            #expect(now.timeline.last?.text == "Returned to one.")
            _ = try await C.act(janet, try await F.myTask(janet, request.summary.id), "approve")
            // Now to the requester: Nancy changes the days and resubmits; Laura's step resumes.
            now = try await laura.post("/api/v1/approvals/tasks/\(try await F.myTask(laura, request.summary.id))/return",
                                       json: ApprovalReturnRequest(comment: "half a day more")).decode()
            #expect(now.summary.state == .returned)
            #expect(try await F.detail(nancy, request.summary.id).actions.contains("edit"))
            let wrongTarget = try await laura.post("/api/v1/approvals/tasks/\(now.steps[1].tasks.last!.id)/return", json: ApprovalReturnRequest(toNodeId: "nope"))
            #expect(wrongTarget.status == .conflict, "the task is no longer open")
            now = try await nancy.send(.PATCH, "/api/v1/approvals/instances/\(request.summary.id)",
                                       json: ApprovalEditRequest(values: ["days": .number("2.5")], version: now.version)).decode()
            #expect(now.summary.state == .pending)
            #expect(now.steps.map(\.state) == [.approved, .active], "resumes at the step that returned it")
            #expect(now.values?["days"] == .string("2.5"), "numbers are kept as exact decimal text")
            let done: ApprovalInstanceDTO = try await C.act(laura, try await F.myTask(laura, request.summary.id), "approve").decode()
            #expect(done.summary.state == .approved)
        }
    }

    @Test("transfer, add signer before / after / alongside, withdraw")
    func transferAndAddSigners() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await C.leaveForm(f, [F.approver("one", [f.users("janet.leverling")]), F.approver("two", [f.users("laura.callahan")])])
            let nancy = try await f.signIn("nancy.davolio")
            let janet = try await f.signIn("janet.leverling"), margaret = try await f.signIn("margaret.peacock"), laura = try await f.signIn("laura.callahan")
            let request = try await C.submit(nancy, form, ["days": .number("1")])
            // Janet transfers to Margaret.
            var now: ApprovalInstanceDTO = try await janet.post("/api/v1/approvals/tasks/\(try await F.myTask(janet, request.summary.id))/transfer",
                                                                json: ApprovalTransferRequest(to: f.id("margaret.peacock"), comment: "you know this")).decode()
            #expect(now.steps[0].tasks.map { "\($0.assignee.name): \($0.state.rawValue)" } == ["Janet Leverling: transferred", "Margaret Peacock: open"])
            let toRequester = try await margaret.post("/api/v1/approvals/tasks/\(try await F.myTask(margaret, request.summary.id))/transfer",
                                                      json: ApprovalTransferRequest(to: f.id("nancy.davolio")))
            #expect(toRequester.status == .unprocessableEntity, "never to the requester")
            // Margaret asks Robert to approve first, then approves herself.
            now = try await margaret.post("/api/v1/approvals/tasks/\(try await F.myTask(margaret, request.summary.id))/add-signer",
                                          json: ApprovalAddSignerRequest(users: [f.id("robert.king")], position: .before)).decode()
            #expect(now.steps.map(\.state) == [.active, .waiting, .waiting])
            #expect(now.steps[0].tasks.map(\.assignee.name) == ["Robert King"])
            let robert = try await f.signIn("robert.king")
            now = try await C.act(robert, try await F.myTask(robert, request.summary.id), "approve").decode()
            #expect(now.steps[1].state == .active)
            #expect(now.steps[1].tasks.last?.assignee.name == "Margaret Peacock")
            // Margaret adds Anne after her step, and approves.
            _ = try await margaret.post("/api/v1/approvals/tasks/\(try await F.myTask(margaret, request.summary.id))/add-signer",
                                        json: ApprovalAddSignerRequest(users: [f.id("anne.dodsworth")], position: .after))
            now = try await C.act(margaret, try await F.myTask(margaret, request.summary.id), "approve").decode()
            #expect(now.steps.map(\.nodeId) == ["one+before", "one", "one+after", "two"])
            #expect(now.steps[2].tasks.map(\.assignee.name) == ["Anne Dodsworth"])
            let anne = try await f.signIn("anne.dodsworth")
            now = try await C.act(anne, try await F.myTask(anne, request.summary.id), "approve").decode()
            // Laura adds Steven alongside (或签 with one person becomes either of two), then Nancy withdraws.
            now = try await laura.post("/api/v1/approvals/tasks/\(try await F.myTask(laura, request.summary.id))/add-signer",
                                       json: ApprovalAddSignerRequest(users: [f.id("steven.buchanan")], position: .alongside)).decode()
            #expect(now.steps[3].tasks.map(\.state) == [.open, .open])
            #expect(try await janet.post("/api/v1/approvals/instances/\(request.summary.id)/withdraw", json: ApprovalDecisionRequest()).status == .forbidden)
            now = try await nancy.post("/api/v1/approvals/instances/\(request.summary.id)/withdraw", json: ApprovalDecisionRequest(comment: "not needed")).decode()
            #expect(now.summary.state == .withdrawn)
            #expect(now.steps[3].tasks.map(\.state) == [.cancelled, .cancelled])
            let late = try await C.act(laura, now.steps[3].tasks[0].id, "approve")
            #expect(late.status == .conflict)
            #expect(now.timeline.map(\.action) == ["submit", "transfer", "addSigner", "approve", "addSigner", "approve", "approve", "addSigner", "withdraw"])
        }
    }

    @Test("urge is rate-limited; comments and ad-hoc CC reach the timeline, the CC box and notifications; batch approve reports per task")
    func urgeCommentCCBatch() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await C.leaveForm(f, [F.approver("m", [ApproverRule(kind: .manager)])])
            let nancy = try await f.signIn("nancy.davolio"), janet = try await f.signIn("janet.leverling")
            let first = try await C.submit(nancy, form, ["days": .number("1")])
            let second = try await C.submit(janet, form, ["days": .number("2")])
            #expect(try await nancy.send(.POST, "/api/v1/approvals/instances/\(first.summary.id)/urge").status == .ok)
            let again = try await nancy.send(.POST, "/api/v1/approvals/instances/\(first.summary.id)/urge")
            #expect(again.status == .tooManyRequests)
            #expect(try again.error.code == "approvals.urge_too_soon")
            let notices: AfieldAPI.Page<NotificationDTO> = try await f.admin.get("/api/v1/notifications").decode()
            #expect(notices.items.map(\.title).contains("Nancy Davolio is waiting for your approval: Leave request · Nancy Davolio"))
            #expect(notices.items.map(\.title).contains("Janet Leverling asks for your approval: Leave request · Janet Leverling"))

            let file = try await f.admin.send(.POST, "/api/v1/files", bytes: Data("%PDF-1.7\n".utf8), contentType: "application/pdf",
                                              headers: [("X-File-Name", "quote.pdf")]).decode(FileRef.self)
            let unknown = try await f.admin.post("/api/v1/approvals/instances/\(first.summary.id)/comment",
                                                 json: ApprovalDecisionRequest(comment: "see", attachments: [UUID()]))
            #expect(try unknown.error.fields?.map(\.code) == ["approvals.attachment_unknown"])
            let commented: ApprovalInstanceDTO = try await f.admin.post("/api/v1/approvals/instances/\(first.summary.id)/comment",
                                                                         json: ApprovalDecisionRequest(comment: "on it", attachments: [file.id])).decode()
            #expect(commented.timeline.last?.attachments == [file.id])
            let cc: ApprovalInstanceDTO = try await nancy.post("/api/v1/approvals/instances/\(first.summary.id)/cc",
                                                               json: ApprovalCCRequest(users: [f.id("margaret.peacock")])).decode()
            #expect(cc.timeline.suffix(2).map(\.action) == ["comment", "cc"])
            let margaret = try await f.signIn("margaret.peacock")
            var counts: ApprovalInboxCounts = try await margaret.get("/api/v1/approvals/inbox/counts").decode()
            #expect(counts.ccUnread == 1)
            _ = try await F.detail(margaret, first.summary.id)
            counts = try await margaret.get("/api/v1/approvals/inbox/counts").decode()
            #expect(counts.ccUnread == 0, "opening it marks it read")
            #expect(try await margaret.get("/api/v1/approvals/instances/\(second.summary.id)").status == .notFound, "not hers to see")

            let tasks = [try await F.myTask(f.admin, first.summary.id), try await F.myTask(f.admin, second.summary.id), UUID()]
            let results: [ApprovalBatchResult] = try await f.admin.post("/api/v1/approvals/tasks/batch-approve",
                                                                        json: ApprovalBatchRequest(taskIds: tasks, comment: "all fine")).decode()
            #expect(results.map(\.status) == [200, 200, 404])
            let decided: ApprovalInboxCounts = try await f.admin.get("/api/v1/approvals/inbox/counts").decode()
            #expect(decided.todo == 0)
            #expect(decided.done == 2)
            let nancyNotices: AfieldAPI.Page<NotificationDTO> = try await nancy.get("/api/v1/notifications").decode()
            #expect(nancyNotices.items.first?.title == "Approved: Leave request · Nancy Davolio")
        }
    }

    @Test("timeouts: a reminder after N hours, escalation to the manager after M; auto-approve by rule; nothing once decided")
    func timeouts() async throws {
        try await withAfield { app, client in
            let f = try await F.load(client)
            let node = FlowNode(id: "m", type: .approver, name: "Manager", approvers: [ApproverRule(kind: .manager)],
                                timeout: NodeTimeout(remindAfterHours: 4, actAfterHours: 24, action: .escalate))
            let form = try await C.leaveForm(f, [node])
            let michael = try await f.signIn("michael.suyama")
            let request = try await C.submit(michael, form, ["days": .number("1")])
            #expect(request.steps[0].tasks.map(\.assignee.name) == ["Steven Buchanan"])
            #expect(try await app.jobs.runDue(now: Date().addingTimeInterval(3600)) == 0, "nothing due yet")
            #expect(try await app.jobs.runDue(now: Date().addingTimeInterval(5 * 3600)) == 1)
            let steven = try await f.signIn("steven.buchanan")
            let notices: AfieldAPI.Page<NotificationDTO> = try await steven.get("/api/v1/notifications").decode()
            #expect(notices.items.first?.title == "Reminder: Leave request · Michael Suyama waits for you")
            #expect(try await app.jobs.runDue(now: Date().addingTimeInterval(25 * 3600)) == 1)
            let escalated = try await F.detail(f.admin, request.summary.id)
            #expect(escalated.steps[0].tasks.map { "\($0.assignee.name): \($0.state.rawValue)" } == ["Steven Buchanan: transferred", "Andrew Fuller: open"])
            #expect(escalated.timeline.last?.text == "Time limit passed: moved from Steven Buchanan to Andrew Fuller.")
            // The escalated task has its own timers, from when it opened.
            #expect(try await app.jobs.runDue(now: Date().addingTimeInterval(26 * 3600)) == 0)

            let auto = try await C.leaveForm(f, [FlowNode(id: "a", type: .approver, approvers: [ApproverRule(kind: .manager)],
                                                          timeout: NodeTimeout(actAfterHours: 2, action: .approve))])
            let quick = try await C.submit(michael, auto, ["days": .number("1")])
            let decided = try await C.submit(michael, auto, ["days": .number("2")])
            _ = try await C.act(steven, try await F.myTask(steven, decided.summary.id), "reject")
            #expect(try await app.jobs.runDue(now: Date().addingTimeInterval(3 * 3600)) == 1, "the rejected one's timer was cancelled")
            let approved = try await F.detail(f.admin, quick.summary.id)
            #expect(approved.summary.state == .approved)
            #expect(approved.timeline.first { $0.action == "approve" }?.text == "Approved automatically after the time limit.")
        }
    }

    @Test("a deactivated approver's task goes to their manager, logged; the approval administrator gets nodes that find nobody")
    func deactivatedAndNobody() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await C.leaveForm(f, [F.approver("one", [f.users("robert.king")])])
            let anne: AfieldAPI.Page<UserDTO> = try await f.admin.get("/api/v1/auth/users?q=robert.king@").decode()
            _ = try await f.admin.send(.PATCH, "/api/v1/auth/users/\(anne.items[0].id)", json: UserUpdate(version: anne.items[0].version, active: false))
            // The flow was saved while Robert was active; he left before Nancy submitted.
            let request = try await C.submit(try await f.signIn("nancy.davolio"), form, ["days": .number("1")])
            #expect(request.steps[0].tasks.map(\.assignee.name) == ["Steven Buchanan"])
            #expect(request.timeline.contains { $0.text == "Robert King is no longer active; assigned to Steven Buchanan." })

            _ = try await f.admin.send(.PUT, "/api/v1/approvals/settings", json: ApprovalSettingsDTO(administratorId: f.id("margaret.peacock"), urgeIntervalMinutes: 30))
            let nobody = try await C.leaveForm(f, [F.approver("h", [ApproverRule(kind: .departmentHead, level: 5)], rules: NodeRules(noApprover: .administrator))])
            let routed = try await C.submit(try await f.signIn("nancy.davolio"), nobody, ["days": .number("1")])
            #expect(routed.steps[0].tasks.map(\.assignee.name) == ["Margaret Peacock"])
            let skipped = try await C.leaveForm(f, [F.approver("h", [ApproverRule(kind: .departmentHead, level: 5)], rules: NodeRules(noApprover: .skip)),
                                                    F.approver("m", [ApproverRule(kind: .manager)])])
            let afterSkip = try await C.submit(try await f.signIn("nancy.davolio"), skipped, ["days": .number("1")])
            #expect(afterSkip.steps.map(\.state) == [.skipped, .active])
            #expect(afterSkip.timeline.first { $0.action == "skip" }?.text == "Skipped: nobody found for this step.")
        }
    }
}
