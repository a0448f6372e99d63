import AfieldTesting
import App
import Fluent
import Foundation
import Partners
import Platform
import SQLKit
import Sales
import Testing
import Vapor

/// Issue 8 point 8: a first start whose demo import fails leaves an empty database, which the
/// next start fills; never a half-made company.
@Suite("Demo company failure")
struct DemoCompanyFailureTests {
    /// A copy of the shipped demo data, changed by `edit`; removed after `body`.
    private func demoCopy(_ edit: (URL) throws -> Void, _ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("afield-demo-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TestDatabases.demoDirectory, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder.appendingPathComponent(file).path)
        }
        try edit(folder)
        try await body(folder)
    }

    /// The `NorthwindFilesError` that `body` throws; records an issue when it throws none or another error.
    private static func filesError(_ body: () async throws -> Void) async -> (any NorthwindFilesError)? {
        do {
            try await body()
            Issue.record("no error")
        } catch let error as any NorthwindFilesError {
            return error
        } catch {
            Issue.record("another error: \(error)")
        }
        return nil
    }

    private func expectNothingStored(_ app: Application) async throws {
        #expect(try await Tenant.query(on: app.db).count() == 0)
        #expect(try await User.query(on: app.db).count() == 0)
        #expect(try await Partner.query(on: app.db).count() == 0)
        #expect(try await SalesOrder.query(on: app.db).count() == 0)
        #expect(try await AuditEntry.query(on: app.db).count() == 0)
        let heads = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM audit_heads").first()
        #expect(try heads?.decode(column: "n", as: Int.self) == 0)
    }

    /// The next start, with the complete files, makes the whole company.
    private func expectNextStartFills(_ app: Application) async throws {
        let tally = try await DemoCompany.createIfEmpty(app, directory: TestDatabases.demoDirectory) { _ in }
        #expect(tally?["orders"] == .init(created: 830))
        #expect(try await Tenant.query(on: app.db).count() == 1)
        #expect(try await SalesOrderLine.query(on: app.db).count() == 2155)
        #expect(try await AuditLog.verify(on: app.db).breaks.isEmpty)
    }

    @Test("H8-8 a demo folder missing one file: an error naming it, no company, and the next start fills the database")
    func missingFile() async throws {
        try await demoCopy({ try FileManager.default.removeItem(at: $0.appendingPathComponent("order_details.csv")) }) { folder in
            try await withAfield(demo: false) { app, _ in
                let error = await Self.filesError { _ = try await DemoCompany.createIfEmpty(app, directory: folder) { _ in } }
                #expect(error?.description.contains("order_details.csv") == true)
                try await expectNothingStored(app)
                try await expectNextStartFills(app)
            }
        }
    }

    @Test("H8-8 a failure after the company, users, partners and products were written rolls all of it back")
    func failurePartWay() async throws {
        try await demoCopy({ folder in
            // The last order line names a product that does not exist: found only after everything but the orders is written.
            let url = folder.appendingPathComponent("order_details.csv")
            var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            var last = lines.removeLast().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            last[1] = "999"
            lines.append(last.joined(separator: ","))
            try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        }) { folder in
            try await withAfield(demo: false) { app, _ in
                let stages = StageLog()
                let error = await Self.filesError { _ = try await DemoCompany.createIfEmpty(app, directory: folder) { stages.add($0) } }
                #expect(error?.description.contains("unknown product NW-999") == true, "\(String(describing: error))")
                #expect(stages.lines.contains { $0.hasPrefix("users:") }, "the import got as far as the users: \(stages.lines)")
                try await expectNothingStored(app)
                try await expectNextStartFills(app)
            }
        }
    }
}

/// The import's progress lines, collected from its callback.
private final class StageLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var lines: [String] { lock.withLock { stored } }
    func add(_ line: String) { lock.withLock { stored.append(line) } }
}
