import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Sales orders through the approval gate (issue 4 point 4): confirming waits for the
/// company's flow; approval completes the confirmation, rejection returns the order to draft.
@Suite("Sales order approval")
struct SalesOrderApprovalTests {
    @Test("P-09 while pending nothing downstream happens: no confirmation, no edit, no report; approval confirms it")
    func pendingBlocksDownstream() async throws {
        try await withAfield { _, client in
            let f = try await ApprovalFixtures.load(client)
            try await f.flow("sales.order", [ApprovalFixtures.approver("manager", [ApproverRule(kind: .manager, level: 1)])])
            let nancy = try await f.signIn("nancy.davolio")
            let order: OrderDetail = try await nancy.post("/api/v1/sales/orders", json: try await OrderFixtures.load(nancy).input(quantity: "10")).decode()
            let confirmed = try await nancy.send(.POST, "/api/v1/sales/orders/\(order.order.id)/confirm")
            #expect(confirmed.status == .ok)
            #expect(try confirmed.decode(OrderDetail.self).order.state == "pending")

            // Nothing downstream: not confirmable again, not editable, not in the sales report.
            let again = try await nancy.send(.POST, "/api/v1/sales/orders/\(order.order.id)/confirm")
            #expect(again.status == .conflict)
            let edit = try await nancy.send(.PATCH, "/api/v1/sales/orders/\(order.order.id)",
                                            json: OrderUpdate(version: order.order.version + 1, notes: "changed"))
            #expect(edit.status == .conflict)
            let report: SalesByYearReport = try await f.admin.get("/api/v1/sales/reports/sales-by-year").decode()
            #expect(report.rows.map(\.year) == [1996, 1997, 1998], "a pending order is not a sale")

            // Andrew, Nancy's manager, approves from his inbox; the order is confirmed.
            let todo: Page<ApprovalSummaryDTO> = try await f.admin.get("/api/v1/approvals/instances?box=todo").decode()
            let item = try #require(todo.items.first { $0.documentId == order.order.id })
            #expect(item.subject == "sales.order")
            #expect(item.title.hasPrefix(order.order.number))
            let approved = try await f.admin.post("/api/v1/approvals/tasks/\(try #require(item.myTaskId))/approve", json: ApprovalDecisionRequest(comment: "ok"))
            #expect(approved.status == .ok)
            #expect(try approved.decode(ApprovalInstanceDTO.self).summary.state == .approved)
            let after: OrderDetail = try await nancy.get("/api/v1/sales/orders/\(order.order.id)").decode()
            #expect(after.order.state == "confirmed")
            let history: [AuditEntryDTO] = try await f.admin.get("/api/v1/sales/orders/\(order.order.id)/history").decode()
            #expect(history.map(\.action).prefix(2) == ["approve", "confirm"])
        }
    }

    @Test("a rejected order returns to draft and can be changed and confirmed again, starting a new approval")
    func rejectionReturnsToDraft() async throws {
        try await withAfield { _, client in
            let f = try await ApprovalFixtures.load(client)
            try await f.flow("sales.order", [ApprovalFixtures.approver("manager", [ApproverRule(kind: .manager, level: 1)])])
            let nancy = try await f.signIn("nancy.davolio")
            let order: OrderDetail = try await nancy.post("/api/v1/sales/orders", json: try await OrderFixtures.load(nancy).input()).decode()
            _ = try await nancy.send(.POST, "/api/v1/sales/orders/\(order.order.id)/confirm")
            let todo: Page<ApprovalSummaryDTO> = try await f.admin.get("/api/v1/approvals/instances?box=todo").decode()
            let task = try #require(todo.items.first?.myTaskId)
            #expect(try await f.admin.post("/api/v1/approvals/tasks/\(task)/reject", json: ApprovalDecisionRequest(comment: "price too low")).status == .ok)
            let back: OrderDetail = try await nancy.get("/api/v1/sales/orders/\(order.order.id)").decode()
            #expect(back.order.state == "draft")
            let edited = try await nancy.send(.PATCH, "/api/v1/sales/orders/\(order.order.id)", json: OrderUpdate(version: back.order.version, notes: "better price"))
            #expect(edited.status == .ok)
            let second = try await nancy.send(.POST, "/api/v1/sales/orders/\(order.order.id)/confirm")
            #expect(try second.decode(OrderDetail.self).order.state == "pending")
            let mine: Page<ApprovalSummaryDTO> = try await nancy.get("/api/v1/approvals/instances?box=mine").decode()
            #expect(mine.items.map(\.state) == [.pending, .rejected])
        }
    }

    /// Flows for sales orders that decide at submission, without anybody deciding.
    enum AtOnce: String, CaseIterable, Sendable {
        /// A condition group whose taken (default) branch has no approver node.
        case branchWithoutApprover
        /// An approver node that finds nobody, with the rule "no approver found → approve".
        case noApproverAutoApproves
        /// The requester is the node's only approver, with the rule "requester is approver → approve".
        case requesterIsApproverAutoApproves

