import AfieldAPI
import Vapor
import AfieldTesting
import Foundation
import Testing

/// Creating, pricing and confirming an order through the API.
@Suite("Sales order flow")
struct OrderFlowTests {
    @Test("preview prices per line; create numbers the draft; confirm moves it on once")
    func createAndConfirm() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let fixtures = try await OrderFixtures.load(api)
            let input = OrderInput(customerId: fixtures.customer, orderDate: "2026-11-29", freight: "5.50", lines: [
                OrderLineInput(productId: fixtures.product, quantity: "3", discountPercent: "5"),  // 18.00 × 3 × 0.95 = 51.30
                OrderLineInput(productId: fixtures.otherProduct, quantity: "1.5", unitPrice: "9.99", discountPercent: "12.5"),  // 13.111875 → 13.11
            ])
            let preview: OrderPreview = try await api.post("/api/v1/sales/orders/preview", json: input).decode()
            #expect(preview.lines.map(\.amount) == ["51.30", "13.11"])
            #expect(preview.untaxedTotal == "64.41")
            #expect(preview.total == "69.91")

            let created = try await api.post("/api/v1/sales/orders", json: input)
            #expect(created.status == .created)
            let draft: OrderDetail = try created.decode()
            #expect(draft.order.state == "draft")
            #expect(draft.order.number == "SO-2026-00001")
            #expect(draft.order.untaxedTotal == "64.41")
            #expect(draft.order.salespersonName == "Andrew Fuller")
            #expect(draft.shipTo.city == "Berlin")

            let second: OrderDetail = try await api.post("/api/v1/sales/orders", json: input).decode()
            #expect(second.order.number == "SO-2026-00002")

            let confirmed: OrderDetail = try await api.send(.POST, "/api/v1/sales/orders/\(draft.order.id)/confirm").decode()
            #expect(confirmed.order.state == "confirmed")
            #expect(confirmed.order.version == 2)

            let again = try await api.send(.POST, "/api/v1/sales/orders/\(draft.order.id)/confirm")
            #expect(again.status == .conflict)
            #expect(try again.error.code == "sales.order.invalid_transition")
        }
    }

    @Test("two users confirming the same draft at once: exactly one wins")
    func concurrentConfirm() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let other = try await client.signedIn("nancy.davolio@northwind.example")
            // Nancy is the salesperson, so the order is in her (own-records) scope too.
            let nancy = try #require(try await other.get("/api/v1/auth/me").decode(Me.self).employeeId)
            var input = try await OrderFixtures.load(api).input()
            input.salespersonId = nancy
            let draft: OrderDetail = try await api.post("/api/v1/sales/orders", json: input).decode()
            let path = "/api/v1/sales/orders/\(draft.order.id)/confirm"
            async let a = api.send(.POST, path)
            async let b = other.send(.POST, path)
            let statuses = try await [a.status.code, b.status.code].sorted()
            #expect(statuses == [200, 409])
        }
    }

    @Test("the confirmed order appears in the year's report, freight left out")
    func reportIncludesNewOrder() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            var input = try await OrderFixtures.load(api).input(quantity: "10")
            input.freight = "100.00"
            let draft: OrderDetail = try await api.post("/api/v1/sales/orders", json: input).decode()
            var report: SalesByYearReport = try await api.get("/api/v1/sales/reports/sales-by-year").decode()
            #expect(report.rows.map(\.year) == [1996, 1997, 1998], "drafts are not sales")
            _ = try await api.send(.POST, "/api/v1/sales/orders/\(draft.order.id)/confirm")
            report = try await api.get("/api/v1/sales/reports/sales-by-year").decode()
            #expect(report.rows.last?.year == 2026)
            #expect(report.rows.last?.amount == "180.00")
        }
    }

    @Test("list filters by state, days, customer and salesperson")
    func listFilters() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let unshipped: Page<OrderSummary> = try await api.get("/api/v1/sales/orders?state=confirmed&limit=50").decode()
            #expect(unshipped.total == 21)
            let july96: Page<OrderSummary> = try await api.get("/api/v1/sales/orders?from=1996-07-01&to=1996-07-31&limit=50").decode()
            #expect(july96.total == 22)
            #expect(july96.items.first?.orderDate == "1996-07-31")
            let fixtures = try await OrderFixtures.load(api)
            let alfki: Page<OrderSummary> = try await api.get("/api/v1/sales/orders?customer=\(fixtures.customer)").decode()
            #expect(alfki.total == 6)
            let people: Page<SalespersonDTO> = try await api.get("/api/v1/sales/salespeople").decode()
            let nancy = try #require(people.items.first { $0.name == "Nancy Davolio" })
            let hers: Page<OrderSummary> = try await api.get("/api/v1/sales/orders?salesperson=\(nancy.id)").decode()
            #expect(hers.total == 123)
            let bad = try await api.get("/api/v1/sales/orders?from=1996-13-01")
            #expect(bad.status == .unprocessableEntity)
        }
    }
}

@Suite("Cached answers")
struct CachedAnswerTests {
    @Test("lists and reports follow every write; an unchanged answer is a 304 for its ETag")
    func cacheFollowsWrites() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let before = try await api.get("/api/v1/sales/orders?limit=1")
            #expect(try before.decode(Page<OrderSummary>.self).total == 830)
            let tag = try #require(before.headers.first(name: .eTag))
            let again = try await api.send(.GET, "/api/v1/sales/orders?limit=1", headers: [("If-None-Match", tag)])
            #expect(again.status == .notModified)
            _ = try await api.post("/api/v1/sales/orders", json: try await OrderFixtures.load(api).input())
            let after = try await api.send(.GET, "/api/v1/sales/orders?limit=1", headers: [("If-None-Match", tag)])
            #expect(after.status == .ok)
            #expect(try after.decode(Page<OrderSummary>.self).total == 831)
            #expect(try after.decode(Page<OrderSummary>.self).items.first?.customerName == "Alfreds Futterkiste")
        }
    }
}
