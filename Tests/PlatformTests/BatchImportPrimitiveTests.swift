import Foundation
import Platform
import Testing

/// The pieces batch imports are built of (issue 8 point 8: a faster first start).
@Suite("Batch import primitives")
struct BatchImportPrimitiveTests {
    @Test("distinct runs keep the order and start a new run where a key repeats")
    func distinctRuns() {
        #expect([1, 2, 3].distinctRuns(by: { $0 }) == [[1, 2, 3]])
        #expect(["a1", "b1", "a2", "c1", "b2"].distinctRuns(by: { $0.first! }) == [["a1", "b1"], ["a2", "c1", "b2"]])
        #expect([Int]().distinctRuns(by: { $0 }).isEmpty)
    }

    @Test("insert rows must name exactly the model's columns")
    func columnsChecked() throws {
        let all = ["id", "tenant_id", "seq", "at", "actor_id", "actor_name", "on_behalf_of", "entity", "entity_id", "action",
                   "changes", "source", "ip", "user_agent", "request_id", "prev_hash", "hash"]
        #expect(try InsertRows(AuditEntry.self, columns: all).table == "audit_entries")
        let missing = #expect(throws: InsertRows.ColumnMismatch.self) { try InsertRows(AuditEntry.self, columns: all.dropLast() + ["hsah"]) }
        #expect(missing?.description == #"audit_entries: columns missing ["hash"], unknown ["hsah"]"#)
    }
}
