import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Deactivating a person hands their open approval work on (issue 8 point 7.2): tasks to their
/// delegate or manager in the deactivation's transaction, and routes and pickers stop naming them.
@Suite("Approval hand-over at deactivation")
struct ApprovalHandOverTests {
    typealias F = ApprovalFixtures
    typealias C = ApprovalCaseTests

    /// Deactivates `name` as the administrator; fails the test on an error answer.
    static func deactivate(_ f: F, _ name: String) async throws {
        let found: Page<UserDTO> = try await f.admin.get("/api/v1/auth/users?q=\(name)@").decode()
        let user = try #require(found.items.first)
        let answer = try await f.admin.send(.PATCH, "/api/v1/auth/users/\(user.id)", json: UserUpdate(version: user.version, active: false))
        #expect(answer.status == .ok, "deactivate \(name): \(answer.text)")
    }

    @Test("an open task goes to the manager (passing over the requester), a delegated one to the delegate; each on the timeline and audited")
    func openTasksMove() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await C.leaveForm(f, [F.approver("one", [f.users("robert.king")])])
            let nancy = try await f.signIn("nancy.davolio"), steven = try await f.signIn("steven.buchanan")
            let byNancy = try await C.submit(nancy, form, ["days": .number("1")])
            // Steven is Robert's manager; asking himself, his own manager Andrew stands in for Robert.
            let bySteven = try await C.submit(steven, form, ["days": .number("2")])
            // A request waits for Margaret, who then names Laura her delegate for today, and leaves.
            let away = try await C.leaveForm(f, [F.approver("one", [f.users("margaret.peacock")])])
            let delegated = try await C.submit(nancy, away, ["days": .number("3")])
            let margaret = try await f.signIn("margaret.peacock")
            let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "America/Los_Angeles")!, formatOptions: [.withFullDate])
            #expect(try await margaret.post("/api/v1/approvals/delegations", json: ApprovalDelegationDTO(
                userId: f.id("margaret.peacock"), delegateId: f.id("laura.callahan"), startsOn: today, endsOn: today)).status == .created)

            try await Self.deactivate(f, "robert.king")
            try await Self.deactivate(f, "margaret.peacock")

            let first = try await F.detail(f.admin, byNancy.summary.id)
            #expect(first.steps[0].tasks.map { "\($0.assignee.name): \($0.state.rawValue)" } == ["Robert King: transferred", "Steven Buchanan: open"])
            #expect(first.timeline.last?.text == "Robert King is no longer active; assigned to Steven Buchanan.")
            #expect(first.timeline.last?.actor == nil, "a rule's line, not a person's")
            #expect(try await F.myTask(steven, byNancy.summary.id) == first.steps[0].tasks[1].id)
            let second = try await F.detail(f.admin, bySteven.summary.id)
            #expect(second.steps[0].tasks.map(\.assignee.name) == ["Robert King", "Andrew Fuller"])
            #expect(second.timeline.last?.text == "Robert King is no longer active; assigned to Andrew Fuller.")
            let third = try await F.detail(f.admin, delegated.summary.id)
            #expect(third.steps[0].tasks.map { "\($0.assignee.name) (\($0.onBehalfOf?.name ?? "-")): \($0.state.rawValue)" }
                    == ["Margaret Peacock (-): transferred", "Laura Callahan (Margaret Peacock): open"])
            #expect(third.timeline.last?.text == "Margaret Peacock is no longer active; assigned to Laura Callahan.")
            let audit: Page<AuditEntryDTO> = try await f.admin.get("/api/v1/audit/entries?entity=approvals.instance&record=\(byNancy.summary.id)").decode()
            let reassigned = try #require(audit.items.first { $0.action == "reassign" })
            #expect(reassigned.actorName == "Andrew Fuller")
            #expect(reassigned.changes["assignee"] == .init(before: "Robert King", after: "Steven Buchanan"))

            // Steven decides it now.
            let approved: ApprovalInstanceDTO = try await C.act(steven, try await F.myTask(steven, byNancy.summary.id), "approve").decode()
            #expect(approved.summary.state == .approved)
        }
    }

    @Test("a waiting task of a sequential step moves too; the one who left is no longer in routes, previews or the people pickers")
    func routesAndPickers() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await C.leaveForm(f, [F.approver("two", [f.users("janet.leverling", "robert.king")], mode: .sequential)])
            let nancy = try await f.signIn("nancy.davolio")
            let request = try await C.submit(nancy, form, ["days": .number("1")])
            try await Self.deactivate(f, "robert.king")
            let now = try await F.detail(f.admin, request.summary.id)
            #expect(now.steps[0].tasks.map { "\($0.assignee.name): \($0.state.rawValue)" }
                    == ["Janet Leverling: open", "Robert King: transferred", "Steven Buchanan: waiting"])
            let janet = try await f.signIn("janet.leverling"), steven = try await f.signIn("steven.buchanan")
            _ = try await C.act(janet, try await F.myTask(janet, request.summary.id), "approve")
            let done: ApprovalInstanceDTO = try await C.act(steven, try await F.myTask(steven, request.summary.id), "approve").decode()
            #expect(done.summary.state == .approved)

            let route: FlowPreview = try await nancy.post("/api/v1/approvals/instances/route",
                                                          json: ApprovalSubmitRequest(formId: form.id, values: ["days": .number("1")])).decode()
            #expect(route.steps.map { $0.assignees.map(\.name) } == [["Janet Leverling", "Steven Buchanan"]])
            // Michael's manager Steven leaves too: the designer's preview names Steven's manager, and copies nobody.
            try await Self.deactivate(f, "steven.buchanan")
            let preview: FlowPreview = try await f.admin.post("/api/v1/approvals/flows/preview", json: FlowPreviewRequest(
                definition: FlowDefinition(nodes: [F.approver("m", [ApproverRule(kind: .manager)]),
                                                   FlowNode(id: "cc", type: .cc, approvers: [ApproverRule(kind: .manager)])]),
                requesterId: f.id("michael.suyama"), values: [:])).decode()
            #expect(preview.steps.map { $0.assignees.map(\.name) } == [["Andrew Fuller"], []])

            let picker: Page<EmployeeDTO> = try await f.admin.get("/api/v1/org/employees?account=active&q=King").decode()
            #expect(picker.items.isEmpty)
            let directory: Page<EmployeeDTO> = try await f.admin.get("/api/v1/org/employees?q=King").decode()
            #expect(directory.items.map(\.name) == ["Robert King"], "the directory still lists him")
            let everyone: Page<EmployeeDTO> = try await f.admin.get("/api/v1/org/employees?account=active&limit=100").decode()
            #expect(everyone.items.count == 7 && everyone.items.allSatisfy { $0.userId != nil })
            #expect(try await f.admin.get("/api/v1/org/employees?account=gone").status == .unprocessableEntity)
        }
    }
}
