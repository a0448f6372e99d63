import AfieldAPI
import AfieldTesting
import App
import Fluent
import Foundation
import Partners
import Platform
import SQLKit
import Testing
import Vapor

/// The tamper-evident audit log (DESIGN §5) and case A-32 (../shared/cases/access.md).
@Suite("Audit log")
struct AuditTests {
    private func latest(_ app: Application, entity: String, id: UUID) async throws -> AuditEntry? {
        try await AuditEntry.query(on: app.db).filter(\.$entity == entity).filter(\.$entityID == id).sort(\.$seq, .descending).first()
    }

    private func changes(_ entry: AuditEntry?) throws -> [String: AuditChanges.Change] {
        try JSONDecoder().decode(AuditChanges.self, from: Data((entry?.changes ?? "{}").utf8)).fields
    }

    @Test("A-32 re-import with a new e-mail: old and new value, actor, source import")
    func importIsAudited() async throws {
        try await withAfield { app, _ in
            let tenant = try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first()!
            let context = AuditContext.system(tenant.id!, name: "crm import", source: .import)
            let partners = PartnerImport(db: app.db)
            var record = PartnerImport.Record(code: "C-A32", name: "Customer C", roles: [.customer], email: "a@example.cn")
            let (created, id) = try await partners.upsert(record, tenantID: tenant.id!, audit: context)
            #expect(created == .created)
            record.email = "b@example.cn"
            let (updated, _) = try await partners.upsert(record, tenantID: tenant.id!, audit: context)
            #expect(updated == .updated)
            let entry = try await latest(app, entity: PartnersModule.auditEntity, id: id)
            #expect(entry?.action == "update")
            #expect(entry?.source == "import")
            #expect(entry?.actorName == "crm import")
            #expect(try changes(entry) == ["email": .init(before: "a@example.cn", after: "b@example.cn")])
            let (again, _) = try await partners.upsert(record, tenantID: tenant.id!, audit: context)
            #expect(again == .unchanged)
            #expect(try await latest(app, entity: PartnersModule.auditEntity, id: id)?.id == entry?.id, "no entry for no change")
        }
    }

    @Test("A-32 an API edit records old and new e-mail with the actor and source api; the web app's is source web")
    func apiEditIsAudited() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let customer = try await api.get("/api/v1/partners/customers?q=Alfreds").decode(Page<PartnerSummary>.self).items[0]
            let detail: PartnerDetail = try await api.get("/api/v1/partners/customers/\(customer.id)").decode()
            let first = try await api.send(.PATCH, "/api/v1/partners/customers/\(customer.id)", json: PartnerUpdate(version: detail.version, email: "a@example.cn"))
            #expect(first.status == .ok)
            let v2: PartnerDetail = try first.decode()
            _ = try await api.send(.PATCH, "/api/v1/partners/customers/\(customer.id)", json: PartnerUpdate(version: v2.version, email: "b@example.cn"))
            let entry = try await latest(app, entity: PartnersModule.auditEntity, id: customer.id)
            #expect(entry?.source == "api")
            #expect(entry?.actorName == "Andrew Fuller")
            #expect(try changes(entry) == ["email": .init(before: "a@example.cn", after: "b@example.cn")])

