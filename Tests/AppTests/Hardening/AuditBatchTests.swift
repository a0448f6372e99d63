import AfieldTesting
import App
import Fluent
import Foundation
import Platform
import Testing

/// Imports append their audit entries in batches (issue 8 point 8); the chain must be the one
/// single appends would have made.
@Suite("Audit batch")
struct AuditBatchTests {
    @Test("H8-8 a batch continues the chain after the head, in order; single appends continue after it; the chain verifies")
    func batchContinuesChain() async throws {
        try await withAfield { app, _ in
            let tenant = try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first()!
            let head = try #require(try await AuditLog.anchors(on: app.db, tenantID: tenant.id!).first)
            let context = AuditContext.system(tenant.id!, name: "batch test", source: .import)
            let ids = (0..<3).map { _ in UUID() }
            try await app.afieldWrites.transaction(on: app.db) { db in
                var changes = AuditChanges()
                changes.set("name", nil, "x")
                try await AuditLog.append(ids.map { .init(entity: "test.thing", entityID: $0, action: "create", changes: changes) },
                                          context: context, on: db)
                try await AuditLog.append(entity: "test.thing", entityID: ids[0], action: "update", changes: changes, context: context, on: db)
                try await AuditLog.append([], context: context, on: db)
            }
            let added = try await AuditEntry.query(on: app.db).filter(\.$tenantID == tenant.id!).filter(\.$seq > head.seq).sort(\.$seq).all()
            #expect(added.map(\.seq) == (1...4).map { head.seq + Int64($0) })
            #expect(added.map(\.entityID) == ids + [ids[0]])
            #expect(added.map(\.action) == ["create", "create", "create", "update"])
            #expect(added.first?.prevHash == head.hash)
            #expect(try await AuditLog.anchors(on: app.db, tenantID: tenant.id!).first?.hash == added.last?.hash)
            #expect(try await AuditLog.verify(on: app.db).breaks.isEmpty)
        }
    }
}
