import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Issue 11 point 4, server side: records made offline keep the id the device gave them; an edit
/// made offline on a stale version is not applied silently — a customer's fields merge one by one
/// when only other fields changed meanwhile, and conflict when the same field did; orders (money,
/// state) never merge.
@Suite("Offline commands: client ids and conflicts")
struct OfflineEditTests {
    static func customer(_ api: APIClient, _ name: String) async throws -> PartnerDetail {
        let made = try await api.post("/api/v1/partners/customers", json: PartnerInput(name: name, phone: "021-1000", city: "Shanghai"))
        #expect(made.status == .created, "\(made.text)")
        return try made.decode()
    }

    @Test("an order and a customer made offline keep the device's id; the order is a draft with the server's number; an id taken is 409")
    func clientIDs() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let fixtures = try await OrderFixtures.load(api)
            let orderID = UUID()
            var input = fixtures.input()
            input.id = orderID
            let made = try await api.send(.POST, "/api/v1/sales/orders", json: input, headers: [("Idempotency-Key", "offline-order-1")])
            #expect(made.status == .created, "\(made.text)")
            let order: OrderDetail = try made.decode()
            #expect(order.order.id == orderID)
            #expect(order.order.state == "draft")
            #expect(order.order.number.hasPrefix("SO-2026-"))
            let again = try await api.send(.POST, "/api/v1/sales/orders", json: input, headers: [("Idempotency-Key", "offline-order-2")])
            #expect(again.status == .conflict)
            #expect(try again.error.code == "conflict.id_taken")

            let customerID = UUID()
            let customer = try await api.post("/api/v1/partners/customers", json: PartnerInput(id: customerID, name: "Offline Made Ltd"))
            #expect(customer.status == .created)
            #expect(try customer.decode(PartnerDetail.self).id == customerID)
            let taken = try await api.post("/api/v1/partners/customers", json: PartnerInput(id: customerID, name: "Same Id Again Ltd"))
            #expect(taken.status == .conflict)
            #expect(try taken.error.code == "conflict.id_taken")
        }
    }

    @Test("a stale edit of other fields merges: the phone changed offline and the city changed meanwhile both stay")
    func disjointFieldsMerge() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let start = try await Self.customer(api, "Merge Disjoint Co")
            // Someone else moves the customer to Hangzhou (version 1 → 2).
            let moved = try await api.send(.PATCH, "/api/v1/partners/customers/\(start.id)", json: PartnerUpdate(version: start.version, city: "Hangzhou"))
            #expect(moved.status == .ok)
            // The field rep, offline on version 1, changed the phone.
            let offline = try await api.send(.PATCH, "/api/v1/partners/customers/\(start.id)",
                                             json: PartnerUpdate(version: start.version, phone: "021-2000", base: ["phone": "021-1000"]))
            #expect(offline.status == .ok, "\(offline.text)")
            let merged: PartnerDetail = try offline.decode()
            #expect(merged.phone == "021-2000")
            #expect(merged.city == "Hangzhou")
            #expect(merged.version == start.version + 2)
        }
    }

    @Test("a stale edit of the same field conflicts: 409 conflict.fields names the field, carries the record now, and changes nothing")
    func sameFieldConflicts() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let start = try await Self.customer(api, "Merge Same Co")
            _ = try await api.send(.PATCH, "/api/v1/partners/customers/\(start.id)", json: PartnerUpdate(version: start.version, phone: "021-3000"))
            let offline = try await api.send(.PATCH, "/api/v1/partners/customers/\(start.id)",
                                             json: PartnerUpdate(version: start.version, phone: "021-2000", city: "Suzhou",
                                                                 base: ["phone": "021-1000", "city": "Shanghai"]))
            #expect(offline.status == .conflict)
            let error = try offline.error
            #expect(error.code == "conflict.fields")
            #expect(error.fields?.map(\.field) == ["phone"])
            #expect(error.fields?.first?.code == "conflict.field_changed")
            #expect(offline.text.contains("\"current\""))
            #expect(offline.text.contains("021-3000"))
            let now: PartnerDetail = try await api.get("/api/v1/partners/customers/\(start.id)").decode()
            #expect(now.phone == "021-3000")
            #expect(now.city == "Shanghai")
            #expect(now.version == start.version + 1)
            // The same new value on both sides is no conflict.
            let same = try await api.send(.PATCH, "/api/v1/partners/customers/\(start.id)",
                                          json: PartnerUpdate(version: start.version, phone: "021-3000", base: ["phone": "021-1000"]))
            #expect(same.status == .ok)
        }
    }

    @Test("without base values a stale edit is 409 conflict.stale_version; a base for a field not sent is 422")
    func noBaseNoMerge() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let start = try await Self.customer(api, "Merge None Co")
            _ = try await api.send(.PATCH, "/api/v1/partners/customers/\(start.id)", json: PartnerUpdate(version: start.version, city: "Ningbo"))
            let stale = try await api.send(.PATCH, "/api/v1/partners/customers/\(start.id)", json: PartnerUpdate(version: start.version, phone: "021-9"))
            #expect(stale.status == .conflict)
            #expect(try stale.error.code == "conflict.stale_version")
            let odd = try await api.send(.PATCH, "/api/v1/partners/customers/\(start.id)",
                                         json: PartnerUpdate(version: start.version + 1, phone: "021-9", base: ["fax": "1"]))
            #expect(odd.status == .unprocessableEntity)
            #expect(try odd.error.fields?.first?.field == "base.fax")
        }
    }

    @Test("an order edited offline on a stale version is never merged: 409 conflict.stale_version with the order now, nothing changed")
    func ordersNeverMerge() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let fixtures = try await OrderFixtures.load(api)
            let order: OrderDetail = try await api.post("/api/v1/sales/orders", json: fixtures.input()).decode()
            let first = try await api.send(.PATCH, "/api/v1/sales/orders/\(order.order.id)", json: OrderUpdate(version: order.order.version, notes: "Deliver Monday"))
            #expect(first.status == .ok, "\(first.text)")
            let offline = try await api.send(.PATCH, "/api/v1/sales/orders/\(order.order.id)", json: OrderUpdate(version: order.order.version, freight: "12.50"))
            #expect(offline.status == .conflict)
            #expect(try offline.error.code == "conflict.stale_version")
            let now: OrderDetail = try await api.get("/api/v1/sales/orders/\(order.order.id)").decode()
            #expect(now.order.freight == "0.00")
            #expect(now.notes == "Deliver Monday")
        }
    }

    @Test("a numbered offline edit that conflicts uses its number, so the device's next command still applies")
    func conflictUsesNumber() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let start = try await Self.customer(api, "Numbered Conflict Co")
            _ = try await api.send(.PATCH, "/api/v1/partners/customers/\(start.id)", json: PartnerUpdate(version: start.version, phone: "021-5000"))
            let device = UUID()
            func numbered(_ seq: Int, _ key: String) -> [(String, String)] {
                [("Afield-Client-Id", device.uuidString), ("Afield-Client-Seq", String(seq)), ("Idempotency-Key", key)]
            }
            let conflict = try await api.send(.PATCH, "/api/v1/partners/customers/\(start.id)",
                                              json: PartnerUpdate(version: start.version, phone: "021-6000", base: ["phone": "021-1000"]),
                                              headers: numbered(1, "nc-1"))
            #expect(conflict.status == .conflict)
            let next = try await api.send(.POST, "/api/v1/partners/customers", json: PartnerInput(name: "After Conflict Co"), headers: numbered(2, "nc-2"))
            #expect(next.status == .created)
        }
    }
}
