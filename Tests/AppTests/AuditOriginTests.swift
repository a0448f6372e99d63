import AfieldAPI
import AfieldTesting
import App
import Fluent
import Foundation
import Platform
import Testing
import Vapor

/// Issue 8 point 7.3: where a change came from (IP address, user agent) is the auditor's
/// business. Every record history (employees, orders, partners) sends it only to holders of
/// `audit.entry.read`; the others get the entries without it, in the API itself.
@Suite("Audit origin visibility")
struct AuditOriginTests {
    /// Writes an entry about the record as a change from a known address and browser would.
    private func appendFromOrigin(_ app: Application, entity: String, id: UUID) async throws {
        let tenant = try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first()!.id!
        let admin = try await User.query(on: app.db).filter(\.$email == demoEmail).first()!
        let context = AuditContext(tenantID: tenant, actorID: admin.id, actorName: admin.name, source: .web, ip: "203.0.113.7",
                                   userAgent: "Probe/1.0 (origin test)", requestID: "origin-test")
        var changes = AuditChanges()
        changes.set("title", "before", "after")
        let change = changes
        try await app.afieldWrites.transaction(on: app.db) { db in
            try await AuditLog.append(entity: entity, entityID: id, action: "update", changes: change, context: context, on: db)
        }
    }

    /// The history's entries as raw JSON objects, so absent keys can be told from nulls.
    private func entries(_ api: APIClient, _ path: String) async throws -> [[String: Any]] {
        let answer = try await api.get(path)
        #expect(answer.status == .ok, "\(path): \(answer.status)")
        return try #require(try JSONSerialization.jsonObject(with: answer.body) as? [[String: Any]])
    }

    private func expectOrigin(_ entries: [[String: Any]], shown: Bool, _ what: String) {
        #expect(!entries.isEmpty, "\(what): no history")
        if shown {
            #expect(entries.contains { $0["ip"] as? String == "203.0.113.7" && $0["userAgent"] as? String == "Probe/1.0 (origin test)" },
                    "\(what): the auditor sees where the change came from")
        } else {
            #expect(entries.allSatisfy { $0["ip"] == nil && $0["userAgent"] == nil }, "\(what): no ip or user agent for a non-auditor")
        }
    }

    @Test("a sales user reading an employee's history gets no ip or user agent; the administrator does")
    func employeeHistory() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let robert = try await EmployeeEditTests.employee(admin, "Robert King")
            try await appendFromOrigin(app, entity: "platform.employee", id: robert.id)
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            expectOrigin(try await entries(nancy, "/api/v1/org/employees/\(robert.id)/history"), shown: false, "employee, sales user")
            expectOrigin(try await entries(admin, "/api/v1/org/employees/\(robert.id)/history"), shown: true, "employee, administrator")
        }
    }

    @Test("order and customer histories follow the same rule")
    func otherHistories() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let order: OrderDetail = try await nancy.post("/api/v1/sales/orders", json: try await OrderFixtures.load(nancy).input()).decode()
            try await appendFromOrigin(app, entity: "sales.order", id: order.order.id)
            expectOrigin(try await entries(nancy, "/api/v1/sales/orders/\(order.order.id)/history"), shown: false, "order, sales user")
            expectOrigin(try await entries(admin, "/api/v1/sales/orders/\(order.order.id)/history"), shown: true, "order, administrator")

            let customer = try #require(try await nancy.get("/api/v1/partners/customers?limit=1").decode(AfieldAPI.Page<PartnerSummary>.self).items.first)
            try await appendFromOrigin(app, entity: "partners.partner", id: customer.id)
            expectOrigin(try await entries(nancy, "/api/v1/partners/customers/\(customer.id)/history"), shown: false, "customer, sales user")
            expectOrigin(try await entries(admin, "/api/v1/partners/customers/\(customer.id)/history"), shown: true, "customer, administrator")

            let log = try await admin.get("/api/v1/audit/entries?record=\(customer.id)")
            let items = try #require((try JSONSerialization.jsonObject(with: log.body) as? [String: Any])?["items"] as? [[String: Any]])
            expectOrigin(items, shown: true, "audit log, administrator")
        }
    }
}
