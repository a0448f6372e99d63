import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// The cases of ../shared/cases/approvals.md, each with its exact expected outcome.
@Suite("Approval cases")
struct ApprovalCaseTests {
    typealias F = ApprovalFixtures

    /// A custom form "Leave request" with `days` (number) and `reason`, and its flow.
    static func leaveForm(_ f: F, _ nodes: [FlowNode]) async throws -> ApprovalFormDTO {
        let form: ApprovalFormDTO = try await f.admin.post("/api/v1/approvals/forms", json: NewApprovalFormRequest(
            name: "Leave request", schema: FormSchema(fields: [
                FormField(key: "days", type: .number, label: "Days", required: true, precision: 1),
                FormField(key: "reason", type: .text, label: "Reason"),
            ]))).decode()
        try await f.flow("form.\(form.id)", nodes)
        return form
    }

    /// A form with a money `amount`, and its flow.
    static func amountForm(_ f: F, name: String, _ nodes: [FlowNode]) async throws -> ApprovalFormDTO {
        let form: ApprovalFormDTO = try await f.admin.post("/api/v1/approvals/forms", json: NewApprovalFormRequest(
            name: name, schema: FormSchema(fields: [FormField(key: "amount", type: .money, label: "Amount", required: true)]))).decode()
        try await f.flow("form.\(form.id)", nodes)
        return form
    }

    static func submit(_ api: APIClient, _ form: ApprovalFormDTO, _ values: [String: FormValue]) async throws -> ApprovalInstanceDTO {
        let answer = try await api.post("/api/v1/approvals/instances", json: ApprovalSubmitRequest(formId: form.id, values: values))
        #expect(answer.status == .created, "\(answer.text)")
        return try answer.decode()
    }

    static func act(_ api: APIClient, _ task: UUID, _ action: String, comment: String? = nil) async throws -> APIClient.Answer {
        try await api.post("/api/v1/approvals/tasks/\(task)/\(action)", json: ApprovalDecisionRequest(comment: comment))
    }

    @Test("P-01 no self-approval: the requester holding every permission still gets 403 on the task named for U2; U2's delegate and an explicit rule may")
    func p01NoSelfApproval() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            // U1 = Andrew, administrator (holds every permission); the flow names U2 = Janet.
            let form = try await Self.leaveForm(f, [F.approver("u2", [f.users("janet.leverling")])])
            let request = try await Self.submit(f.admin, form, ["days": .number("2"), "reason": .string("family")])
            let task = try #require(request.steps[0].tasks.first).id
            #expect(request.steps[0].tasks.map(\.assignee.name) == ["Janet Leverling"])
            for action in ["approve", "reject"] {
                let answer = try await Self.act(f.admin, task, action)
                #expect(answer.status == .forbidden, "\(action)")
                #expect(try answer.error.code == "approvals.task.not_yours")
            }
            #expect(try await F.detail(f.admin, request.summary.id).summary.state == .pending, "nothing changed")

