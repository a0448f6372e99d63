import AfieldAPI
import AfieldTesting
import Foundation
import Platform
import Testing

/// The home workbench (issue 9 point 4): to-dos, the create shortcuts a person uses most and a
/// few figures, each declared by its module, limited to what the caller may see, every "which
/// month" and "which day" in the caller's time zone (Northwind: America/Los_Angeles).
@Suite("Workbench")
struct WorkbenchTests {
    static let nancy = "nancy.davolio@northwind.example"

    /// 2026-12-01 05:00 UTC is still 30 November (21:00) in Los Angeles.
    static let lastEveningOfNovember = Date(timeIntervalSince1970: 1_796_101_200)

    static func order(_ api: APIClient, on day: String, amount: String, confirm: Bool = true) async throws -> OrderDetail {
        let customer = try #require(try await api.get("/api/v1/partners/customers?limit=1").decode(Page<PartnerSummary>.self).items.first)
        let product = try #require(try await api.get("/api/v1/products/products?q=NW-1&limit=100").decode(Page<ProductDTO>.self).items.first { $0.sku == "NW-1" })
        let input = OrderInput(customerId: customer.id, orderDate: day, lines: [OrderLineInput(productId: product.id, quantity: "1", unitPrice: DecimalText(amount))])
        let answer = try await api.post("/api/v1/sales/orders", json: input)
        #expect(answer.status == .created, "\(answer.text)")
        let draft: OrderDetail = try answer.decode()
        if confirm { #expect(try await api.send(.POST, "/api/v1/sales/orders/\(draft.order.id)/confirm").status == .ok) }
        return draft
    }

    @Test("my sales this month against last month: the month is the user's, so an order of 30 November counts in November until midnight in Los Angeles")
    func monthInUsersTimeZone() async throws {
        let clock = ManualClock(Self.lastEveningOfNovember)
        try await withAfield(clock: clock.clock) { _, client in
            let nancy = try await client.signedIn(Self.nancy)
            _ = try await Self.order(nancy, on: "2026-11-30", amount: "100.00")
            _ = try await Self.order(nancy, on: "2026-10-31", amount: "40.00")
            _ = try await Self.order(nancy, on: "2026-11-02", amount: "25.50", confirm: false)  // a draft is not a sale
            var bench: WorkbenchDTO = try await nancy.get("/api/v1/workbench").decode()
            var mine = try #require(bench.kpis.first { $0.id == "sales.my_sales_month" })
            #expect(mine == WorkbenchKPIDTO(id: "sales.my_sales_month", title: "My sales this month", value: "100.00", previous: "40.00",
                                            currency: "USD", period: "2026-11", previousPeriod: "2026-10", changePercent: "150.0", path: "/orders"))
            let count = try #require(bench.kpis.first { $0.id == "sales.orders_month" })
            #expect((count.value, count.previous, count.changePercent) == ("1", "1", "0.0"))

            // Three hours later it is 1 December in Los Angeles: a new month with nothing sold yet.
            clock.advance(3 * 3600)
            bench = try await nancy.get("/api/v1/workbench").decode()
            mine = try #require(bench.kpis.first { $0.id == "sales.my_sales_month" })
            #expect((mine.value, mine.previous, mine.period, mine.changePercent) == ("0.00", "100.00", "2026-12", "-100.0"))
        }
    }

    @Test("to-dos: orders past their required date under the caller's scope, oldest first; my own drafts only; approvals waiting for me")
    func todos() async throws {
        let clock = ManualClock(Self.lastEveningOfNovember)
        try await withAfield(clock: clock.clock) { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(Self.nancy)
            // Every confirmed Northwind order was needed in 1996–1998: all are late.
            let adminConfirmed: Page<OrderSummary> = try await admin.get("/api/v1/sales/orders?state=confirmed&limit=1").decode()
            let nancyConfirmed: Page<OrderSummary> = try await nancy.get("/api/v1/sales/orders?state=confirmed&limit=1").decode()
            var bench: WorkbenchDTO = try await admin.get("/api/v1/workbench").decode()
            let late = try #require(bench.todos.first { $0.id == "sales.overdue" })
            #expect(late.count == adminConfirmed.total)
            #expect(late.overdue)
            #expect(late.items.count == 5)
            let days = late.items.compactMap(\.day)
            #expect(days == days.sorted())
            let nancyBench: WorkbenchDTO = try await nancy.get("/api/v1/workbench").decode()
            #expect(nancyBench.todos.first { $0.id == "sales.overdue" }?.count == nancyConfirmed.total)
            #expect(nancyConfirmed.total < adminConfirmed.total)

            // Nancy's draft is on her list, not on the administrator's.
            let draft = try await Self.order(nancy, on: "2026-11-30", amount: "10.00", confirm: false)
            let drafts = try #require(try await nancy.get("/api/v1/workbench").decode(WorkbenchDTO.self).todos.first { $0.id == "sales.drafts" })
            #expect(drafts.count == 1)
            #expect(drafts.items.map(\.id) == [draft.order.id])
            #expect(drafts.items.first?.path == "/orders/\(draft.order.id.uuidString.lowercased())")
            bench = try await admin.get("/api/v1/workbench").decode()
            #expect(!bench.todos.contains { $0.id == "sales.drafts" })

            // Michael asks for a payment; Steven, his manager, has it waiting.
            let michael = try await client.signedIn("michael.suyama@northwind.example")
            let request = try await michael.submitDemoPaymentRequest()
            let steven = try await client.signedIn("steven.buchanan@northwind.example")
            let waiting = try #require(try await steven.get("/api/v1/workbench").decode(WorkbenchDTO.self).todos.first { $0.id == "approvals.waiting" })
            #expect(waiting.count == 1)
            #expect(waiting.items.map(\.id) == [request.summary.id])
            #expect(waiting.items.first?.subtitle == "Michael Suyama")
            // The day it was submitted, in Los Angeles (the engine stamps submissions with the system clock).
            #expect(waiting.items.first?.day == CalendarDay.string(for: request.summary.submittedAt, in: TimeZone(identifier: "America/Los_Angeles")!))
            #expect(try await steven.get("/api/v1/workbench").decode(WorkbenchDTO.self).todos.first?.id == "approvals.waiting", "deciding comes first")
            #expect(!(try await michael.get("/api/v1/workbench").decode(WorkbenchDTO.self).todos.contains { $0.id == "approvals.waiting" }))
        }
    }

    @Test("shortcuts: what I create most comes first; one I may not use is not offered; titles in my language")
    func shortcuts() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn(Self.nancy)
            var bench: WorkbenchDTO = try await nancy.get("/api/v1/workbench").decode()
            #expect(bench.shortcuts.map(\.id) == ["partners.customer.new", "sales.order.new", "approvals.request.new"])
            #expect(bench.shortcuts.allSatisfy { $0.uses == 0 })
            _ = try await Self.order(nancy, on: "2026-11-30", amount: "10.00", confirm: false)
            _ = try await Self.order(nancy, on: "2026-11-30", amount: "12.00", confirm: false)
            bench = try await nancy.get("/api/v1/workbench").decode()
            #expect(bench.shortcuts.map(\.id) == ["sales.order.new", "partners.customer.new", "approvals.request.new"])
            #expect(bench.shortcuts.first?.uses == 2)
            #expect(bench.shortcuts.first?.path == "/orders/new")
            let zh: WorkbenchDTO = try await nancy.inLanguage("zh-CN").get("/api/v1/workbench").decode()
            #expect(zh.shortcuts.map(\.title) == ["新建订单", "新建客户", "发起审批"])

            // An API token for reports reaches the workbench with nothing on it.
            let made: NewTokenResponse = try await nancy.post("/api/v1/auth/tokens", json: NewTokenRequest(name: "reports", permissions: ["sales.report.read"])).decode()
            var reports = APIClient(app: nancy.app)
            reports.token = made.token
            #expect(try await reports.get("/api/v1/workbench").decode(WorkbenchDTO.self) == WorkbenchDTO(todos: [], shortcuts: [], kpis: []))
        }
    }
}
