import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Data scopes apply alike to lists, details, search, reports, exports and actions
/// (issue 3 point 5; case A-20 of ../shared/cases/access.md). Northwind: Nancy Davolio is a
/// sales user (own records); Steven Buchanan manages "Sales UK" (department and below);
/// Andrew Fuller is the administrator (everything).
@Suite("Data scopes")
struct DataScopeTests {
    static let nancy = "nancy.davolio@northwind.example"
    static let janet = "janet.leverling@northwind.example"
    static let steven = "steven.buchanan@northwind.example"

    @Test("a sales user sees only own orders in the list, the search, the detail, the report and the export")
    func ownOrders() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn(Self.nancy)
            let list: Page<OrderSummary> = try await nancy.get("/api/v1/sales/orders?limit=200").decode()
            #expect(list.total == 123)
            #expect(Set(list.items.compactMap(\.salespersonName)) == ["Nancy Davolio"])
            // 10248 was taken by Steven Buchanan: not findable, not readable, not confirmable.
            let admin = try await client.signedIn()
            let other = try await admin.get("/api/v1/sales/orders?q=10248").decode(Page<OrderSummary>.self).items[0]
            #expect(try await nancy.get("/api/v1/sales/orders?q=10248").decode(Page<OrderSummary>.self).total == 0)
            #expect(try await nancy.get("/api/v1/sales/orders/\(other.id)").status == .notFound)
            #expect(try await nancy.send(.POST, "/api/v1/sales/orders/\(other.id)/confirm").status == .notFound)
            let report: SalesBySalespersonReport = try await nancy.get("/api/v1/sales/reports/sales-by-salesperson").decode()
            #expect(report.rows.map(\.name) == ["Nancy Davolio"])
            #expect(report.total == "192107.67")
            let csv = try await nancy.get("/api/v1/sales/orders/export.csv")
            #expect(csv.status == .ok)
            let rows = csv.text.split(separator: "\r\n").dropFirst()
            #expect(rows.count == 123)
            #expect(!csv.text.contains("Steven Buchanan"))
        }
    }

    @Test("A-20 grouped figures exclude what another user entered for the same customer")
    func groupedReportsObeyScope() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(Self.nancy)
            let janet = try await client.signedIn(Self.janet)
            let customers: Page<PartnerSummary> = try await janet.get("/api/v1/partners/customers?limit=1").decode()
            let x = try #require(customers.items.first)
            let product = try await admin.get("/api/v1/products/products?q=NW-1&limit=100").decode(Page<ProductDTO>.self).items.first { $0.sku == "NW-1" }!
            // Janet (U2) books 1,000.00 on her customer X this year.
            let input = OrderInput(customerId: x.id, orderDate: "2026-11-29",
                                   lines: [OrderLineInput(productId: product.id, quantity: "1", unitPrice: "1000.00")])
            let draft: OrderDetail = try await janet.post("/api/v1/sales/orders", json: input).decode()
            #expect(try await janet.send(.POST, "/api/v1/sales/orders/\(draft.order.id)/confirm").status == .ok)
            // Nancy (U1) sees neither the order nor the money in any grouping.
            let byYear: SalesByYearReport = try await nancy.get("/api/v1/sales/reports/sales-by-year").decode()
            #expect(!byYear.rows.contains { $0.year == 2026 })
            #expect(byYear.total == "192107.67")
            let byCategory: SalesByCategoryReport = try await nancy.get("/api/v1/sales/reports/sales-by-category?year=2026").decode()
            #expect(byCategory.rows.isEmpty)
            #expect(try await nancy.get("/api/v1/sales/orders?customer=\(x.id)").decode(Page<OrderSummary>.self).items
                .allSatisfy { $0.salespersonName == "Nancy Davolio" })
            // The administrator sees Janet's 1,000.00.
            let all: SalesByYearReport = try await admin.get("/api/v1/sales/reports/sales-by-year").decode()
            #expect(all.rows.last?.year == 2026)
            #expect(all.rows.last?.amount == "1000.00")
        }
    }

    @Test("a manager sees the department and below; customers follow their account manager")
    func departmentScope() async throws {
        try await withAfield { _, client in
            let steven = try await client.signedIn(Self.steven)
            let orders: Page<OrderSummary> = try await steven.get("/api/v1/sales/orders").decode()
            #expect(orders.total == 224)
            let people: SalesBySalespersonReport = try await steven.get("/api/v1/sales/reports/sales-by-salesperson").decode()
            #expect(Set(people.rows.map(\.name)) == ["Steven Buchanan", "Michael Suyama", "Robert King", "Anne Dodsworth"])
            let offered: Page<SalespersonDTO> = try await steven.get("/api/v1/sales/salespeople").decode()
            #expect(Set(offered.items.map(\.name)) == ["Steven Buchanan", "Michael Suyama", "Robert King", "Anne Dodsworth"])
            #expect(offered.total == 4)
            let nancy = try await client.signedIn(Self.nancy)
            let mine: Page<PartnerSummary> = try await nancy.get("/api/v1/partners/customers?limit=200").decode()
            let all: Page<PartnerSummary> = try await client.signedIn().get("/api/v1/partners/customers?limit=200").decode()
            #expect(try await nancy.get("/api/v1/sales/salespeople").decode(Page<SalespersonDTO>.self).items.map(\.name) == ["Nancy Davolio"])
            #expect(try await client.signedIn().get("/api/v1/sales/salespeople").decode(Page<SalespersonDTO>.self).total == 9)
            #expect(mine.total > 0)
            #expect(mine.total < all.total)
            let foreign = all.items.first { a in !mine.items.contains { $0.id == a.id } }!
            #expect(try await nancy.get("/api/v1/partners/customers/\(foreign.id)").status == .notFound)
            #expect(try await nancy.send(.PATCH, "/api/v1/partners/customers/\(foreign.id)", json: PartnerUpdate(version: 1, phone: "1")).status == .notFound)
            // Nor can she book an order on a customer she cannot see.
            let product = try await nancy.get("/api/v1/products/products?limit=1").decode(Page<ProductDTO>.self).items[0]
            let order = OrderInput(customerId: foreign.id, lines: [OrderLineInput(productId: product.id, quantity: "1")])
            #expect(try await nancy.post("/api/v1/sales/orders/preview", json: order).error.fields?.first?.code == "sales.order.unknown_customer")
            // Nor book an order of hers into Steven's (Sales UK) figures.
            let hers = try #require(mine.items.first)
            let stevenRecord = try #require(try await client.signedIn().get("/api/v1/sales/salespeople").decode(Page<SalespersonDTO>.self).items
                .first { $0.name == "Steven Buchanan" })
            let intoSteven = OrderInput(customerId: hers.id, salespersonId: stevenRecord.id, lines: [OrderLineInput(productId: product.id, quantity: "1")])
            let before = try await client.signedIn().get("/api/v1/sales/orders?limit=1").decode(Page<OrderSummary>.self).total
            #expect(try await nancy.post("/api/v1/sales/orders", json: intoSteven).error.fields?.map(\.code) == ["sales.order.unknown_salesperson"])
            #expect(try await client.signedIn().get("/api/v1/sales/orders?limit=1").decode(Page<OrderSummary>.self).total == before)
        }
    }
}
