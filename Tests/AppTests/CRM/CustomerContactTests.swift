import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Issue 12 point 3: a customer's contacts with their roles and birthdays, edited on the customer.
@Suite("CRM: customer contacts")
struct CustomerContactTests {
    @Test("contacts: added with a role and a birthday, changed with their version, removed; bad values refused; a colleague's customer is out of reach")
    func contacts() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let customer: PartnerDetail = try await nancy.post("/api/v1/partners/customers", json: PartnerInput(name: "苏州园林设计有限公司")).decode()
            let path = "/api/v1/partners/customers/\(customer.id)/contacts"

            let bad = try await nancy.post(path, json: ContactInput(name: " ", email: "not-mail", role: "boss", birthday: "1990-02-30"))
            #expect(try bad.error.fields?.map(\.path).sorted() == ["birthday", "email", "name", "role"])
            let added = try await nancy.post(path, json: ContactInput(name: "陈静", title: "采购经理", phone: "0512-6523 0000", role: "decision_maker",
                                                                     birthday: "1985-04-12"))
            #expect(added.status == .created, "\(added.text)")
            let chen: ContactDTO = try added.decode()
            #expect(chen.role == "decision_maker")
            #expect(chen.birthday == "1985-04-12")
            let finance: ContactDTO = try await nancy.post(path, json: ContactInput(name: "李会计", role: "finance")).decode()

            let changed = try await nancy.send(.PATCH, "\(path)/\(chen.id)", json: ContactUpdate(version: chen.version, role: "user", birthday: ""))
            #expect(changed.status == .ok, "\(changed.text)")
            let now: ContactDTO = try changed.decode()
            #expect(now.role == "user")
            #expect(now.birthday == nil)
            #expect(now.title == "采购经理", "fields not sent stay")
            let stale = try await nancy.send(.PATCH, "\(path)/\(chen.id)", json: ContactUpdate(version: chen.version, title: "总监"))
            #expect(stale.status == .conflict)

            var detail: PartnerDetail = try await nancy.get("/api/v1/partners/customers/\(customer.id)").decode()
            #expect(detail.contacts.map(\.name) == ["陈静", "李会计"])
            #expect(detail.contacts.map(\.role) == ["user", "finance"])
            #expect(try await nancy.send(.DELETE, "\(path)/\(finance.id)").status == .noContent)
            detail = try await nancy.get("/api/v1/partners/customers/\(customer.id)").decode()
            #expect(detail.contacts.map(\.name) == ["陈静"])

            let janet = try await client.signedIn("janet.leverling@northwind.example")
            #expect(try await janet.post(path, json: ContactInput(name: "X")).status == .notFound)
            #expect(try await janet.send(.DELETE, "\(path)/\(chen.id)").status == .notFound)
            let other: PartnerDetail = try await nancy.post("/api/v1/partners/customers", json: PartnerInput(name: "无锡电子")).decode()
            #expect(try await nancy.send(.DELETE, "/api/v1/partners/customers/\(other.id)/contacts/\(chen.id)").status == .notFound,
                    "a contact is reached only through its own customer")
        }
    }
}