            let login = try await client.post("/api/v1/auth/login", json: LoginRequest(email: demoEmail, password: demoPassword))
            let cookie = String(try #require(login.headers.first(name: .setCookie)).split(separator: ";")[0])
            let v3: PartnerDetail = try await api.get("/api/v1/partners/customers/\(customer.id)").decode()
            let web = try await client.send(.PATCH, "/api/v1/partners/customers/\(customer.id)", json: PartnerUpdate(version: v3.version, phone: "030-1"),
                                            headers: [("Cookie", cookie), ("X-Afield-Request", "1")])
            #expect(web.status == .ok)
            #expect(try await latest(app, entity: PartnersModule.auditEntity, id: customer.id)?.source == "web")
        }
    }

    @Test("a stale version gets 409 with the current record and changes nothing")
    func staleVersion() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let customer = try await api.get("/api/v1/partners/customers?q=Alfreds").decode(Page<PartnerSummary>.self).items[0]
            let detail: PartnerDetail = try await api.get("/api/v1/partners/customers/\(customer.id)").decode()
            let ok = try await api.send(.PATCH, "/api/v1/partners/customers/\(customer.id)", json: PartnerUpdate(version: detail.version, name: "Alfreds F."))
            #expect(ok.status == .ok)
            let stale = try await api.send(.PATCH, "/api/v1/partners/customers/\(customer.id)", json: PartnerUpdate(version: detail.version, name: "Other"))
            #expect(stale.status == .conflict)
            #expect(try stale.error.code == "conflict.stale_version")
            let body = try JSONSerialization.jsonObject(with: stale.body) as! [String: Any]
            #expect((body["current"] as? [String: Any])?["name"] as? String == "Alfreds F.")
            #expect((body["current"] as? [String: Any])?["version"] as? Int == detail.version + 1)
            let now: PartnerDetail = try await api.get("/api/v1/partners/customers/\(customer.id)").decode()
            #expect(now.name == "Alfreds F.")
            _ = app
        }
    }

    @Test("the chain verifies, and editing or deleting an entry is found at its link")
    func tamperEvidence() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            _ = try await api.post("/api/v1/sales/orders", json: try await OrderFixtures.load(api).input())
            let clean = try await AuditLog.verify(on: app.db)
            #expect(clean.breaks.isEmpty)
            #expect(clean.checked > 1000, "the demo import is audited too")
            let sql = app.db as! any SQLDatabase
            let victim = try await AuditEntry.query(on: app.db).filter(\.$seq == 500).first()!
            try await sql.raw("UPDATE audit_entries SET changes = '{}' WHERE id = \(bind: victim.id!)").run()
            let edited = try await AuditLog.verify(on: app.db)
            #expect(edited.breaks.map(\.seq) == [500])
            #expect(edited.breaks.first?.reason.contains("content") == true)
            try await sql.raw("DELETE FROM audit_entries WHERE id = \(bind: victim.id!)").run()
            let deleted = try await AuditLog.verify(on: app.db)
            #expect(deleted.breaks.map(\.seq) == [500])
            #expect(deleted.breaks.first?.reason.contains("missing") == true)
        }
    }

    @Test("H8-4 deleting the newest entries is found: the chain must reach its head; an anchor kept outside catches a rewritten head too")
    func truncatedTail() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let input = try await OrderFixtures.load(api).input()
            for _ in 0..<3 { _ = try await api.post("/api/v1/sales/orders", json: input) }
            let sql = app.db as! any SQLDatabase
            let anchors = try await AuditLog.anchors(on: app.db)
            #expect(anchors.count == 1)
            let head = try #require(anchors.first)
            #expect(try await AuditLog.verify(on: app.db, anchors: anchors).breaks.isEmpty)

            // Remove the newest 20 entries: what remains still links up.
            try await sql.raw("DELETE FROM audit_entries WHERE tenant_id = \(bind: head.tenantId) AND seq > \(bind: head.seq - 20)").run()
            let truncated = try await AuditLog.verify(on: app.db)
            #expect(truncated.breaks.map(\.seq) == [head.seq - 19])
            #expect(truncated.breaks.first?.reason.contains("names entry \(head.seq)") == true, "\(truncated.breaks)")

            // Whoever can delete entries can also move the head back: the anchor kept outside still tells.
            let last = try await AuditEntry.query(on: app.db).filter(\.$tenantID == head.tenantId).sort(\.$seq, .descending).first()!
            try await sql.raw("UPDATE audit_heads SET seq = \(bind: last.seq), hash = \(bind: last.hash) WHERE tenant_id = \(bind: head.tenantId)").run()
            #expect(try await AuditLog.verify(on: app.db).breaks.isEmpty, "without an anchor the rewrite is invisible")
            let anchored = try await AuditLog.verify(on: app.db, anchors: anchors)
            #expect(anchored.breaks.map(\.seq) == [head.seq - 19])
            #expect(anchored.breaks.first?.reason.contains("anchor") == true)
        }
    }

    @Test("H8-4 a deleted head row and an anchor of a company no longer there are breaks, not 'intact'")
    func missingHeadAndCompany() async throws {
        try await withAfield { app, client in
            let sql = app.db as! any SQLDatabase
            let anchors = try await AuditLog.anchors(on: app.db)
            let head = try #require(anchors.first)
            try await sql.raw("DELETE FROM audit_heads WHERE tenant_id = \(bind: head.tenantId)").run()
            let headless = try await AuditLog.verify(on: app.db)
            #expect(headless.breaks.count == 1)
            #expect(headless.breaks.first?.reason.contains("no head") == true, "\(headless.breaks)")
            let stranger = AuditLog.Anchor(tenantId: UUID(), tenant: "gone", seq: 12, hash: String(repeating: "b", count: 64), at: Date())
            let missing = try await AuditLog.verify(on: app.db, anchors: [stranger])
            #expect(missing.breaks.contains { $0.tenantID == stranger.tenantId && $0.reason.contains("no longer in the database") })
            _ = client
        }
    }

    @Test("H8-4 an anchor holds while the chain grows; a rewritten entry at the anchor is named")
    func anchorsAfterGrowth() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let input = try await OrderFixtures.load(api).input()
            let anchors = try await AuditLog.anchors(on: app.db)
            for _ in 0..<2 { _ = try await api.post("/api/v1/sales/orders", json: input) }
            #expect(try await AuditLog.verify(on: app.db, anchors: anchors).breaks.isEmpty)
            let forged = anchors.map { AuditLog.Anchor(tenantId: $0.tenantId, tenant: $0.tenant, seq: $0.seq, hash: String(repeating: "a", count: 64), at: $0.at) }
            let result = try await AuditLog.verify(on: app.db, anchors: forged)
            #expect(result.breaks.map(\.seq) == anchors.map(\.seq))
        }
    }

    @Test("concurrent writers never fork a tenant's chain")
    func concurrentAppends() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let input = try await OrderFixtures.load(api).input()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<12 { group.addTask { _ = try await api.post("/api/v1/sales/orders", json: input) } }
                try await group.waitForAll()
            }
            #expect(try await AuditLog.verify(on: app.db).breaks.isEmpty)
        }
    }
}