            // Janet delegates to Laura while away: Laura approves on Janet's behalf.
            let janet = try await f.signIn("janet.leverling")
            let today = ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "America/Los_Angeles")!, formatOptions: [.withFullDate])
            let delegation = try await janet.post("/api/v1/approvals/delegations", json: ApprovalDelegationDTO(
                userId: f.id("janet.leverling"), delegateId: f.id("laura.callahan"), startsOn: today, endsOn: today))
            #expect(delegation.status == .created)
            let laura = try await f.signIn("laura.callahan")
            let approved = try await Self.act(laura, task, "approve", comment: "for Janet")
            #expect(approved.status == .ok)
            let done: ApprovalInstanceDTO = try approved.decode()
            #expect(done.summary.state == .approved)
            let line = try #require(done.timeline.first { $0.action == "approve" })
            #expect(line.actor?.name == "Laura Callahan")
            #expect(line.onBehalfOf?.name == "Janet Leverling")

            // Nor through a delegation: Janet now delegates to Nancy, who then asks Janet for approval.
            let toLaura = try delegation.decode(ApprovalDelegationDTO.self)
            #expect(try await janet.send(.DELETE, "/api/v1/approvals/delegations/\(toLaura.id!)").status == .noContent)
            _ = try await janet.post("/api/v1/approvals/delegations", json: ApprovalDelegationDTO(
                userId: f.id("janet.leverling"), delegateId: f.id("nancy.davolio"), startsOn: today, endsOn: today))
            let nancy = try await f.signIn("nancy.davolio")
            let hers = try await Self.submit(nancy, form, ["days": .number("1")])
            #expect(hers.steps[0].tasks.map(\.assignee.name) == ["Janet Leverling"], "not delegated to the requester")
            let own = try await Self.act(nancy, hers.steps[0].tasks[0].id, "approve")
            #expect(own.status == .forbidden)
            #expect(try own.error.code == "approvals.task.not_yours")

            // A rule that says so: the requester may approve their own request.
            let allowing = try await Self.leaveForm(f, [F.approver("self", [f.users("andrew.fuller")], rules: NodeRules(requesterIsApprover: .allow))])
            let mine = try await Self.submit(f.admin, allowing, ["days": .number("1")])
            #expect(try await Self.act(f.admin, try #require(mine.summary.myTaskId), "approve").status == .ok)
        }
    }

    @Test("P-02 steps stay in order: U1, U2, U1 — U1's approval passes step 1 only; step 3 asks U1 again after U2")
    func p02StepsInOrder() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await Self.leaveForm(f, [F.approver("s1", [f.users("janet.leverling")]), F.approver("s2", [f.users("laura.callahan")]),
                                                    F.approver("s3", [f.users("janet.leverling")])])
            let nancy = try await f.signIn("nancy.davolio")
            let request = try await Self.submit(nancy, form, ["days": .number("3")])
            let janet = try await f.signIn("janet.leverling"), laura = try await f.signIn("laura.callahan")
            var now: ApprovalInstanceDTO = try await Self.act(janet, try await F.myTask(janet, request.summary.id), "approve").decode()
            #expect(now.steps.map(\.state) == [.approved, .active, .waiting])
            let janetTodo: ApprovalInboxCounts = try await janet.get("/api/v1/approvals/inbox/counts").decode()
            #expect(janetTodo.todo == 0, "step 3 waits for U2")
            now = try await Self.act(laura, try await F.myTask(laura, request.summary.id), "approve").decode()
            #expect(now.steps.map(\.state) == [.approved, .approved, .active])
            #expect(now.steps[2].tasks.map(\.state) == [.open], "U1 is asked again")
            now = try await Self.act(janet, try await F.myTask(janet, request.summary.id), "approve").decode()
            #expect(now.summary.state == .approved)
            #expect(now.timeline.filter { $0.action == "approve" }.map { $0.actor?.name ?? "" } == ["Janet Leverling", "Laura Callahan", "Janet Leverling"])
        }
    }

    @Test("P-03 consecutive duplicates collapse with \"approve once\": one approval by U3 completes both steps, and the timeline says so")
    func p03ApproveOnce() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await Self.leaveForm(f, [F.approver("a", [f.users("margaret.peacock")]),
                                                    F.approver("b", [f.users("margaret.peacock")], rules: NodeRules(sameApprover: .approveOnce))])
            let request = try await Self.submit(try await f.signIn("nancy.davolio"), form, ["days": .number("1")])
            let margaret = try await f.signIn("margaret.peacock")
            let done: ApprovalInstanceDTO = try await Self.act(margaret, try await F.myTask(margaret, request.summary.id), "approve").decode()
            #expect(done.summary.state == .approved)
            #expect(done.steps.map(\.state) == [.approved, .approved])
            let once = try #require(done.timeline.first { $0.action == "autoApprove" })
            #expect(once.text == "Approved once: the same person approved the previous step.")
            #expect(once.actor?.name == "Margaret Peacock")
            #expect(done.timeline.filter { $0.action == "approve" }.count == 1)
        }
    }

    @Test("P-04 editing an approved claim of 500.00 to 900.00 voids the approval, restarts from the first node, and keeps both rounds")
    func p04EditVoidsApproval() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await Self.amountForm(f, name: "Expense claim", [F.approver("manager", [ApproverRule(kind: .manager, level: 1)]),
                                                                             F.approver("finance", [f.users("janet.leverling")])])
            let nancy = try await f.signIn("nancy.davolio"), janet = try await f.signIn("janet.leverling")
            let claim = try await Self.submit(nancy, form, ["amount": .string("500.00")])
            _ = try await Self.act(f.admin, try await F.myTask(f.admin, claim.summary.id), "approve")
            let approved: ApprovalInstanceDTO = try await Self.act(janet, try await F.myTask(janet, claim.summary.id), "approve").decode()
            #expect(approved.summary.state == .approved)
            #expect(approved.values?["amount"] == .string("500.00"))

            let edited = try await nancy.send(.PATCH, "/api/v1/approvals/instances/\(claim.summary.id)",
                                              json: ApprovalEditRequest(values: ["amount": .string("900.00")], version: approved.version))
            #expect(edited.status == .ok, "\(edited.text)")
            let restarted: ApprovalInstanceDTO = try edited.decode()
            #expect(restarted.summary.state == .pending)
            #expect(restarted.round == 2)
            #expect(restarted.values?["amount"] == .string("900.00"))
            #expect(restarted.facts["amount"] == "900.00")
            let current = restarted.steps.filter { $0.round == 2 }
            #expect(current.map(\.nodeId) == ["manager", "finance"])
            #expect(current.map(\.state) == [.active, .waiting], "from the first node")
            #expect(restarted.steps.filter { $0.round == 1 }.map(\.state) == [.approved, .approved], "round 1 kept")
            #expect(restarted.timeline.map(\.action) == ["submit", "approve", "approve", "complete", "void", "resubmit"])
            #expect(restarted.timeline.first { $0.action == "void" }?.text == "Voided: the request was changed after it was submitted.")
            let stale = try await nancy.send(.PATCH, "/api/v1/approvals/instances/\(claim.summary.id)",
                                             json: ApprovalEditRequest(values: ["amount": .string("901.00")], version: approved.version))
            #expect(stale.status == .conflict)
        }
    }

    /// Branch A (priority 1) amount ≤ 5000 → manager; branch B (priority 2) amount > 5000 →
    /// manager, then finance 或签; default → administrator.
    static func p05Flow(_ f: F) -> [FlowNode] {
        [FlowNode(id: "amount", type: .condition, branches: [
            FlowBranch(id: "A", name: "up to 5,000", priority: 1, conditions: [FlowCondition(subject: "field.amount", op: .le, values: ["5000"])],
                       nodes: [F.approver("a-manager", [ApproverRule(kind: .manager, level: 1)])]),
            FlowBranch(id: "B", name: "over 5,000", priority: 2, conditions: [FlowCondition(subject: "field.amount", op: .gt, values: ["5000"])],
                       nodes: [F.approver("b-manager", [ApproverRule(kind: .manager, level: 1)]),
                               F.approver("b-finance", [ApproverRule(kind: .role, roleKey: "finance")], mode: .any)]),
            FlowBranch(id: "D", name: "other", priority: 99, isDefault: true, nodes: [F.approver("admin", [ApproverRule(kind: .role, roleKey: "administrator")])]),
        ])]
    }

    @Test("P-05 amount branches: 4,999.99 and 5,000.00 → only the manager; 5,000.01 → manager then F1/F2; F1's approval closes F2's task as decided by F1")
    func p05AmountBranches() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            try await f.setRoles("janet.leverling", ["sales", "finance"])
            try await f.setRoles("laura.callahan", ["sales", "finance"])
            let form = try await Self.amountForm(f, name: "Payment", Self.p05Flow(f))
            // Michael Suyama's manager is Steven Buchanan.
            let michael = try await f.signIn("michael.suyama")
            for amount in ["4999.99", "5000.00"] {
                let request = try await Self.submit(michael, form, ["amount": .string(amount)])
                #expect(request.steps.map(\.nodeId) == ["a-manager"], "\(amount)")
                #expect(request.steps[0].tasks.map(\.assignee.name) == ["Steven Buchanan"])
            }
            let big = try await Self.submit(michael, form, ["amount": .string("5000.01")])
            #expect(big.steps.map(\.nodeId) == ["b-manager", "b-finance"])
            let steven = try await f.signIn("steven.buchanan")
            let afterManager: ApprovalInstanceDTO = try await Self.act(steven, try await F.myTask(steven, big.summary.id), "approve").decode()
            #expect(Set(afterManager.steps[1].tasks.map(\.assignee.name)) == ["Janet Leverling", "Laura Callahan"])
            #expect(afterManager.steps[1].tasks.map(\.state) == [.open, .open])
            let janet = try await f.signIn("janet.leverling")
            let done: ApprovalInstanceDTO = try await Self.act(janet, try await F.myTask(janet, big.summary.id), "approve").decode()
            #expect(done.summary.state == .approved)
            let laurasTask = try #require(done.steps[1].tasks.first { $0.assignee.name == "Laura Callahan" })
            #expect(laurasTask.state == .closed)
            #expect(laurasTask.decidedBy?.name == "Janet Leverling")
        }
    }

    @Test("P-06 会签 with one rejection: B rejects → rejected at once, A's and C's tasks close, the order returns to draft")
    func p06AllWithRejection() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            try await f.flow("sales.order", [F.approver("all", [f.users("janet.leverling", "margaret.peacock", "laura.callahan")], mode: .all)])
            let order: OrderDetail = try await f.admin.post("/api/v1/sales/orders", json: try await OrderFixtures.load(f.admin).input()).decode()
            _ = try await f.admin.send(.POST, "/api/v1/sales/orders/\(order.order.id)/confirm")
            let instance = try await f.admin.get("/api/v1/approvals/instances?box=mine").decode(AfieldAPI.Page<ApprovalSummaryDTO>.self).items[0].id
            let margaret = try await f.signIn("margaret.peacock")
            let rejected: ApprovalInstanceDTO = try await Self.act(margaret, try await F.myTask(margaret, instance), "reject", comment: "no").decode()
            #expect(rejected.summary.state == .rejected)
            #expect(rejected.steps[0].state == .rejected)
            #expect(rejected.steps[0].tasks.map { "\($0.assignee.name): \($0.state.rawValue)" }
                    == ["Janet Leverling: closed", "Margaret Peacock: rejected", "Laura Callahan: closed"])
            let back: OrderDetail = try await f.admin.get("/api/v1/sales/orders/\(order.order.id)").decode()
            #expect(back.order.state == "draft")
            let janet = try await f.signIn("janet.leverling")
            let counts: ApprovalInboxCounts = try await janet.get("/api/v1/approvals/inbox/counts").decode()
            #expect(counts.todo == 0)
        }
    }

    @Test("P-07 race on 或签: F1 and F2 approve at once → exactly one decision; the other gets 409 already decided", arguments: 1...3)
    func p07Race(_ attempt: Int) async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await Self.amountForm(f, name: "Payment", [F.approver("finance", [f.users("janet.leverling", "laura.callahan")], mode: .any)])
            let request = try await Self.submit(try await f.signIn("nancy.davolio"), form, ["amount": .string("10.00")])
            let janet = try await f.signIn("janet.leverling"), laura = try await f.signIn("laura.callahan")
            let janetTask = try await F.myTask(janet, request.summary.id), lauraTask = try await F.myTask(laura, request.summary.id)
            async let first = Self.act(janet, janetTask, "approve")
            async let second = Self.act(laura, lauraTask, "approve")
            let answers = try await [first, second]
            #expect(answers.map(\.status.code).sorted() == [200, 409])
            let loser = try #require(answers.first { $0.status == .conflict })
            #expect(try loser.error.code == "approvals.task.already_decided")
            let done = try await F.detail(f.admin, request.summary.id)
            #expect(done.summary.state == .approved)
            #expect(done.timeline.filter { $0.action == "approve" }.count == 1)
            #expect(done.steps[0].tasks.map(\.state).sorted { $0.rawValue < $1.rawValue } == [.approved, .closed])
        }
    }

    @Test("P-08 the requester heads the department: with \"next manager up\" the task goes to the requester's manager")
    func p08RequesterIsHead() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await Self.leaveForm(f, [F.approver("head", [ApproverRule(kind: .departmentHead)], rules: NodeRules(requesterIsApprover: .nextManager))])
            // Steven Buchanan heads Sales UK and reports to Andrew Fuller.
            let request = try await Self.submit(try await f.signIn("steven.buchanan"), form, ["days": .number("1")])
            #expect(request.steps[0].tasks.map(\.assignee.name) == ["Andrew Fuller"])
            // Michael, in Steven's department, gets Steven.
            let michaels = try await Self.submit(try await f.signIn("michael.suyama"), form, ["days": .number("1")])
            #expect(michaels.steps[0].tasks.map(\.assignee.name) == ["Steven Buchanan"])
        }
    }

    @Test("the same approve sent twice with one Idempotency-Key applies once and answers the same")
    func idempotentApprove() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await Self.leaveForm(f, [F.approver("m", [ApproverRule(kind: .manager)]), F.approver("j", [f.users("janet.leverling")])])
            let request = try await Self.submit(try await f.signIn("nancy.davolio"), form, ["days": .number("1")])
            let task = try await F.myTask(f.admin, request.summary.id)
            let key = [("Idempotency-Key", "approve-\(task)")]
            let once = try await f.admin.send(.POST, "/api/v1/approvals/tasks/\(task)/approve", json: ApprovalDecisionRequest(comment: "ok"), headers: key)
            let twice = try await f.admin.send(.POST, "/api/v1/approvals/tasks/\(task)/approve", json: ApprovalDecisionRequest(comment: "ok"), headers: key)
            #expect(once.status == .ok)
            #expect(twice.status == .ok)
            #expect(once.body == twice.body)
            #expect(try await F.detail(f.admin, request.summary.id).timeline.filter { $0.action == "approve" }.count == 1)
        }
    }
}
