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