@Suite("Audit viewer and history")
struct AuditViewerTests {
    @Test("the viewer filters by entity, record, user, source and company day; history tabs follow read access")
    func viewer() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let me = try await admin.get("/api/v1/auth/me").decode(Me.self)
            let draft: OrderDetail = try await admin.post("/api/v1/sales/orders", json: try await OrderFixtures.load(admin).input()).decode()
            _ = try await admin.send(.POST, "/api/v1/sales/orders/\(draft.order.id)/confirm")
            let byRecord: AfieldAPI.Page<AuditEntryDTO> = try await admin.get("/api/v1/audit/entries?record=\(draft.order.id)").decode()
            #expect(byRecord.items.map(\.action) == ["confirm", "create"])
            #expect(byRecord.items[0].changes["state"] == .init(before: "draft", after: "confirmed"))
            let imports: AfieldAPI.Page<AuditEntryDTO> = try await admin.get("/api/v1/audit/entries?source=import&entity=sales.order&limit=1").decode()
            #expect(imports.total == 830)
            let mine: AfieldAPI.Page<AuditEntryDTO> = try await admin.get("/api/v1/audit/entries?user=\(me.id)&source=api").decode()
            #expect(mine.items.allSatisfy { $0.actorName == "Andrew Fuller" })
            let today: AfieldAPI.Page<AuditEntryDTO> = try await admin.get("/api/v1/audit/entries?from=2000-01-01&to=2999-12-31&limit=1").decode()
            #expect(today.total > 1000)
            let none: AfieldAPI.Page<AuditEntryDTO> = try await admin.get("/api/v1/audit/entries?from=1999-01-01&to=1999-12-31").decode()
            #expect(none.total == 0)
            let history: [AuditEntryDTO] = try await admin.get("/api/v1/sales/orders/\(draft.order.id)/history").decode()
            #expect(history.map(\.action) == ["confirm", "create"])
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            #expect(try await nancy.get("/api/v1/audit/entries").status == .forbidden)
            #expect(try await nancy.get("/api/v1/sales/orders/\(draft.order.id)/history").status == .notFound, "outside her scope")
        }
    }
}
