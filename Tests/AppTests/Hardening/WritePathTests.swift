import AfieldTesting
import App
import Fluent
import Foundation
import Platform
import SQLKit
import Testing
import Vapor

/// Issue 9 point 7: writes of one company no longer take turns on its audit chain head, its
/// document-number row and its change counters until they commit — and the chain stays whole,
/// numbers stay unique, counters keep growing.
@Suite("Write path")
struct WritePathTests {
    private static func pending(_ app: Application) async throws -> Int {
        let sql = app.db as! any SQLDatabase
        return try await sql.raw("SELECT COUNT(*) AS n FROM audit_pending").first()!.decode(column: "n", as: Int.self)
    }

    @Test("H9-7 audit entries a crash left queued are chained by the next run, in the order written, across batches; the chain verifies")
    func queuedEntriesAreChained() async throws {
        try await withAfield { app, _ in
            let tenant = try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first()!
            let head = try #require(try await AuditLog.anchors(on: app.db, tenantID: tenant.id!).first)
            let context = AuditContext.system(tenant.id!, name: "write path test", source: .system)
            let ids = (0..<1_201).map { _ in UUID() }
            // Committed outside the write serializer, as if the process died before chaining.
            try await app.db.transaction { db in
                for id in ids {
                    var changes = AuditChanges()
                    changes.set("name", nil, id.uuidString)
                    try await AuditLog.append(entity: "test.thing", entityID: id, action: "create", changes: changes, context: context, on: db)
                }
            }
            #expect(try await Self.pending(app) == 1_201)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$entity == "test.thing").count() == 0)

            await app.afieldWrites.settleAudit(on: app.db)
            #expect(try await Self.pending(app) == 0)
            let chained = try await AuditEntry.query(on: app.db).filter(\.$tenantID == tenant.id!).filter(\.$seq > head.seq).sort(\.$seq).all()
            #expect(chained.count == 1_201)
            #expect(chained.map(\.entityID) == ids)
            #expect(chained.map(\.seq) == (1...1_201).map { head.seq + Int64($0) })
            #expect(chained.first?.prevHash == head.hash)
            #expect(try await AuditLog.anchors(on: app.db, tenantID: tenant.id!).first?.seq == head.seq + 1_201)
            #expect(try await AuditLog.verify(on: app.db).breaks.isEmpty)
        }
    }

    @Test("H9-7 a write returns with its audit entries chained; concurrent writes of one company chain without gaps")
    func writesSettleTheirEntries() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let input = try await OrderFixtures.load(api).input()
            let created = try await withThrowingTaskGroup(of: OrderSnapshot.self) { group in
                for _ in 0..<16 { group.addTask { try await api.post("/api/v1/sales/orders", json: input).decode(OrderSnapshot.self) } }
                return try await group.reduce(into: [OrderSnapshot]()) { $0.append($1) }
            }
            #expect(try await Self.pending(app) == 0)
            for order in created {
                #expect(try await AuditEntry.query(on: app.db).filter(\.$entityID == order.id).filter(\.$action == "create").count() == 1)
            }
            #expect(Set(created.map(\.number)).count == 16)
            #expect(try await AuditLog.verify(on: app.db).breaks.isEmpty)
        }
    }

    @Test("H9-7 numbers where gaps are allowed: on PostgreSQL a failed save leaves a gap, on SQLite none; gapless numbers never leave one")
    func numbersWithAndWithoutGaps() async throws {
        try await withAfield { app, _ in
            let tenant = try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first()!.id!
            let writes = app.afieldWrites
            for (numbering, key, gaps) in [(DocumentNumbering.gapsAllowed(pool: app.db, writes: writes), "test.gaps", !writes.serializes),
                                           (DocumentNumbering(), "test.gapless", false)] {
                let take: @Sendable (Bool) async throws -> String = { fail in
                    let early = try await numbering.early(prefix: "T", period: "2026", key: key, tenantID: tenant)
                    return try await writes.transaction(on: app.db) { db in
                        let number = if let early { early } else {
                            try await numbering.next(prefix: "T", period: "2026", key: key, tenantID: tenant, on: db)
                        }
                        if fail { throw Abort(.conflict) }
                        return number
                    }
                }
                #expect(try await take(false) == "T-2026-00001")
                await #expect(throws: Abort.self) { _ = try await take(true) }
                #expect(try await take(false) == (gaps ? "T-2026-00003" : "T-2026-00002"), "\(key)")
                // Concurrent callers never share a number.
                let numbers = try await withThrowingTaskGroup(of: String.self) { group in
                    for _ in 0..<20 { group.addTask { try await take(false) } }
                    return try await group.reduce(into: [String]()) { $0.append($1) }
                }
                #expect(Set(numbers).count == 20)
            }
        }
    }

    @Test("H9-7 a change counter is the sum of its stripes: every committed bump counts once, concurrent ones too")
    func stripedRevisions() async throws {
        try await withAfield { app, _ in
            let tenant = try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first()!.id!
            let before = try await Revisions.current("test.counter", tenantID: tenant, on: app.db)
            #expect(before == 0)
            let writes = app.afieldWrites
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<40 {
                    group.addTask { try await writes.transaction(on: app.db) { try await Revisions.bump("test.counter", tenantID: tenant, on: $0) } }
                }
                try await group.waitForAll()
            }
            _ = try? await writes.transaction(on: app.db) { db -> Void in
                try await Revisions.bump("test.counter", tenantID: tenant, on: db)
                throw Abort(.conflict)
            }
            #expect(try await Revisions.current("test.counter", tenantID: tenant, on: app.db) == 40)
        }
    }
}

private struct OrderSnapshot: Decodable, Sendable {
    let id: UUID
    let number: String
}
