import AfieldAPI
import AfieldTesting
import Foundation
import Sales
import Testing

/// Faults a tester found by attacking the server: each must be a clear 4xx (or an empty page),
/// never a crash or a 500, and store nothing.
@Suite("Robustness")
struct RobustnessTests {
    @Test("amounts too large for the ledger are refused, not a crash")
    func overflowingAmounts() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let fixtures = try await OrderFixtures.load(api)
            for (quantity, price) in [("922337203685477", "92233720368547"), ("1", "60000000000000000.00"), ("1000000000", "100000")] {
                let input = fixtures.input(quantity: DecimalText(quantity), price: DecimalText(price))
                for path in ["/api/v1/sales/orders/preview", "/api/v1/sales/orders"] {
                    let answer = try await api.post(path, json: input)
                    #expect(answer.status == .unprocessableEntity, "\(quantity) × \(price)")
                    #expect(try answer.error.fields?.first?.code == "number.out_of_range")
                }
            }
            #expect(try await SalesOrder.query(on: app.db).count() == 830)
        }
    }

    @Test("a huge page number is simply past the end", arguments: ["9223372036854775807", "461168601842738790"])
    func hugePage(page: String) async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            for path in ["/api/v1/partners/customers", "/api/v1/products/categories", "/api/v1/sales/orders", "/api/v1/sales/salespeople"] {
                let answer = try await api.get("\(path)?page=\(page)")
                #expect(answer.status == .ok, "\(path)")
                #expect(try answer.decode(Page<PartnerSummary>.self).items.isEmpty)
            }
        }
    }

    @Test("% and _ in a search match themselves", arguments: ["%", "_", "a%", "\\"])
    func literalSearch(q: String) async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            for path in ["/api/v1/partners/customers", "/api/v1/products/products", "/api/v1/sales/orders"] {
                let page: Page<PartnerSummary> = try await api.get("\(path)?q=\(encoded)").decode()
                #expect(page.total == 0, "\(path)?q=\(q)")
            }
        }
    }

    @Test("implausible and inverted dates and too many lines are refused")
    func datesAndLines() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let fixtures = try await OrderFixtures.load(api)
            var input = fixtures.input()
            input.orderDate = "0001-01-01"
            #expect(try await api.post("/api/v1/sales/orders/preview", json: input).error.fields?.first?.code == "request.implausible_date")
            input.orderDate = "2026-11-29"
            input.requiredDate = "2026-11-28"
            #expect(try await api.post("/api/v1/sales/orders/preview", json: input).error.fields?.first?.code == "sales.order.required_before_order")
            input.requiredDate = nil
            input.lines = Array(repeating: input.lines![0], count: 501)
            let many = try await api.post("/api/v1/sales/orders/preview", json: input)
            #expect(many.status == .unprocessableEntity)
            #expect(try many.error.fields?.map(\.code) == ["sales.order.too_many_lines"])
        }
    }

    @Test("passwords bcrypt would cut short are refused; a NUL never signs in")
    func passwordLimits() async throws {
        try await withAfield { _, client in
            // NULs are refused before anything else looks at the text (issue 8 point 3).
            for (password, code) in [(String(repeating: "\u{0}", count: 12), "text.control_characters"),
                                     (String(repeating: "A", count: 72) + "suffix-one", "auth.password_too_long")] {
                let answer = try await client.post("/api/v1/auth/register", json: RegisterRequest(
                    companyName: "Acme", name: "Li Lei", email: "li@acme.example", mobile: "+86 138 0013 8000", password: password))
                #expect(answer.status == .unprocessableEntity)
                #expect(try answer.error.fields?.map(\.code) == [code])
            }
            let nul = try await client.post("/api/v1/auth/login", json: LoginRequest(email: demoEmail, password: demoPassword + "\u{0}garbage"))
            #expect(nul.status == .unprocessableEntity)
            #expect(try nul.error.fields?.map(\.code) == ["text.control_characters"])
        }
    }

    @Test("parallel registrations all succeed (password hashing stays outside the write lock)")
    func parallelRegistration() async throws {
        try await withAfield(demo: false) { app, client in
            try await app.autoMigrate()
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for i in 0..<8 {
                    group.addTask {
                        try await client.post("/api/v1/auth/register", json: RegisterRequest(
                            companyName: "Company \(i)", name: "Owner \(i)", email: "owner\(i)@example.com", mobile: "+86 138 0013 8000", password: "long enough \(i)")).status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 201, count: 8))
        }
    }

    @Test("a JSON array where an object belongs is a malformed body")
    func arrayBody() async throws {
        try await withAfield { _, client in
            let answer = try await client.signedIn().send(.POST, "/api/v1/sales/orders/preview", raw: "[1,2]")
            #expect(answer.status == .badRequest)
            #expect(try answer.error.code == "request.malformed_json")
        }
    }

    @Test("an unknown route says which kind of thing was not found")
    func unknownRoute() async throws {
        try await withAfield { _, client in
            let answer = try await client.inLanguage("zh-CN").get("/api/v1/nothing-here")
            #expect(answer.status == .notFound)
            #expect(try answer.error.message == "未找到记录。")
        }
    }

    @Test("an invalid transition names state and action in the reader's language")
    func transitionMessage() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn().inLanguage("zh-CN")
            let page: Page<OrderSummary> = try await api.get("/api/v1/sales/orders?q=10248").decode()
            let answer = try await api.send(.POST, "/api/v1/sales/orders/\(page.items[0].id)/confirm")
            #expect(answer.status == .conflict)
            #expect(try answer.error.message == "该订单当前为“已交付”状态，不能执行“确认”。")
        }
    }
}
