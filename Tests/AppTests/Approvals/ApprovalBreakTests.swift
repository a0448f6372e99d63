import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Defects found by attacking the approvals engine through its API (issue 4 review), each
/// kept as a test of the behaviour the cases and the contract ask for.
@Suite("Approval break reproductions")
struct ApprovalBreakTests {
    typealias F = ApprovalFixtures
    typealias C = ApprovalCaseTests

    private static func openTasks(_ detail: ApprovalInstanceDTO) -> [ApprovalTaskDTO] {
        detail.steps.flatMap(\.tasks).filter { $0.state == .open }
    }

    @Test("BREAK-1 P-01: the no-approver fallback (approval administrator) hands the requester their own request")
    func administratorFallbackIsRequester() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            // Andrew has no manager: "manager level 1" finds nobody → default rule: the administrator = Andrew.
            let form = try await C.leaveForm(f, [F.approver("mgr", [ApproverRule(kind: .manager, level: 1)])])
            let request = try await C.submit(f.admin, form, ["days": .number("1")])
            #expect(!Self.openTasks(request).contains { $0.assignee.id == f.id("andrew.fuller") })
            if let task = request.summary.myTaskId {
                let answer = try await C.act(f.admin, task, "approve")
                #expect(answer.status == .forbidden)
            }
        }
    }

    @Test("BREAK-2 P-01: the previous approver can choose the requester as next approver (previousApproverChoice)")
    func previousApproverChoosesRequester() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await C.leaveForm(f, [F.approver("one", [f.users("janet.leverling")]),
                                                 F.approver("two", [ApproverRule(kind: .previousApproverChoice)])])
            let nancy = try await f.signIn("nancy.davolio"), janet = try await f.signIn("janet.leverling")
            let request = try await C.submit(nancy, form, ["days": .number("1")])
            let chose = try await janet.post("/api/v1/approvals/tasks/\(try await F.myTask(janet, request.summary.id))/approve",
                                             json: ApprovalDecisionRequest(nextApprovers: [f.id("nancy.davolio")]))
            #expect(chose.status == .unprocessableEntity)
            let now = try await F.detail(nancy, request.summary.id)
            if let own = now.summary.myTaskId {
                let answer = try await C.act(nancy, own, "approve")
                #expect(answer.status == .forbidden)
            }
        }
    }

    @Test("BREAK-3 P-01: an approver's delegate who is the requester approves their own request")
    func delegateIsRequester() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await C.leaveForm(f, [F.approver("one", [f.users("janet.leverling")])])
            let nancy = try await f.signIn("nancy.davolio"), janet = try await f.signIn("janet.leverling")
            let request = try await C.submit(nancy, form, ["days": .number("1")])
            let task = try await F.myTask(janet, request.summary.id)
            // Janet goes on leave and delegates to Nancy (her colleague, who happens to be the requester).
            let delegation = try await janet.post("/api/v1/approvals/delegations", json: ApprovalDelegationDTO(
                userId: f.id("janet.leverling"), delegateId: f.id("nancy.davolio"), startsOn: "2000-01-01", endsOn: "2999-12-31"))
            #expect(delegation.status == .created)
            let answer = try await C.act(nancy, task, "approve")
            #expect(answer.status == .forbidden)
        }
    }

    @Test("BREAK-4 P-01: a deactivated approver's task goes to their manager even when that manager is the requester")
    func deactivatedApproverReassignedToRequester() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await C.leaveForm(f, [F.approver("one", [f.users("laura.callahan")])])
            let users: Page<UserDTO> = try await f.admin.get("/api/v1/auth/users?q=laura.callahan@").decode()
            let laura = try #require(users.items.first)
            #expect(try await f.admin.send(.PATCH, "/api/v1/auth/users/\(laura.id)", json: UserUpdate(version: laura.version, active: false)).status == .ok)
            // Laura reports to Andrew; Andrew submits.
            let request = try await C.submit(f.admin, form, ["days": .number("1")])
            #expect(!Self.openTasks(request).contains { $0.assignee.id == f.id("andrew.fuller") })
        }
    }

    @Test("BREAK-5 会签 quorum: transferring to someone who already holds a task in the step gives them two votes")
    func transferDoubleVote() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await C.leaveForm(f, [FlowNode(id: "board", type: .approver, name: "Board",
                                                          approvers: [f.users("janet.leverling", "margaret.peacock", "laura.callahan")],
                                                          mode: .all, minimum: MinimumApprovals(count: 2))])
            let nancy = try await f.signIn("nancy.davolio")
            let janet = try await f.signIn("janet.leverling"), margaret = try await f.signIn("margaret.peacock")
            let request = try await C.submit(nancy, form, ["days": .number("1")])
            let moved = try await janet.post("/api/v1/approvals/tasks/\(try await F.myTask(janet, request.summary.id))/transfer",
                                             json: ApprovalTransferRequest(to: f.id("margaret.peacock")))
            #expect(moved.status == .unprocessableEntity)
            for _ in 0..<2 {
                guard let task = try await F.detail(margaret, request.summary.id).summary.myTaskId else { break }
                _ = try await C.act(margaret, task, "approve")
            }
            let now = try await F.detail(nancy, request.summary.id)
            #expect(now.summary.state == .pending)
        }
    }

    @Test("BREAK-6 branches: a returned request resubmitted with a larger amount resumes on the small-amount branch")
    func resubmitAfterReturnKeepsOldBranch() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let small = FlowBranch(id: "small", priority: 1, conditions: [FlowCondition(subject: "field.amount", op: .le, values: ["5000"])],
                                   nodes: [F.approver("m1", [f.users("janet.leverling")])])
            let big = FlowBranch(id: "big", priority: 2, isDefault: true,
                                 nodes: [F.approver("m2", [f.users("janet.leverling")]), F.approver("finance", [f.users("margaret.peacock")])])
            let form = try await C.amountForm(f, name: "Expense", [FlowNode(id: "c", type: .condition, branches: [small, big])])
            let nancy = try await f.signIn("nancy.davolio"), janet = try await f.signIn("janet.leverling")
            let request = try await C.submit(nancy, form, ["amount": .string("100.00")])
            let back: ApprovalInstanceDTO = try await janet.post("/api/v1/approvals/tasks/\(try await F.myTask(janet, request.summary.id))/return",
                                                                 json: ApprovalReturnRequest(comment: "add the receipt")).decode()
            let resumed: ApprovalInstanceDTO = try await nancy.send(.PATCH, "/api/v1/approvals/instances/\(request.summary.id)",
                                                                    json: ApprovalEditRequest(values: ["amount": .string("1000000.00")], version: back.version)).decode()
            let done: ApprovalInstanceDTO = try await C.act(janet, try await F.myTask(janet, request.summary.id), "approve").decode()
            #expect(done.summary.state == .pending && resumed.steps.contains { $0.nodeId == "finance" })
        }
    }

    @Test("BREAK-7 gate: withdrawing a stale returned instance sends an order back to draft while its new approval runs")
    func staleReturnedInstanceResetsOrder() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            try await f.flow("sales.order", [F.approver("manager", [ApproverRule(kind: .manager, level: 1)])])
            let nancy = try await f.signIn("nancy.davolio")
            let order: OrderDetail = try await nancy.post("/api/v1/sales/orders", json: try await OrderFixtures.load(nancy).input()).decode()
            let id = order.order.id
            _ = try await nancy.send(.POST, "/api/v1/sales/orders/\(id)/confirm")
            var todo: Page<ApprovalSummaryDTO> = try await f.admin.get("/api/v1/approvals/instances?box=todo").decode()
            let first = try #require(todo.items.first { $0.documentId == id })
            #expect(try await f.admin.post("/api/v1/approvals/tasks/\(try #require(first.myTaskId))/return", json: ApprovalReturnRequest()).status == .ok)
            // Order is draft again; confirming starts a second instance while the first stays "returned".
            #expect(try await nancy.send(.POST, "/api/v1/sales/orders/\(id)/confirm").status == .ok)
            // Confirming again replaced the returned request: it is void and cannot be withdrawn.
            let withdraw = try await nancy.post("/api/v1/approvals/instances/\(first.id)/withdraw", json: ApprovalDecisionRequest())
            #expect(withdraw.status == .conflict)
            #expect(try await F.detail(nancy, first.id).summary.state == .voided)
            let afterWithdraw: OrderDetail = try await nancy.get("/api/v1/sales/orders/\(id)").decode()
            #expect(afterWithdraw.order.state == "pending")
            todo = try await f.admin.get("/api/v1/approvals/instances?box=todo").decode()
            let second = try #require(todo.items.first { $0.documentId == id })
            #expect(try await f.admin.post("/api/v1/approvals/tasks/\(try #require(second.myTaskId))/approve", json: ApprovalDecisionRequest()).status == .ok)
            let final: OrderDetail = try await nancy.get("/api/v1/sales/orders/\(id)").decode()
            #expect(final.order.state == "confirmed")
        }
    }

    @Test("BREAK-8 reading: a delegation that ended (or has not started) still opens the delegator's instances")
    func expiredDelegationGrantsRead() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await C.leaveForm(f, [F.approver("one", [f.users("janet.leverling")])])
            let nancy = try await f.signIn("nancy.davolio"), janet = try await f.signIn("janet.leverling"), robert = try await f.signIn("robert.king")
            let request = try await C.submit(nancy, form, ["days": .number("1"), "reason": .string("medical")])
            #expect(try await robert.get("/api/v1/approvals/instances/\(request.summary.id)").status == .notFound)
            #expect(try await janet.post("/api/v1/approvals/delegations", json: ApprovalDelegationDTO(
                userId: f.id("janet.leverling"), delegateId: f.id("robert.king"), startsOn: "2001-01-01", endsOn: "2001-01-02")).status == .created)
            let read = try await robert.get("/api/v1/approvals/instances/\(request.summary.id)")
            #expect(read.status == .notFound)
        }
    }

    @Test("BREAK-9 cross-check: attachment fields accept file ids that are not files of the company")
    func attachmentFieldUnknownFile() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form: ApprovalFormDTO = try await f.admin.post("/api/v1/approvals/forms", json: NewApprovalFormRequest(
                name: "With file", schema: FormSchema(fields: [FormField(key: "files", type: .attachment, label: "Files")]))).decode()
            try await f.flow("form.\(form.id)", [F.approver("one", [f.users("janet.leverling")])])
            let nancy = try await f.signIn("nancy.davolio")
            let answer = try await nancy.post("/api/v1/approvals/instances", json: ApprovalSubmitRequest(
                formId: form.id, values: ["files": .array([.string(UUID().uuidString)])]))
            #expect(answer.status == .unprocessableEntity)
        }
    }
}
