import AfieldAPI
import AfieldTesting
import Foundation
import Platform
import Testing

/// Issue 8 point 7.2: creating customers and suppliers through the API the web app uses.
@Suite("Partner creation")
struct PartnerCreateTests {
    @Test("a salesperson creates a customer: a generated code, she owns it and sees it, audited; field problems are 422 per field")
    func createCustomer() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let bad = try await nancy.send(.POST, "/api/v1/partners/customers", raw: #"{"name":" ","email":"not-an-address"}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.error.fields?.map(\.field).sorted() == ["email", "name"])

            let made = try await nancy.send(.POST, "/api/v1/partners/customers",
                                            raw: #"{"name":"  Walk Trading  ","city":"Leeds","country":"UK","email":"buy@walk.example"}"#)
            #expect(made.status == .created, "\(made.text)")
            let customer: PartnerDetail = try made.decode()
            #expect(customer.name == "Walk Trading")
            #expect(customer.code.hasPrefix("CUST-"))
            #expect(customer.roles == ["customer"])
            #expect(customer.version == 1)
            let mine: Page<PartnerSummary> = try await nancy.get("/api/v1/partners/customers?q=walk").decode()
            #expect(mine.items.map(\.id) == [customer.id], "her own scope shows the customer she made")
            let history: [AuditEntryDTO] = try await nancy.get("/api/v1/partners/customers/\(customer.id)/history").decode()
            #expect(history.map(\.action) == ["create"])
            #expect(history.first?.changes["name"] == .init(before: nil, after: "Walk Trading"))

            let taken = try await nancy.send(.POST, "/api/v1/partners/customers", raw: #"{"name":"Copy","code":"\#(customer.code)"}"#)
            #expect(taken.status == .unprocessableEntity)
            #expect(try taken.error.fields?.map(\.code) == ["partners.code_taken"])

            let janet = try await client.signedIn("janet.leverling@northwind.example")
            #expect(try await janet.get("/api/v1/partners/customers/\(customer.id)").status == .notFound, "not in a colleague's own scope")
        }
    }

    @Test("a supplier is created by a buyer's permission, not by a salesperson")
    func createSupplier() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let made = try await admin.send(.POST, "/api/v1/partners/suppliers", raw: #"{"name":"Walk Supplies","code":"WALK-S"}"#)
            #expect(made.status == .created)
            let supplier: PartnerDetail = try made.decode()
            #expect(supplier.code == "WALK-S")
            #expect(supplier.roles == ["supplier"])
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            #expect(try await nancy.send(.POST, "/api/v1/partners/suppliers", raw: #"{"name":"No"}"#).status == .forbidden)
        }
    }
}
