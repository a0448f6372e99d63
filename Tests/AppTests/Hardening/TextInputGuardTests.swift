import AfieldAPI
import AfieldTesting
import Fluent
import Foundation
import Partners
import Platform
import Sales
import Testing

/// Issue 8 point 3: a NUL (or another control character, or a bidirectional override) in any text
/// that enters Afield is refused with a localised 422 and nothing stored — on PostgreSQL it
/// answered 500, unauthenticated; SQLite cut "A\u{0}B" to "A". Single-line fields refuse line
/// breaks too. Search text is capped.
@Suite("Text input guard")
struct TextInputGuardTests {
    static func expectControl(_ answer: APIClient.Answer, _ field: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(answer.status == .unprocessableEntity, "\(answer.text)", sourceLocation: sourceLocation)
        #expect(try answer.error.fields?.map(\.field) == [field], sourceLocation: sourceLocation)
        #expect(try answer.error.fields?.map(\.code) == ["text.control_characters"], sourceLocation: sourceLocation)
    }

    @Test("H8-3 NUL in the sign-in e-mail, a registration and a search answers 422, not 500; 50,000 characters of search too")
    func anonymousAndSearch() async throws {
        try await withAfield { _, client in
            try Self.expectControl(try await client.post("/api/v1/auth/login", json: LoginRequest(email: "a\u{0}@x.com", password: "whatever")), "email")
            let register = try await client.inLanguage("zh-CN").post("/api/v1/auth/register", json: RegisterRequest(
                companyName: "Nul\u{0} Ltd", name: "Ann", email: "ann@nul.example", mobile: "+8613800000000", password: "a much longer passphrase 42"))
            try Self.expectControl(register, "companyName")
            #expect(try register.error.fields?.first?.message == "请删除文本中的不可见控制字符。")
            #expect(try await client.post("/api/v1/auth/login", json: LoginRequest(email: "ann@nul.example", password: "a much longer passphrase 42")).status
                    == .unauthorized, "no company was registered")
            let api = try await client.signedIn()
            try Self.expectControl(try await api.get("/api/v1/partners/customers?q=%00"), "q")
            try Self.expectControl(try await api.get("/api/v1/sales/orders?q=a%0Db"), "q")
            let long = try await api.get("/api/v1/partners/customers?q=" + String(repeating: "a", count: 50_000))
            #expect(long.status == .unprocessableEntity)
            #expect(try long.error.fields?.map(\.code) == ["text.too_long"])
            #expect(try await api.get("/api/v1/partners/customers?q=" + String(repeating: "a", count: 200)).status == .ok)
        }
    }

    @Test("H8-3 partner names and addresses, order notes, department, position and site names refuse NUL; nothing is stored")
    func writesRefused() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let customer = try await api.get("/api/v1/partners/customers?q=Alfreds").decode(AfieldAPI.Page<PartnerSummary>.self).items[0]
            let detail: PartnerDetail = try await api.get("/api/v1/partners/customers/\(customer.id)").decode()
            try Self.expectControl(try await api.send(.PATCH, "/api/v1/partners/customers/\(customer.id)",
                                                      json: PartnerUpdate(version: detail.version, name: "A\u{0}B")), "name")
            try Self.expectControl(try await api.send(.PATCH, "/api/v1/partners/customers/\(customer.id)",
                                                      json: PartnerUpdate(version: detail.version, address: "Obere Str. 57\u{0}")), "address")
            // A line break in a one-line name hides the rest in lists and makes "\r=1+1" a formula in a spreadsheet.
            try Self.expectControl(try await api.send(.PATCH, "/api/v1/partners/customers/\(customer.id)",
                                                      json: PartnerUpdate(version: detail.version, name: "\r=1+1")), "name")
            let after: PartnerDetail = try await api.get("/api/v1/partners/customers/\(customer.id)").decode()
            #expect(after.name == detail.name && after.version == detail.version)
            // An address may take several lines (its form field does).
            let twoLines = try await api.send(.PATCH, "/api/v1/partners/customers/\(customer.id)",
                                              json: PartnerUpdate(version: detail.version, address: "Obere Str. 57\nHinterhaus"))
            #expect(twoLines.status == .ok)

            var input = try await OrderFixtures.load(api).input()
            let orders = try await SalesOrder.query(on: app.db).count()
            input.notes = "A\u{0}B"
            try Self.expectControl(try await api.post("/api/v1/sales/orders", json: input), "notes")
            input.notes = "deliver to the back door \u{202E}kcab"
            try Self.expectControl(try await api.post("/api/v1/sales/orders", json: input), "notes")
            #expect(try await SalesOrder.query(on: app.db).count() == orders)
            input.notes = "first line\nsecond line\twith a tab"
            let made = try await api.post("/api/v1/sales/orders", json: input)
            #expect(made.status == .created, "line breaks and tabs are fine in notes")
            #expect(try made.decode(OrderDetail.self).notes == "first line\nsecond line\twith a tab")

            try Self.expectControl(try await api.post("/api/v1/org/departments", json: DepartmentInput(name: "Field\u{0}")), "name")
            try Self.expectControl(try await api.post("/api/v1/org/positions", json: PositionInput(name: "Engineer\u{0}")), "name")
            try Self.expectControl(try await api.post("/api/v1/org/sites", json: SiteInput(name: "Pudong\u{0}", timeZone: "Asia/Shanghai")), "name")
            try Self.expectControl(try await api.post("/api/v1/org/departments", json: DepartmentInput(name: "Field\nTeam")), "name")
            #expect(try await Department.query(on: app.db).filter(\.$name == "Field").count() == 0)
        }
    }

    @Test("H8-3 a JSON key or a nested value with a control character is refused wherever it is")
    func nested() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let input = try await OrderFixtures.load(api).input()
            let raw = #"{"customerId":"\#(input.customerId!)","lines":[{"productId":"\#(input.lines![0].productId!)","quantity":"1\u0000"}]}"#
            try Self.expectControl(try await api.send(.POST, "/api/v1/sales/orders", raw: raw), "lines[0].quantity")
        }
    }
}
