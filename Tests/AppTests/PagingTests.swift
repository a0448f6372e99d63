import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Case A-31: paging ends (../shared/cases/access.md), on the three Northwind carriers.
@Suite("Paging")
struct PagingTests {
    @Test("A-31 limit=1 pages 1–3 one record each, 4 and 5 empty; limit=2 → 2, 1, empty; no page repeats")
    func pagingEnds() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            var seen: [UUID] = []
            for page in 1...5 {
                let answer = try await api.get("/api/v1/partners/carriers?limit=1&page=\(page)")
                #expect(answer.status == .ok)
                let items = try answer.decode(Page<PartnerSummary>.self).items
                #expect(items.count == (page <= 3 ? 1 : 0), "page \(page)")
                seen += items.map(\.id)
            }
            #expect(Set(seen).count == 3)
            var counts: [Int] = []
            var seenByTwo: [UUID] = []
            for page in 1...3 {
                let items = try await api.get("/api/v1/partners/carriers?limit=2&page=\(page)").decode(Page<PartnerSummary>.self).items
                counts.append(items.count)
                seenByTwo += items.map(\.id)
            }
            #expect(counts == [2, 1, 0])
            #expect(Set(seenByTwo).count == 3)
        }
    }

    @Test("pages of orders with equal dates never repeat a record")
    func stableOrder() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            var ids: [UUID] = []
            for page in 1...42 {
                ids += try await api.get("/api/v1/sales/orders?limit=20&page=\(page)").decode(Page<OrderSummary>.self).items.map(\.id)
            }
            #expect(ids.count == 830)
            #expect(Set(ids).count == 830)
        }
    }

    @Test("invalid page or limit is a 422", arguments: ["page=0", "page=-1", "limit=abc", "limit=0"])
    func invalidPage(query: String) async throws {
        try await withAfield { _, client in
            let answer = try await client.signedIn().get("/api/v1/partners/customers?\(query)")
            #expect(answer.status == .unprocessableEntity)
            #expect(try answer.error.fields?.first?.code == "request.invalid_page")
        }
    }

    @Test("customer search matches name, city or country, case-insensitively")
    func search() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let berlin: Page<PartnerSummary> = try await api.get("/api/v1/partners/customers?q=berlin").decode()
            #expect(berlin.items.map(\.name) == ["Alfreds Futterkiste"])
            let mexico: Page<PartnerSummary> = try await api.get("/api/v1/partners/customers?q=MEXICO").decode()
            #expect(mexico.total == 5)
            let all: Page<PartnerSummary> = try await api.get("/api/v1/partners/customers").decode()
            #expect(all.total == 91)
            #expect(all.items.count == 20)
        }
    }
}
