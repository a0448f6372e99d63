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
            #expect(try bad.error.fields?.map(\.field).sorted() == ["birthday", "email", "name", "role"])
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

    @Test("collaborators: the owner adds a colleague, who then sees the customer in the list and on its page and logs a follow-up on it; only the owner or a manager changes the team; removed, the colleague loses it")
    func collaborators() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let janet = try await client.signedIn("janet.leverling@northwind.example")
            let customer: PartnerDetail = try await nancy.post("/api/v1/partners/customers", json: PartnerInput(name: "常州智能装备有限公司")).decode()
            let path = "/api/v1/partners/customers/\(customer.id)/collaborators"
            let janetID = try await janet.get("/api/v1/auth/me").decode(Me.self).employeeId!
            let nancyID = try await nancy.get("/api/v1/auth/me").decode(Me.self).employeeId!
            #expect(try await janet.get("/api/v1/partners/customers/\(customer.id)").status == .notFound)
            #expect(try await nancy.post(path, json: CollaboratorInput(employeeId: nancyID)).error.fields?.map(\.code) == ["partners.collaborator.owner"])

            let team: [CollaboratorDTO] = try await nancy.post(path, json: CollaboratorInput(employeeId: janetID)).decode()
            #expect(team.map(\.name) == ["Janet Leverling"])
            let again: [CollaboratorDTO] = try await nancy.post(path, json: CollaboratorInput(employeeId: janetID)).decode()
            #expect(again.count == 1, "adding twice changes nothing")
            #expect(try await janet.get("/api/v1/partners/customers/\(customer.id)").status == .ok)
            let listed = try await janet.get("/api/v1/partners/customers?q=常州智能").decode(AfieldAPI.Page<PartnerSummary>.self)
            #expect(listed.items.map(\.id) == [customer.id], "in the collaborator's list")
            let logged = try await janet.post("/api/v1/crm/follow-ups", json: FollowUpInput(customerId: customer.id, kind: "call", notes: "协助报价"))
            #expect(logged.status == .created, "\(logged.text)")
            let timeline: [TimelineEntryDTO] = try await nancy.get("/api/v1/crm/customers/\(customer.id)/timeline").decode()
            #expect(timeline.contains { $0.kind == "follow_up" && $0.byName == "Janet Leverling" })
            let margaret = try await client.signedIn("margaret.peacock@northwind.example")
            let margaretID = try await margaret.get("/api/v1/auth/me").decode(Me.self).employeeId!
            #expect(try await janet.post(path, json: CollaboratorInput(employeeId: margaretID)).status == .forbidden, "a collaborator does not grow the team")
            #expect(try await janet.send(.PATCH, "/api/v1/partners/customers/\(customer.id)/contacts/\(UUID())", json: ContactUpdate(version: 1)).status != .ok)

            let left: [CollaboratorDTO] = try await nancy.send(.DELETE, "\(path)/\(janetID)").decode()
            #expect(left.isEmpty)
            #expect(try await janet.get("/api/v1/partners/customers/\(customer.id)").status == .notFound)
            #expect(try await janet.get("/api/v1/partners/customers?q=常州智能").decode(AfieldAPI.Page<PartnerSummary>.self).items.isEmpty)
        }
    }
}
