import AfieldAPI
import AfieldTesting
import Fluent
import Foundation
import Platform
import Testing
import Vapor

/// Walks every route that changes data and checks that calling it writes an audit entry
/// (issue 3, case A-32's rule for all paths). A new mutating route fails this test until it is
/// given a sample request here — and an audit entry in its handler.
@Suite("Every mutation is audited")
struct MutationAuditTests {
    /// A request that succeeds on the demo company, by "METHOD /path" with `{id}` placeholders.
    private func samples(_ api: APIClient) async throws -> [String: (path: String, body: String?)] {
        let customer = try await api.get("/api/v1/partners/customers?q=Alfreds").decode(Page<PartnerSummary>.self).items[0]
        let supplier = try await api.get("/api/v1/partners/suppliers?limit=1").decode(Page<PartnerSummary>.self).items[0]
        let carrier = try await api.get("/api/v1/partners/carriers?limit=1").decode(Page<PartnerSummary>.self).items[0]
        let input = try await OrderFixtures.load(api).input()
        let draft: OrderDetail = try await api.post("/api/v1/sales/orders", json: input)
            .decode()
        let orderJSON = String(decoding: try JSONEncoder().encode(input), as: UTF8.self)
        return [
            "POST /api/v1/auth/login": ("/api/v1/auth/login", #"{"email":"nancy.davolio@northwind.example","password":"afield-demo"}"#),
            "POST /api/v1/auth/register": ("/api/v1/auth/register",
                                           #"{"companyName":"Walk Co","name":"Walker","email":"walker@example.com","password":"walk walk walk"}"#),
            "POST /api/v1/auth/logout": ("/api/v1/auth/logout", nil),
            "PATCH /api/v1/auth/me": ("/api/v1/auth/me", #"{"locale":"zh-CN"}"#),
            "PATCH /api/v1/partners/customers/{id}": ("/api/v1/partners/customers/\(customer.id)", #"{"version":1,"phone":"1"}"#),
            "PATCH /api/v1/partners/suppliers/{id}": ("/api/v1/partners/suppliers/\(supplier.id)", #"{"version":1,"phone":"2"}"#),
            "PATCH /api/v1/partners/carriers/{id}": ("/api/v1/partners/carriers/\(carrier.id)", #"{"version":1,"phone":"3"}"#),
            "POST /api/v1/sales/orders": ("/api/v1/sales/orders", orderJSON),
            "POST /api/v1/sales/orders/{id}/confirm": ("/api/v1/sales/orders/\(draft.order.id)/confirm", nil),
        ]
    }

    @Test("each mutating route, called once, adds exactly one or more audit entries")
    func everyMutationIsAudited() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let samples = try await samples(admin)
            let routes = app.routes.all.filter { ($0.userInfo[RouteInfo.mutates] as? Bool) == true }
            #expect(!routes.isEmpty)
            for route in routes {
                let name = "\(route.method.rawValue) /" + route.path.map { if case .parameter(let p) = $0 { "{\(p)}" } else { $0.description } }
                    .joined(separator: "/")
                guard let sample = samples[name] else {
                    Issue.record("no sample request for mutating route \(name): add one and make sure it is audited")
                    continue
                }
                // A fresh sign-in per call: logout revokes the session it is sent with.
                let caller = try await client.signedIn()
                let before = try await AuditEntry.query(on: app.db).count()
                let answer = try await caller.send(route.method, sample.path, raw: sample.body)
                #expect(answer.status.code < 300, "\(name): \(answer.status) \(answer.text)")
                let after = try await AuditEntry.query(on: app.db).count()
                #expect(after > before, "\(name) wrote no audit entry")
            }
            #expect(try await AuditLog.verify(on: app.db).breaks.isEmpty)
        }
    }

    @Test("reading does not write to the audit log")
    func readsAreNotAudited() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let before = try await AuditEntry.query(on: app.db).count()
            _ = try await api.get("/api/v1/sales/orders")
            _ = try await api.post("/api/v1/sales/orders/preview", json: try await OrderFixtures.load(api).input())
            #expect(try await AuditEntry.query(on: app.db).count() == before)
        }
    }
}
