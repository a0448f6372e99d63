import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Flow definitions (issue 4 points 1 and 7): validation with paths, versions that running
/// instances keep, and the preview.
@Suite("Approval flows")
struct ApprovalFlowTests {
    typealias F = ApprovalFixtures

    @Test("validation lists every problem with its path and changes nothing; messages are localised")
    func validation() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let bad = FlowDefinition(nodes: [
                FlowNode(id: "c", type: .condition, branches: [
                    FlowBranch(id: "x", priority: 1, conditions: [FlowCondition(subject: "field.amount", op: .gt, values: ["lots"])],
                               nodes: [FlowNode(id: "empty", type: .approver)]),
                    FlowBranch(id: "y", priority: 2, conditions: [], nodes: [F.approver("y1", [ApproverRule(kind: .manager)])]),
                ]),
                FlowNode(id: "stop", type: .end),
                F.approver("late", [ApproverRule(kind: .manager)]),
                F.approver("late", [ApproverRule(kind: .role, roleKey: "astronaut")]),
            ])
            let answer = try await f.admin.post("/api/v1/approvals/flows/validate", json: FlowSaveRequest(name: "Bad", definition: bad))
            #expect(answer.status == .unprocessableEntity)
            let problems = try answer.error.fields?.map { "\($0.field) \($0.code)" } ?? []
            #expect(problems == [
                "nodes[0].branches approvals.flow.default_missing",
                "nodes[0].branches[0].conditions[0].values approvals.flow.values_invalid",
                "nodes[0].branches[0].nodes[0].approvers approvals.flow.approver_missing",
                "nodes[0].branches[1].conditions approvals.flow.conditions_missing",
                "nodes[2] approvals.flow.unreachable",
                "nodes[3] approvals.flow.unreachable",
            ])
            var chinese = f.admin
            chinese.language = "zh-CN"
            let zh = try await chinese.post("/api/v1/approvals/flows/validate", json: FlowSaveRequest(name: "Bad", definition: bad))
            #expect(try zh.error.fields?.first?.message == "请设置一个默认分支。")
            // Only the built-in forms' default flows exist.
            #expect(try await f.admin.get("/api/v1/approvals/flows").decode([ApprovalFlowDTO].self).count == 6, "nothing stored")

            let ok = FlowDefinition(nodes: [F.approver("m", [ApproverRule(kind: .manager)])])
            #expect(try await f.admin.post("/api/v1/approvals/flows/validate", json: FlowSaveRequest(name: "Good", definition: ok)).status == .noContent)
            let nancy = try await f.signIn("nancy.davolio")
            #expect(try await nancy.post("/api/v1/approvals/flows", json: FlowSaveRequest(subject: "sales.order", name: "Mine", definition: ok)).status
                    == .forbidden)
            let unknown = try await f.admin.post("/api/v1/approvals/flows", json: FlowSaveRequest(subject: "sales.quote", name: "?", definition: ok))
            #expect(try unknown.error.fields?.map(\.code) == ["approvals.flow.subject_unknown"])
        }
    }

    @Test("a running instance keeps the version it started with; a new one takes the new version; a stale save is 409")
    func versions() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await ApprovalCaseTests.leaveForm(f, [F.approver("one", [f.users("janet.leverling")])])
            let nancy = try await f.signIn("nancy.davolio")
            let before = try await ApprovalCaseTests.submit(nancy, form, ["days": .number("1")])
            let flow = try #require(try await f.admin.get("/api/v1/approvals/flows").decode([ApprovalFlowDTO].self).first { $0.subject == "form.\(form.id)" })
            let saved = try await f.admin.send(.PUT, "/api/v1/approvals/flows/\(flow.id)", json: FlowSaveRequest(
                name: "Leave v2", definition: FlowDefinition(nodes: [F.approver("one", [f.users("laura.callahan")]),
                                                                      F.approver("two", [f.users("margaret.peacock")])]), version: flow.version))
            #expect(saved.status == .ok)
            #expect(try saved.decode(ApprovalFlowDTO.self).currentVersion == 2)
            let stale = try await f.admin.send(.PUT, "/api/v1/approvals/flows/\(flow.id)", json: FlowSaveRequest(
                name: "Leave v3", definition: FlowDefinition(nodes: [F.approver("one", [f.users("laura.callahan")])]), version: flow.version))
            #expect(stale.status == .conflict)

            let after = try await ApprovalCaseTests.submit(nancy, form, ["days": .number("2")])
            #expect(after.flowVersion == 2)
            #expect(after.steps.map { $0.tasks.map(\.assignee.name) } == [["Laura Callahan"], []])
            let janet = try await f.signIn("janet.leverling")
            let old: ApprovalInstanceDTO = try await ApprovalCaseTests.act(janet, try await F.myTask(janet, before.summary.id), "approve").decode()
            #expect(old.flowVersion == 1)
            #expect(old.summary.state == .approved, "version 1 had one step")
        }
    }

    @Test("preview answers who approves if X submits amount Y, without storing anything")
    func preview() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            try await f.setRoles("janet.leverling", ["sales", "finance"])
            try await f.setRoles("laura.callahan", ["sales", "finance"])
            let definition = FlowDefinition(nodes: ApprovalCaseTests.p05Flow(f))
            for (who, amount, expected, branch) in [
                ("michael.suyama", "5000.01", [["Steven Buchanan"], ["Janet Leverling", "Laura Callahan"]], "over 5,000"),
                ("michael.suyama", "5000", [["Steven Buchanan"]], "up to 5,000"),
                ("nancy.davolio", "12", [["Andrew Fuller"]], "up to 5,000"),
            ] {
                let preview: FlowPreview = try await f.admin.post("/api/v1/approvals/flows/preview", json: FlowPreviewRequest(
                    definition: definition, requesterId: f.id(who), values: ["amount": amount])).decode()
                #expect(preview.branches == [branch], "\(who) \(amount)")
                #expect(preview.steps.map { $0.assignees.map(\.name).sorted() } == expected, "\(who) \(amount)")
            }
            // Andrew, the top of the chain and the only administrator, has nobody above him: the
            // administrator fallback would be himself, so the node passes on the record instead (P-01).
            let top: FlowPreview = try await f.admin.post("/api/v1/approvals/flows/preview", json: FlowPreviewRequest(
                definition: definition, requesterId: f.id("andrew.fuller"), values: ["amount": "10"])).decode()
            #expect(top.steps.map(\.note) == ["autoApproved.noApprover"])
            #expect(top.steps.map(\.assignees) == [[]])
            let counts: ApprovalInboxCounts = try await f.admin.get("/api/v1/approvals/inbox/counts").decode()
            #expect(counts == ApprovalInboxCounts(todo: 0, done: 0, mine: 0, ccUnread: 0))
        }
    }

    @Test("role approvers within the requester's department: the nearest department up that has holders")
    func roleWithinDepartment() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            try await f.setRoles("robert.king", ["sales", "finance"])   // Sales UK
            try await f.setRoles("janet.leverling", ["sales", "finance"])  // Sales USA
            let definition = FlowDefinition(nodes: [F.approver("fin", [ApproverRule(kind: .role, roleKey: "finance", roleScope: .requesterDepartment)])])
            for (who, expected) in [("michael.suyama", ["Robert King"]), ("nancy.davolio", ["Janet Leverling"])] {
                let preview: FlowPreview = try await f.admin.post("/api/v1/approvals/flows/preview", json: FlowPreviewRequest(
                    definition: definition, requesterId: f.id(who), values: [:])).decode()
                #expect(preview.steps.flatMap { $0.assignees.map(\.name) } == expected, "\(who)")
            }
            let everyone: FlowPreview = try await f.admin.post("/api/v1/approvals/flows/preview", json: FlowPreviewRequest(
                definition: FlowDefinition(nodes: [F.approver("fin", [ApproverRule(kind: .role, roleKey: "finance")])]),
                requesterId: f.id("nancy.davolio"), values: [:])).decode()
            #expect(everyone.steps.flatMap { $0.assignees.map(\.name) } == ["Janet Leverling", "Robert King"])
        }
    }
}
