import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Approver kinds, 会签 quorums, planning rules and condition subjects (issue 4 points 1–2),
/// through real submissions of one form.
@Suite("Approver kinds and conditions")
struct ApproverKindTests {
    typealias F = ApprovalFixtures
    typealias C = ApprovalCaseTests

    /// A form with every field kind conditions and approvers can use.
    static func form(_ f: F, _ nodes: [FlowNode]) async throws -> ApprovalFormDTO {
        let form: ApprovalFormDTO = try await f.admin.post("/api/v1/approvals/forms", json: NewApprovalFormRequest(
            name: "Purchase request", schema: FormSchema(fields: [
                FormField(key: "kind", type: .select, label: "Kind", options: [FormOption(value: "it", label: "IT"), FormOption(value: "office", label: "Office")]),
                FormField(key: "needed", type: .date, label: "Needed by"),
                FormField(key: "reviewer", type: .user, label: "Reviewer"),
                FormField(key: "items", type: .table, label: "Items", columns: [
                    FormField(key: "what", type: .text, label: "What"), FormField(key: "amount", type: .money, label: "Amount"),
                ]),
            ]))).decode()
        try await f.flow("form.\(form.id)", nodes)
        return form
    }

    static func names(_ instance: ApprovalInstanceDTO) -> [[String]] { instance.steps.map { $0.tasks.map(\.assignee.name) } }

