import AfieldAPI
import AfieldTesting
import Fluent
import Foundation
import Platform
import Sales
import Testing

/// Editing a draft order: `PATCH /api/v1/sales/orders/{id}` (issue 3).
/// Serialized: each test starts a server with its own connection pool, and the whole suite in
/// parallel outgrew a PostgreSQL with `max_connections = 100`.
@Suite("Editing a draft order", .serialized)
struct OrderEditTests {
    static let nancy = "nancy.davolio@northwind.example"
    static let steven = "steven.buchanan@northwind.example"

    private func person(_ api: APIClient, _ name: String) async throws -> UUID {
        let people: AfieldAPI.Page<SalespersonDTO> = try await api.get("/api/v1/sales/salespeople?limit=50").decode()
        return try #require(people.items.first { $0.name == name }).id
    }

    private func customer(_ api: APIClient, _ query: String) async throws -> PartnerSummary {
        try #require(try await api.get("/api/v1/partners/customers?q=\(query)").decode(AfieldAPI.Page<PartnerSummary>.self).items.first)
    }

    /// The two answers carry the same JSON value (keys in any order).
    private static func sameJSON(_ a: APIClient.Answer, _ b: APIClient.Answer) throws -> Bool {
        let left = try JSONSerialization.jsonObject(with: Data(a.text.utf8)) as? NSDictionary
        let right = try JSONSerialization.jsonObject(with: Data(b.text.utf8)) as? NSDictionary
        return left != nil && left == right
    }

    private func auditCount(_ api: APIClient) async throws -> Int { try await AuditEntry.query(on: api.app.db).count() }

    @Test("customer, days, salesperson, notes and lines are replaced; totals exact; version, audit and list follow")
    func editDraft() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let fixtures = try await OrderFixtures.load(api)
            let draft: OrderDetail = try await api.post("/api/v1/sales/orders", json: fixtures.input()).decode()
            #expect(draft.order.untaxedTotal == "36.00")
            let around = try await customer(api, "Around")
            let nancy = try await person(api, "Nancy Davolio")
            let update = OrderUpdate(version: draft.order.version, customerId: around.id, orderDate: "2026-11-30", requiredDate: "2026-12-14",
                                     salespersonId: nancy, freight: "5.50", notes: "Deliver to the back door.", lines: [
                                         OrderLineInput(productId: fixtures.product, quantity: "3", discountPercent: "5"),  // 18.00 × 3 × 0.95 = 51.30
                                         OrderLineInput(productId: fixtures.otherProduct, quantity: "1.5", unitPrice: "9.99", discountPercent: "12.5"),  // 13.11
                                     ])
            let answer = try await api.send(.PATCH, "/api/v1/sales/orders/\(draft.order.id)", json: update)
            #expect(answer.status == .ok, "\(answer.text)")
            let edited: OrderDetail = try answer.decode()
            #expect(edited.order.version == draft.order.version + 1)
            #expect(edited.order.number == draft.order.number)
            #expect(edited.order.state == "draft")
            #expect(edited.order.customerName == "Around the Horn")
            #expect(edited.shipTo.city == "London", "the delivery address follows the new customer")
            #expect(edited.order.orderDate == "2026-11-30")
            #expect(edited.order.requiredDate == "2026-12-14")
            #expect(edited.order.salespersonName == "Nancy Davolio")
            #expect(edited.notes == "Deliver to the back door.")
            #expect(edited.lines.map(\.amount) == ["51.30", "13.11"])
            #expect(edited.lines.map(\.quantity) == ["3", "1.5"])
            #expect(edited.order.untaxedTotal == "64.41")
            #expect(edited.order.freight == "5.50")
            #expect(edited.order.total == "69.91")
            let stored: OrderDetail = try await api.get("/api/v1/sales/orders/\(draft.order.id)").decode()
            #expect(stored.order.total == "69.91")
            #expect(stored.lines.count == 2)

