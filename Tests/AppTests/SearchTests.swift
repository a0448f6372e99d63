import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Global search (issue 9 point 3): one box finds customers, suppliers, products, orders, people
/// and approvals by name, number or phone, each kind only for those who may read it and under
/// their data scope — never more than the lists show.
@Suite("Global search")
struct SearchTests {
    static let nancy = "nancy.davolio@northwind.example"

    static func search(_ api: APIClient, _ text: String, limit: Int? = nil) async throws -> SearchResults {
        let q = text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        return try await api.get("/api/v1/search?q=\(q)" + (limit.map { "&limit=\($0)" } ?? "")).decode()
    }

    static func hits(_ results: SearchResults, _ kind: String) -> [String] {
        results.groups.first { $0.kind == kind }?.hits.map(\.title) ?? []
    }

    @Test("finds a customer by name, code and phone however it is typed; a product by name; an order by number; a person by name")
    func kinds() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let alfreds = try await Self.search(admin, "Alfreds")
            let customer = try #require(alfreds.groups.first { $0.kind == "partners.customer" }?.hits.first)
            #expect(customer.title == "Alfreds Futterkiste")
            #expect(customer.subtitle == "ALFKI · Berlin, Germany")
            #expect(customer.path == "/customers/\(customer.id.uuidString.lowercased())")
            #expect(alfreds.groups.first?.title == "Customers")
            // Groups come in the declared priority: customers, suppliers, products, orders, people, approvals.
            #expect(try await Self.search(admin, "a").groups.map(\.kind)
                    == ["partners.customer", "partners.supplier", "products.product", "sales.order", "org.employee"])
            for typed in ["alfki", "030-0074321", "0300074321", "030 007 4321"] {
                #expect(Self.hits(try await Self.search(admin, typed), "partners.customer") == ["Alfreds Futterkiste"], "\(typed)")
            }
            #expect(Self.hits(try await Self.search(admin, "chai"), "products.product") == ["Chai"])
            let order = try await Self.search(admin, "10248")
            #expect(Self.hits(order, "sales.order").count == 1)
            #expect(order.groups.first { $0.kind == "sales.order" }?.hits.first?.subtitle?.hasPrefix("Vins et alcools Chevalier · 1996-07-04") == true)
            #expect(Self.hits(try await Self.search(admin, "davolio"), "org.employee") == ["Nancy Davolio"])
            // A name typed from its start ranks before names that merely contain it.
            let an = Self.hits(try await Self.search(admin, "an", limit: 20), "partners.customer")
            #expect(an.first == "Ana Trujillo Emparedados y helados")
            // The same search in Chinese names its groups in Chinese.
            let zh: SearchResults = try await admin.inLanguage("zh-CN").get("/api/v1/search?q=Alfreds").decode()
            #expect(zh.groups.first?.title == "客户")
        }
    }

    @Test("a sales user finds only their own customers and orders; others' are not there at all")
    func scope() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn(Self.nancy)
            // 10248 was taken by Steven Buchanan (DataScopeTests): Nancy's search has no order group.
            #expect(Self.hits(try await Self.search(admin, "10248"), "sales.order").count == 1)
            #expect(Self.hits(try await Self.search(nancy, "10248"), "sales.order").isEmpty)
            // Every customer Nancy finds is one her customer list shows, and vice versa.
            let list: Page<PartnerSummary> = try await nancy.get("/api/v1/partners/customers?q=a&limit=200").decode()
            let found = try await Self.search(nancy, "a", limit: 20)
            let customers = try #require(found.groups.first { $0.kind == "partners.customer" })
            #expect(Set(customers.hits.map(\.title)).isSubset(of: Set(list.items.map(\.name))))
            #expect(customers.hits.count == min(20, list.total))
            #expect(customers.hasMore == (list.total > 20))
            #expect(customers.morePath == "/customers?q=a")
            let everyone: Page<PartnerSummary> = try await admin.get("/api/v1/partners/customers?q=a&limit=1").decode()
            #expect(list.total < everyone.total)
        }
    }

    @Test("approvals are found by the people taking part in them, not by colleagues")
    func approvals() async throws {
        try await withAfield { _, client in
            let michael = try await client.signedIn("michael.suyama@northwind.example")
            let request = try await michael.submitDemoPaymentRequest()
            // Michael (requester) and Steven (his manager, the approver) find it by number; Nancy does not.
            let steven = try await client.signedIn("steven.buchanan@northwind.example")
            for api in [michael, steven] {
                let hit = try #require(try await Self.search(api, request.summary.number).groups.first { $0.kind == "approvals.instance" }?.hits.first)
                #expect(hit.id == request.summary.id)
                #expect(hit.path == "/approvals/\(request.summary.id.uuidString.lowercased())")
            }
            let nancy = try await client.signedIn(Self.nancy)
            #expect(Self.hits(try await Self.search(nancy, request.summary.number), "approvals.instance").isEmpty)
        }
    }

    @Test("limits: hits per kind, a blank box finds nothing, a limit out of range is refused, a token without read permissions finds nothing")
    func limits() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let two = try await Self.search(admin, "a", limit: 2)
            #expect(!two.groups.isEmpty)
            #expect(two.groups.allSatisfy { $0.hits.count <= 2 })
            #expect(two.groups.first { $0.kind == "partners.customer" }?.hasMore == true)
            #expect(try await admin.get("/api/v1/search?q=%20%20").decode(SearchResults.self).groups.isEmpty)
            #expect(try await admin.get("/api/v1/search").decode(SearchResults.self) == SearchResults(query: "", groups: []))
            let tooMany = try await admin.get("/api/v1/search?q=a&limit=21")
            #expect(tooMany.status == .unprocessableEntity)
            #expect(try tooMany.error.fields?.map(\.code) == ["search.invalid_limit"])
            // % and _ match themselves.
            #expect(try await Self.search(admin, "%").groups.isEmpty)
            let made: NewTokenResponse = try await admin.post("/api/v1/auth/tokens", json: NewTokenRequest(name: "reports", permissions: ["sales.report.read"])).decode()
            var reports = APIClient(app: admin.app)
            reports.token = made.token
            #expect(try await Self.search(reports, "a").groups.isEmpty)
        }
    }
}