    @Test("manager levels bottom-up and top-down, the manager chain, the requester's choice, a form's user field, the requester")
    func kinds() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            // Andrew decides several nodes in a row: asked each time, so that the walk below visits every node.
            #expect(try await f.admin.send(.PUT, "/api/v1/approvals/settings", json: ApprovalSettingsDTO(
                administratorId: nil, urgeIntervalMinutes: 30, sameApprover: .approveAgain)).status == .ok)
            let form = try await Self.form(f, [
                F.approver("up2", [ApproverRule(kind: .manager, level: 2)], rules: NodeRules(noApprover: .skip)),
                F.approver("top1", [ApproverRule(kind: .manager, level: 1, fromTop: true)]),
                F.approver("chain", [ApproverRule(kind: .managerChain)]),
                F.approver("chosen", [ApproverRule(kind: .requesterChoice)]),
                F.approver("field", [ApproverRule(kind: .formField, field: "reviewer")]),
                F.approver("self", [ApproverRule(kind: .requester)]),
            ])
            // Michael → Steven → Andrew.
            let michael = try await f.signIn("michael.suyama")
            let answer = try await michael.post("/api/v1/approvals/instances", json: ApprovalSubmitRequest(
                formId: form.id, values: ["reviewer": .string(f.id("laura.callahan").uuidString)], chosenApprovers: ["chosen": [f.id("robert.king")]]))
            #expect(answer.status == .created, "\(answer.text)")
            let instance: ApprovalInstanceDTO = try answer.decode()
            #expect(Self.names(instance) == [["Andrew Fuller"], [], [], [], [], []])
            #expect(instance.steps.map { $0.tasks.isEmpty ? "" : $0.nodeId } == ["up2", "", "", "", "", ""])
            let planned = try await f.admin.post("/api/v1/approvals/flows/preview", json: FlowPreviewRequest(
                definition: try #require(try await f.admin.get("/api/v1/approvals/flows").decode([ApprovalFlowDTO].self)
                    .first { $0.subject == "form.\(form.id)" }).definition,
                requesterId: f.id("michael.suyama"), values: [:])).decode(FlowPreview.self)
            #expect(planned.steps.map { $0.assignees.map(\.name) } == [["Andrew Fuller"], ["Andrew Fuller"], ["Steven Buchanan", "Andrew Fuller"],
                                                                         [], ["Andrew Fuller"], ["Michael Suyama"]],
                    "the preview has no field value, so that node falls back to the administrator; the choice is the requester's")
            #expect(planned.steps[3].note == "requesterChoice")
            // Michael's own route: without a choice the submission is refused and names the node.
            let route: FlowPreview = try await michael.post("/api/v1/approvals/instances/route", json: ApprovalSubmitRequest(formId: form.id, values: [:])).decode()
            #expect(route.steps.map(\.note)[3] == "requesterChoice")
            let unchosen = try await michael.post("/api/v1/approvals/instances", json: ApprovalSubmitRequest(formId: form.id, values: [:]))
            #expect(try unchosen.error.fields?.map(\.field) == ["chosenApprovers.chosen"])
            // Walk it: Andrew (level 2), Andrew (top), Steven then Andrew (chain, in order), Robert (chosen), Laura (field), Michael (himself).
            var now = instance
            for name in ["andrew.fuller", "andrew.fuller", "steven.buchanan", "andrew.fuller", "robert.king", "laura.callahan", "michael.suyama"] {
                let api = try await f.signIn(name)
                now = try await C.act(api, try await F.myTask(api, instance.summary.id), "approve").decode()
            }
            #expect(now.summary.state == .approved)
            #expect(Self.names(now) == [["Andrew Fuller"], ["Andrew Fuller"], ["Steven Buchanan", "Andrew Fuller"], ["Robert King"], ["Laura Callahan"],
                                        ["Michael Suyama"]])
        }
    }

    @Test("chosen by the previous approver: required when approving the step before, then that person decides")
    func previousApproverChooses() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await Self.form(f, [F.approver("m", [ApproverRule(kind: .manager)]), F.approver("next", [ApproverRule(kind: .previousApproverChoice)])])
            let request = try await C.submit(try await f.signIn("nancy.davolio"), form, [:])
            let task = try await F.myTask(f.admin, request.summary.id)
            #expect(try await F.detail(f.admin, request.summary.id).choosesNextApprovers)
            #expect(try await F.detail(try await f.signIn("nancy.davolio"), request.summary.id).choosesNextApprovers == false)
            let missing = try await f.admin.post("/api/v1/approvals/tasks/\(task)/approve", json: ApprovalDecisionRequest())
            #expect(missing.status == .unprocessableEntity)
            #expect(try missing.error.fields?.map(\.field) == ["nextApprovers"])
            #expect(try await F.detail(f.admin, request.summary.id).steps[0].state == .active, "nothing changed")
            let chosen: ApprovalInstanceDTO = try await f.admin.post("/api/v1/approvals/tasks/\(task)/approve",
                                                                     json: ApprovalDecisionRequest(nextApprovers: [f.id("margaret.peacock")])).decode()
            #expect(Self.names(chosen) == [["Andrew Fuller"], ["Margaret Peacock"]])
        }
    }

    @Test("会签 quorum: 2 of 3 by count, 50 % of 3 rounds up to 2; then the third person's task closes")
    func quorum() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            for minimum in [MinimumApprovals(count: 2), MinimumApprovals(percent: 50)] {
                let form = try await Self.form(f, [FlowNode(id: "all", type: .approver, approvers: [f.users("janet.leverling", "margaret.peacock", "laura.callahan")],
                                                            mode: .all, minimum: minimum)])
                let request = try await C.submit(try await f.signIn("nancy.davolio"), form, [:])
                let janet = try await f.signIn("janet.leverling"), margaret = try await f.signIn("margaret.peacock")
                var now: ApprovalInstanceDTO = try await C.act(janet, try await F.myTask(janet, request.summary.id), "approve").decode()
                #expect(now.summary.state == .pending)
                now = try await C.act(margaret, try await F.myTask(margaret, request.summary.id), "approve").decode()
                #expect(now.summary.state == .approved, "\(minimum)")
                #expect(now.steps[0].tasks.map(\.state) == [.approved, .approved, .closed])
            }
        }
    }

    @Test("planning rules: requester is approver → auto-approve; nobody found → auto-approve")
    func planningRules() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await Self.form(f, [
                F.approver("both", [f.users("nancy.davolio", "janet.leverling")], mode: .all, rules: NodeRules(requesterIsApprover: .autoApprove)),
                F.approver("own", [f.users("nancy.davolio")], rules: NodeRules(requesterIsApprover: .autoApprove)),
                F.approver("far", [ApproverRule(kind: .departmentHead, level: 9)], rules: NodeRules(noApprover: .autoApprove)),
            ])
            let request = try await C.submit(try await f.signIn("nancy.davolio"), form, [:])
            #expect(Self.names(request) == [["Janet Leverling"], [], []])
            #expect(request.steps.map(\.state) == [.active, .approved, .approved])
            #expect(request.timeline.compactMap(\.text) == ["Approved automatically: the requester is the approver.",
                                                             "Approved automatically: nobody found for this step."])
        }
    }

    @Test("conditions on the requester, department, an option, a date and the sum of detail lines")
    func conditions() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let departments = try await f.admin.get("/api/v1/org/departments").decode([DepartmentDTO].self)
            let uk = try #require(departments.first { $0.name == "Sales UK" }).id
            func branch(_ id: String, _ priority: Int, _ condition: FlowCondition) -> FlowBranch {
                FlowBranch(id: id, name: id, priority: priority, conditions: [condition], nodes: [F.approver("n-\(id)", [f.users("janet.leverling")])])
            }
            let form = try await Self.form(f, [FlowNode(id: "c", type: .condition, branches: [
                branch("laura", 1, FlowCondition(subject: "requester", op: .eq, values: [f.id("laura.callahan").uuidString])),
                branch("uk", 2, FlowCondition(subject: "department", op: .in, values: [uk.uuidString])),
                branch("it", 3, FlowCondition(subject: "field.kind", op: .eq, values: ["it"])),
                branch("soon", 4, FlowCondition(subject: "field.needed", op: .lt, values: ["2026-12-15"])),
                branch("big", 5, FlowCondition(subject: "sum(items.amount)", op: .between, values: ["1000", "2000.50"])),
                FlowBranch(id: "default", name: "default", priority: 99, isDefault: true, nodes: [F.approver("n-default", [f.users("margaret.peacock")])]),
            ])])
            func taken(_ who: String, _ values: [String: FormValue]) async throws -> String {
                let request = try await C.submit(try await f.signIn(who), form, values)
                return request.steps.first?.nodeId ?? "none"
            }
            func items(_ amounts: String...) -> FormValue { .array(amounts.map { .object(["what": .string("x"), "amount": .string($0)]) }) }
            #expect(try await taken("laura.callahan", ["kind": .string("it")]) == "n-laura")
            #expect(try await taken("robert.king", ["kind": .string("it")]) == "n-uk")
            #expect(try await taken("nancy.davolio", ["kind": .string("it")]) == "n-it")
            #expect(try await taken("nancy.davolio", ["kind": .string("office"), "needed": .string("2026-12-01")]) == "n-soon")
            #expect(try await taken("nancy.davolio", ["needed": .string("2026-12-15"), "items": items("600.25", "400.25", "1000.00")]) == "n-big")
            #expect(try await taken("nancy.davolio", ["items": items("2000.51")]) == "n-default")
        }
    }
}