            // The list is not served from a stale cache.
            let listed: AfieldAPI.Page<OrderSummary> = try await api.get("/api/v1/sales/orders?q=\(draft.order.number)").decode()
            #expect(listed.items.first?.total == "69.91")
            #expect(listed.items.first?.customerName == "Around the Horn")

            // Audited: before and after of what changed, lines summarised.
            let history: [AuditEntryDTO] = try await api.get("/api/v1/sales/orders/\(draft.order.id)/history").decode()
            let entry = try #require(history.first)
            #expect(entry.action == "update")
            #expect(entry.changes["lines"] == .init(before: "NW-1 × 2 @ 18.00", after: "NW-1 × 3 @ 18.00 − 5 %; NW-11 × 1.5 @ 9.99 − 12.5 %"))
            #expect(entry.changes["untaxed"] == .init(before: "36.00", after: "64.41"))
            #expect(entry.changes["freight"] == .init(before: "0.00", after: "5.50"))
            #expect(entry.changes["customer"] == .init(before: "Alfreds Futterkiste", after: "Around the Horn"))
            #expect(entry.changes["salesperson"] == .init(before: "Andrew Fuller", after: "Nancy Davolio"))
            #expect(entry.changes["notes"] == .init(before: nil, after: "Deliver to the back door."))
            #expect(entry.changes["order_date"] == .init(before: "2026-11-29", after: "2026-11-30"))
            #expect(entry.changes["number"] == nil, "unchanged fields are left out")

            // Absent fields stay; an empty text clears.
            let cleared: OrderDetail = try await api.send(.PATCH, "/api/v1/sales/orders/\(draft.order.id)",
                                                          json: OrderUpdate(version: edited.order.version, requiredDate: "", notes: "")).decode()
            #expect(cleared.notes == nil)
            #expect(cleared.order.requiredDate == nil)
            #expect(cleared.order.total == "69.91")
            #expect(cleared.lines.map(\.unitPrice) == ["18.00", "9.99"], "kept lines keep their prices")
            #expect(cleared.order.version == edited.order.version + 1)

