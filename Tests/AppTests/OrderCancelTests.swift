import AfieldAPI
import AfieldTesting
import Foundation
import Platform
import Testing

/// Issue 8 point 7.1: cancelling sales orders (`POST /api/v1/sales/orders/{id}/cancel`) through
/// the order's transition table, with the version read, audited, within the data scope, and out
/// of the sales reports.
@Suite("Sales order cancellation")
struct OrderCancelTests {
    private func cancel(_ api: APIClient, _ order: OrderSummary, version: Int? = nil) async throws -> APIClient.Answer {
        try await api.send(.POST, "/api/v1/sales/orders/\(order.id)/cancel", raw: #"{"version":\#(version ?? order.version)}"#)
    }

    @Test("a draft is cancelled once with the version read; a stale version or a second cancel is 409 with the order as it is")
    func cancelDraft() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let draft: OrderDetail = try await api.post("/api/v1/sales/orders", json: try await OrderFixtures.load(api).input()).decode()
            let stale = try await cancel(api, draft.order, version: draft.order.version + 5)
            #expect(stale.status == .conflict)
            #expect(try stale.error.code == "conflict.stale_version")
            #expect(stale.text.contains(#""state":"draft""#), "the current order comes with the 409")

            let missing = try await api.send(.POST, "/api/v1/sales/orders/\(draft.order.id)/cancel", raw: "{}")
            #expect(missing.status == .unprocessableEntity)
            #expect(try missing.error.fields?.map(\.field) == ["version"])

            let answer = try await cancel(api, draft.order)
            #expect(answer.status == .ok, "\(answer.text)")
            let cancelled: OrderDetail = try answer.decode()
            #expect(cancelled.order.state == "cancelled")
            #expect(cancelled.order.version == draft.order.version + 1)

            let again = try await cancel(api, cancelled.order)
            #expect(again.status == .conflict)
            #expect(try again.error.code == "sales.order.invalid_transition")
            #expect(again.text.contains(#""state":"cancelled""#))
            #expect(try await api.send(.POST, "/api/v1/sales/orders/\(draft.order.id)/confirm").status == .conflict, "a cancelled order stays cancelled")

            let history: [AuditEntryDTO] = try await api.get("/api/v1/sales/orders/\(draft.order.id)/history").decode()
            #expect(history.first?.action == "cancel")
            #expect(history.first?.changes["state"] == .init(before: "draft", after: "cancelled"))
            let cancelledList: Page<OrderSummary> = try await api.get("/api/v1/sales/orders?state=cancelled").decode()
            #expect(cancelledList.items.map(\.id).contains(draft.order.id))
        }
    }

    @Test("a confirmed order is cancelled and leaves the sales reports; a delivered one cannot be cancelled")
    func cancelConfirmed() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let draft: OrderDetail = try await api.post("/api/v1/sales/orders", json: try await OrderFixtures.load(api).input(quantity: "10")).decode()
            let confirmed: OrderDetail = try await api.send(.POST, "/api/v1/sales/orders/\(draft.order.id)/confirm").decode()
            #expect(confirmed.order.state == "confirmed")
            let counted: SalesByYearReport = try await api.get("/api/v1/sales/reports/sales-by-year").decode()
            #expect(counted.rows.last?.year == 2026)
            let byPerson: SalesBySalespersonReport = try await api.get("/api/v1/sales/reports/sales-by-salesperson?year=2026").decode()
            #expect(byPerson.total == "180.00")

            let answer = try await cancel(api, confirmed.order)
            #expect(answer.status == .ok, "\(answer.text)")
            #expect(try answer.decode(OrderDetail.self).order.state == "cancelled")
            let after: SalesByYearReport = try await api.get("/api/v1/sales/reports/sales-by-year").decode()
            #expect(after.rows.map(\.year) == [1996, 1997, 1998], "a cancelled order is not a sale")
            let byCategory: SalesByCategoryReport = try await api.get("/api/v1/sales/reports/sales-by-category?year=2026").decode()
            #expect(byCategory.rows.isEmpty)

            let delivered: Page<OrderSummary> = try await api.get("/api/v1/sales/orders?state=delivered&limit=1").decode()
            let refused = try await cancel(api, try #require(delivered.items.first))
            #expect(refused.status == .conflict)
            #expect(try refused.error.code == "sales.order.invalid_transition")
        }
    }

    @Test("cancelling an order awaiting approval voids its approval: it leaves the approver's inbox and its timeline says why")
    func cancelPending() async throws {
        try await withAfield { _, client in
            let f = try await ApprovalFixtures.load(client)
            try await f.flow("sales.order", [ApprovalFixtures.approver("manager", [ApproverRule(kind: .manager, level: 1)])])
            let nancy = try await f.signIn("nancy.davolio")
            let draft: OrderDetail = try await nancy.post("/api/v1/sales/orders", json: try await OrderFixtures.load(nancy).input()).decode()
            let pending: OrderDetail = try await nancy.send(.POST, "/api/v1/sales/orders/\(draft.order.id)/confirm").decode()
            #expect(pending.order.state == "pending")
            let todo: Page<ApprovalSummaryDTO> = try await f.admin.get("/api/v1/approvals/instances?box=todo").decode()
            let item = try #require(todo.items.first { $0.documentId == draft.order.id })

            let answer = try await cancel(nancy, pending.order)
            #expect(answer.status == .ok, "\(answer.text)")
            #expect(try answer.decode(OrderDetail.self).order.state == "cancelled")
            let instance: ApprovalInstanceDTO = try await f.admin.get("/api/v1/approvals/instances/\(item.id)").decode()
            #expect(instance.summary.state == .voided)
            #expect(instance.timeline.contains { $0.text == "Voided: the sales order was cancelled." })
            let after: Page<ApprovalSummaryDTO> = try await f.admin.get("/api/v1/approvals/instances?box=todo").decode()
            #expect(!after.items.contains { $0.documentId == draft.order.id }, "nothing left to decide")
            let approve = try await f.admin.post("/api/v1/approvals/tasks/\(try #require(item.myTaskId))/approve", json: ApprovalDecisionRequest(comment: "late"))
            #expect(approve.status.code >= 400, "the voided approval cannot be decided any more")
            let order: OrderDetail = try await nancy.get("/api/v1/sales/orders/\(draft.order.id)").decode()
            #expect(order.order.state == "cancelled")
        }
    }

    @Test("an order outside the caller's data scope is 404 and stays as it is")
    func outsideScope() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let draft: OrderDetail = try await admin.post("/api/v1/sales/orders", json: try await OrderFixtures.load(admin).input()).decode()
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let answer = try await cancel(nancy, draft.order)
            #expect(answer.status == .notFound)
            let same: OrderDetail = try await admin.get("/api/v1/sales/orders/\(draft.order.id)").decode()
            #expect(same.order.state == "draft")
            #expect(same.order.version == draft.order.version)
        }
    }

    @Test("two users cancelling the same version at once: exactly one wins")
    func concurrentCancel() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let draft: OrderDetail = try await api.post("/api/v1/sales/orders", json: try await OrderFixtures.load(api).input()).decode()
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for _ in 0..<2 { group.addTask { try await cancel(api, draft.order).status.code } }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }.sorted()
            }
            #expect(statuses == [200, 409])
        }
    }
}