        func nodes(_ f: ApprovalFixtures) -> [FlowNode] {
            switch self {
            case .branchWithoutApprover:
                [FlowNode(id: "big", type: .condition, branches: [
                    FlowBranch(id: "above", priority: 1, conditions: [FlowCondition(subject: "field.amount", op: .gt, values: ["1000000"])],
                               nodes: [ApprovalFixtures.approver("manager", [ApproverRule(kind: .manager)])]),
                    FlowBranch(id: "rest", priority: 2, isDefault: true, nodes: []),
                ])]
            case .noApproverAutoApproves:
                [ApprovalFixtures.approver("head", [ApproverRule(kind: .departmentHead, level: 5)], rules: NodeRules(noApprover: .autoApprove))]
            case .requesterIsApproverAutoApproves:
                [ApprovalFixtures.approver("self", [f.users("nancy.davolio")], rules: NodeRules(requesterIsApprover: .autoApprove))]
            }
        }
    }

    @Test("a flow that approves at once confirms the order at once, audited as the rule's decision, not the requester's",
          arguments: AtOnce.allCases)
    func approvedAtOnce(_ kind: AtOnce) async throws {
        try await withAfield { _, client in
            let f = try await ApprovalFixtures.load(client)
            try await f.flow("sales.order", kind.nodes(f))
            let nancy = try await f.signIn("nancy.davolio")
            let order: OrderDetail = try await nancy.post("/api/v1/sales/orders", json: try await OrderFixtures.load(nancy).input()).decode()
            let confirmed = try await nancy.send(.POST, "/api/v1/sales/orders/\(order.order.id)/confirm")
            #expect(confirmed.status == .ok)
            #expect(try confirmed.decode(OrderDetail.self).order.state == "confirmed", "\(kind)")

            // The order went through `pending` and on by the rule: the rule approved, Nancy confirmed.
            let history: [AuditEntryDTO] = try await f.admin.get("/api/v1/sales/orders/\(order.order.id)/history").decode()
            #expect(history.prefix(2).map { "\($0.action) \($0.changes["state"]?.before ?? "")→\($0.changes["state"]?.after ?? "") \($0.actorName)" }
                    == ["approve pending→confirmed Approval rule", "confirm draft→pending Nancy Davolio"])
            #expect(history.first?.actorId == nil)
            let mine: Page<ApprovalSummaryDTO> = try await nancy.get("/api/v1/approvals/instances?box=mine").decode()
            let instance = try #require(mine.items.first { $0.documentId == order.order.id })
            #expect(instance.state == .approved)
            let audit: Page<AuditEntryDTO> = try await f.admin.get("/api/v1/audit/entries?entity=approvals.instance&record=\(instance.id)").decode()
            #expect(audit.items.first { $0.action == "approve" }?.actorName == "Approval rule")
        }
    }

    @Test("every other ending reaches the order in the deciding transaction: withdrawn → draft; approved on a timeout → confirmed, by the timer")
    func everyEndingReachesTheOrder() async throws {
        try await withAfield { app, client in
            let f = try await ApprovalFixtures.load(client)
            try await f.flow("sales.order", [FlowNode(id: "manager", type: .approver, approvers: [ApproverRule(kind: .manager)],
                                                      timeout: NodeTimeout(actAfterHours: 2, action: .approve))])
            let nancy = try await f.signIn("nancy.davolio")
            let fixtures = try await OrderFixtures.load(nancy)
            let withdrawn: OrderDetail = try await nancy.post("/api/v1/sales/orders", json: fixtures.input()).decode()
            _ = try await nancy.send(.POST, "/api/v1/sales/orders/\(withdrawn.order.id)/confirm")
            let mine: Page<ApprovalSummaryDTO> = try await nancy.get("/api/v1/approvals/instances?box=mine").decode()
            let first = try #require(mine.items.first { $0.documentId == withdrawn.order.id })
            #expect(try await nancy.post("/api/v1/approvals/instances/\(first.id)/withdraw", json: ApprovalDecisionRequest()).status == .ok)
            #expect(try await nancy.get("/api/v1/sales/orders/\(withdrawn.order.id)").decode(OrderDetail.self).order.state == "draft")

            let timed: OrderDetail = try await nancy.post("/api/v1/sales/orders", json: fixtures.input()).decode()
            _ = try await nancy.send(.POST, "/api/v1/sales/orders/\(timed.order.id)/confirm")
            #expect(try await app.jobs.runDue(now: Date().addingTimeInterval(3 * 3600)) == 1)
            #expect(try await nancy.get("/api/v1/sales/orders/\(timed.order.id)").decode(OrderDetail.self).order.state == "confirmed")
            let history: [AuditEntryDTO] = try await f.admin.get("/api/v1/sales/orders/\(timed.order.id)/history").decode()
            #expect(history.first.map { "\($0.action) \($0.actorName)" } == "approve Approval timer")
        }
    }

    @Test("without a flow for sales orders, confirming confirms at once")
    func noFlowNoWait() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let order: OrderDetail = try await api.post("/api/v1/sales/orders", json: try await OrderFixtures.load(api).input()).decode()
            let confirmed: OrderDetail = try await api.send(.POST, "/api/v1/sales/orders/\(order.order.id)/confirm").decode()
            #expect(confirmed.order.state == "confirmed")
        }
    }
}