            // Sending what is already there changes nothing: same version, no audit entry.
            let before = try await auditCount(api)
            let same: OrderDetail = try await api.send(.PATCH, "/api/v1/sales/orders/\(draft.order.id)",
                                                       json: OrderUpdate(version: cleared.order.version, freight: "5.5")).decode()
            #expect(same.order.version == cleared.order.version)
            #expect(try await auditCount(api) == before)
        }
    }

    @Test("H9-7 a create, an edit and a confirm answer the order exactly as a later read shows it; a head-only edit keeps the lines")
    func answerIsWhatWasStored() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let fixtures = try await OrderFixtures.load(api)
            let created = try await api.post("/api/v1/sales/orders", json: fixtures.input())
            let draft: OrderDetail = try created.decode()
            #expect(try Self.sameJSON(created, try await api.get("/api/v1/sales/orders/\(draft.order.id)")))
            // Notes and freight only: the lines (their ids too) stay.
            let headOnly = try await api.send(.PATCH, "/api/v1/sales/orders/\(draft.order.id)",
                                              json: OrderUpdate(version: draft.order.version, freight: "2.50", notes: "Ring twice."))
            let edited: OrderDetail = try headOnly.decode()
            #expect(edited.lines.map(\.id) == draft.lines.map(\.id))
            #expect(edited.order.version == draft.order.version + 1)
            #expect(edited.order.total == "38.50")
            #expect(try Self.sameJSON(headOnly, try await api.get("/api/v1/sales/orders/\(draft.order.id)")))
            // Another customer and other lines: new lines, the delivery address follows the customer.
            let around = try await customer(api, "Around")
            let full = try await api.send(.PATCH, "/api/v1/sales/orders/\(draft.order.id)", json: OrderUpdate(
                version: edited.order.version, customerId: around.id,
                lines: [OrderLineInput(productId: fixtures.otherProduct, quantity: "4")]))
            let replaced: OrderDetail = try full.decode()
            #expect(replaced.order.customerName == around.name)
            #expect(replaced.shipTo.name == around.name)
            #expect(replaced.lines.count == 1 && replaced.lines.first?.id != nil && replaced.lines.first?.id != draft.lines.first?.id)
            #expect(try Self.sameJSON(full, try await api.get("/api/v1/sales/orders/\(draft.order.id)")))
            let confirmed = try await api.post("/api/v1/sales/orders/\(draft.order.id)/confirm", json: [String: String]())
            #expect(try confirmed.decode(OrderDetail.self).order.state == "confirmed")
            #expect(try Self.sameJSON(confirmed, try await api.get("/api/v1/sales/orders/\(draft.order.id)")))
        }
    }

    @Test("a stale version gets 409 with the order as it is now, and changes nothing")
    func staleVersion() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let fixtures = try await OrderFixtures.load(api)
            let draft: OrderDetail = try await api.post("/api/v1/sales/orders", json: fixtures.input()).decode()
            let path = "/api/v1/sales/orders/\(draft.order.id)"
            let first = try await api.send(.PATCH, path, json: OrderUpdate(version: 1, lines: [OrderLineInput(productId: fixtures.product, quantity: "5")]))
            #expect(first.status == .ok)
            let audit = try await auditCount(api)
            for language in ["en", "zh-CN"] {
                let stale = try await api.inLanguage(language).send(.PATCH, path,
                                                                    json: OrderUpdate(version: 1, lines: [OrderLineInput(productId: fixtures.product, quantity: "7")]))
                #expect(stale.status == .conflict)
                #expect(try stale.error.code == "conflict.stale_version")
                #expect(try stale.error.message == (language == "en" ? "This Sales order was changed by someone else. Reload and try again."
                                                                      : "该销售订单已被他人修改，请刷新后重试。"))
                let current = try stale.decode(StaleAnswer<OrderDetail>.self).current
                #expect(current.order.version == 2)
                #expect(current.lines.map(\.quantity) == ["5"])
                #expect(current.order.total == "90.00")
            }
            let stored: OrderDetail = try await api.get(path).decode()
            #expect(stored.lines.map(\.quantity) == ["5"])
            #expect(try await auditCount(api) == audit)
        }
    }

    @Test("only drafts are editable: a confirmed order answers 409 sales.order.not_editable, localised")
    func confirmedRefused() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let fixtures = try await OrderFixtures.load(api)
            let draft: OrderDetail = try await api.post("/api/v1/sales/orders", json: fixtures.input()).decode()
            let confirmed: OrderDetail = try await api.send(.POST, "/api/v1/sales/orders/\(draft.order.id)/confirm").decode()
            let body = OrderUpdate(version: confirmed.order.version, lines: [OrderLineInput(productId: fixtures.product, quantity: "9")])
            for (language, message) in [("en", "Only draft orders can be changed; this order is confirmed."),
                                        ("zh-CN", "只能修改草稿订单，该订单当前为“已确认”状态。")] {
                let answer = try await api.inLanguage(language).send(.PATCH, "/api/v1/sales/orders/\(draft.order.id)", json: body)
                #expect(answer.status == .conflict)
                #expect(try answer.error.code == "sales.order.not_editable")
                #expect(try answer.error.message == message)
                #expect(try answer.decode(StaleAnswer<OrderDetail>.self).current.order.state == "confirmed")
            }
            // A client still holding the draft's version hears the same.
            let old = try await api.send(.PATCH, "/api/v1/sales/orders/\(draft.order.id)", json: OrderUpdate(version: 1, notes: "x"))
            #expect(try old.error.code == "sales.order.not_editable")
            let stored: OrderDetail = try await api.get("/api/v1/sales/orders/\(draft.order.id)").decode()
            #expect(stored.lines.map(\.quantity) == ["2"])
            #expect(stored.order.version == confirmed.order.version)
        }
    }

    @Test("the order scope applies: outside it 404; a new salesperson must be in it, as on create")
    func dataScope() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let fixtures = try await OrderFixtures.load(admin)
            var input = fixtures.input()
            input.salespersonId = try await person(admin, "Michael Suyama")  // Sales UK
            let draft: OrderDetail = try await admin.post("/api/v1/sales/orders", json: input).decode()
            let path = "/api/v1/sales/orders/\(draft.order.id)"
            let change = OrderUpdate(version: 1, lines: [OrderLineInput(productId: fixtures.product, quantity: "4")])

            let nancy = try await client.signedIn(Self.nancy)  // own orders only
            let hidden = try await nancy.send(.PATCH, path, json: change)
            #expect(hidden.status == .notFound)
            #expect(try hidden.error.code == "not_found")
            #expect(try await nancy.send(.PATCH, "/api/v1/sales/orders/\(UUID())", json: change).status == .notFound, "same answer as an unknown id")

            let steven = try await client.signedIn(Self.steven)  // Sales UK and below
            let handOver = OrderUpdate(version: 1, salespersonId: try await person(admin, "Nancy Davolio"))
            let refused = try await steven.send(.PATCH, path, json: handOver)
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.error.fields?.first?.field == "salespersonId")
            #expect(try refused.error.fields?.first?.code == "sales.order.unknown_salesperson")
            let edited = try await steven.send(.PATCH, path, json: change)
            #expect(edited.status == .ok)
            #expect(try edited.decode(OrderDetail.self).order.total == "72.00")
            #expect(try edited.decode(OrderDetail.self).order.salespersonName == "Michael Suyama")
        }
    }

    @Test("bad input: 422 with localised field errors and nothing changes")
    func badInputChangesNothing() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let fixtures = try await OrderFixtures.load(api)
            let draft: OrderDetail = try await api.post("/api/v1/sales/orders", json: fixtures.input()).decode()
            let path = "/api/v1/sales/orders/\(draft.order.id)"
            let audit = try await auditCount(api)
            let cases: [(String, String, String, String, String)] = [
                (#"{"version":1,"lines":[{"productId":"\#(fixtures.product)","quantity":"0"}]}"#, "lines[0].quantity", "sales.order.quantity_not_positive",
                 "Quantity must be greater than 0.", "数量必须大于 0。"),
                (#"{"version":1,"lines":[{"productId":"\#(fixtures.discontinued)","quantity":"1"}]}"#, "lines[0].productId", "sales.order.product_archived",
                 "This product is discontinued.", "该产品已停售。"),
                (#"{"version":1,"lines":[]}"#, "lines", "sales.order.no_lines", "Add at least one product line.", "请至少添加一行产品。"),
                (#"{"version":1,"customerId":"\#(UUID())"}"#, "customerId", "sales.order.unknown_customer", "Choose an existing customer.", "请选择已有客户。"),
                (#"{"version":1,"orderDate":"2026-02-30"}"#, "orderDate", "request.invalid_date", "Enter a date as YYYY-MM-DD.", "请按 YYYY-MM-DD 格式输入日期。"),
                (#"{"version":1,"notes":"\#(String(repeating: "x", count: 2001))"}"#, "notes", "field.too_long", "At most 2000 characters.", "最多 2000 个字符。"),
                (#"{"lines":[{"productId":"\#(fixtures.product)","quantity":"3"}]}"#, "version", "field.required", "This field is required.", "此项为必填。"),
            ]
            for (body, field, code, en, zh) in cases {
                for (language, message) in [("en", en), ("zh-CN", zh)] {
                    let answer = try await api.inLanguage(language).send(.PATCH, path, raw: body)
                    #expect(answer.status == .unprocessableEntity, "\(field): \(answer.text)")
                    let problem = try answer.error.fields?.first { $0.field == field }
                    #expect(problem?.code == code, "\(answer.text)")
                    #expect(problem?.message == message, "\(field) in \(language)")
                }
            }
            let stored: OrderDetail = try await api.get(path).decode()
            #expect(stored.order.version == 1)
            #expect(stored.lines.map(\.quantity) == ["2"])
            #expect(stored.order.total == "36.00")
            #expect(try await auditCount(api) == audit)
        }
    }

    @Test("two users saving the same version at once: exactly one wins")
    func concurrentEdits() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let other = try await client.signedIn(Self.nancy)
            let fixtures = try await OrderFixtures.load(api)
            var input = fixtures.input()
            input.salespersonId = try await person(api, "Nancy Davolio")  // in Nancy's own scope too
            let draft: OrderDetail = try await api.post("/api/v1/sales/orders", json: input).decode()
            let path = "/api/v1/sales/orders/\(draft.order.id)"
            let audit = try await auditCount(api)
            // Six saves of version 1 at once, three by each user, each with another quantity.
            let answers = try await withThrowingTaskGroup(of: APIClient.Answer.self) { group in
                for n in 1...6 {
                    let caller = n.isMultiple(of: 2) ? api : other
                    let body = OrderUpdate(version: 1, lines: [OrderLineInput(productId: fixtures.product, quantity: DecimalText(String(10 + n)))])
                    group.addTask { try await caller.send(.PATCH, path, json: body) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.map(\.status.code).sorted() == [200, 409, 409, 409, 409, 409])
            let winner = try #require(answers.first { $0.status == .ok })
            let won: OrderDetail = try winner.decode()
            let stored: OrderDetail = try await api.get(path).decode()
            #expect(stored.order.version == 2)
            #expect(stored.lines.map(\.quantity) == won.lines.map(\.quantity))
            #expect(stored.lines.count == 1, "no loser's lines were added")
            #expect(try await auditCount(api) == audit + 1)
            for loser in answers where loser.status == .conflict {
                #expect(try loser.error.code == "conflict.stale_version")
                #expect(try loser.decode(StaleAnswer<OrderDetail>.self).current.order.version == 2)
            }
        }
    }

    @Test("a retried edit with the same Idempotency-Key answers the first result and applies once")
    func idempotentRetry() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let fixtures = try await OrderFixtures.load(api)
            let draft: OrderDetail = try await api.post("/api/v1/sales/orders", json: fixtures.input()).decode()
            let path = "/api/v1/sales/orders/\(draft.order.id)"
            let body = OrderUpdate(version: 1, lines: [OrderLineInput(productId: fixtures.product, quantity: "6")])
            let key = [("Idempotency-Key", "edit-\(UUID())")]
            let first = try await api.send(.PATCH, path, json: body, headers: key)
            let retry = try await api.send(.PATCH, path, json: body, headers: key)
            #expect(first.status == .ok)
            #expect(retry.status == .ok)
            #expect(retry.body == first.body)
            #expect(retry.headers.first(name: "Idempotent-Replayed") == "true")
            let stored: OrderDetail = try await api.get(path).decode()
            #expect(stored.order.version == 2)
            #expect(stored.order.total == "108.00")
        }
    }

    @Test("without sales.order.write the edit is forbidden")
    func permission() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let draft: OrderDetail = try await api.post("/api/v1/sales/orders", json: try await OrderFixtures.load(api).input()).decode()
            let token: NewTokenResponse = try await api.post("/api/v1/auth/tokens",
                                                             json: NewTokenRequest(name: "reader", permissions: ["sales.order.read"])).decode()
            var reader = client
            reader.token = token.token
            let answer = try await reader.send(.PATCH, "/api/v1/sales/orders/\(draft.order.id)", json: OrderUpdate(version: 1, notes: "x"))
            #expect(answer.status == .forbidden)
        }
    }
}
