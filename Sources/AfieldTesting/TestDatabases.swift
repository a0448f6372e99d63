import App
import Fluent
import Foundation
import Platform
import Vapor

/// Fresh databases for tests, copied from a template that already holds the Northwind demo
/// company (as SwiftPackageIndex-Server does): each test gets its own database, so tests run in
/// parallel and never see each other's writes.
///
/// SQLite by default. With `AFIELD_TEST_POSTGRES_URL=postgres://user@host:port/postgres` set,
/// every test database is a PostgreSQL database made with `CREATE DATABASE … TEMPLATE …`.
public actor TestDatabases {
    public static let shared = TestDatabases()

    /// The repository root (tests read `Demo/northwind` from it).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    public static var demoDirectory: URL { packageRoot.appendingPathComponent("Demo/northwind") }

    /// PostgreSQL server URL of the maintenance database, or nil for SQLite.
    public static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["AFIELD_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }

    /// One template build per test process; concurrent callers wait for the same task.
    private var template: Task<DatabaseLocation, any Error>?
    private let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("afield-tests-\(getpid())")
    private let runID = String(UUID().uuidString.prefix(8)).lowercased()
    private var counter = 0
    private var lastCopy: Task<Void, any Error>?

    /// A new database: with the demo company when `demo`, else empty (not even migrated).
    public func make(demo: Bool) async throws -> DatabaseLocation {
        TestLogging.bootstrap()
        counter += 1
        let name = "afield_t_\(runID)_\(counter)"
        if !demo { return try await empty(name) }
        let template = try await demoTemplate()
        switch template {
        case .sqlite(let path):
            let copy = scratch.appendingPathComponent("\(name).sqlite").path
            try FileManager.default.copyItem(atPath: path, toPath: copy)
            return .sqlite(path: copy)
        case .postgres(let url):
            let templateName = URLComponents(string: url)!.path.dropFirst()
            // PostgreSQL refuses two copies of one template at once: queue them.
            let previous = lastCopy
            let copy = Task {
                _ = await previous?.result
                try await Self.admin("CREATE DATABASE \(name) TEMPLATE \(templateName)")
            }
            lastCopy = copy
            try await copy.value
            return .postgres(url: Self.url(database: name))
        }
    }

    private func empty(_ name: String) async throws -> DatabaseLocation {
        if Self.postgresURL != nil {
            try await Self.admin("CREATE DATABASE \(name)")
            return .postgres(url: Self.url(database: name))
        }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        return .sqlite(path: scratch.appendingPathComponent("\(name).sqlite").path)
    }

    private func demoTemplate() async throws -> DatabaseLocation {
        if let template { return try await template.value }
        let name = "afield_tpl_\(runID)"
        let task = Task { try await Self.fill(template: try await self.empty(name)) }
        template = task
        return try await task.value
    }

    private static func fill(template location: DatabaseLocation) async throws -> DatabaseLocation {
        let app = try await makeTestApplication()
        do {
            try await AfieldApp.configure(app, database: location, publicDirectory: nil)
            try await app.autoMigrate()
            _ = try await DemoCompany.createIfEmpty(app, directory: Self.demoDirectory) { _ in }
            if case .sqlite = location, let sql = app.db as? any SQLDatabase {
                try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
            }
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        return location
    }

    /// Deletes a test database made by ``make(demo:)``.
    public func drop(_ location: DatabaseLocation) async {
        switch location {
        case .sqlite(let path):
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        case .postgres(let url):
            guard let name = URLComponents(string: url)?.path.dropFirst() else { return }
            try? await Self.admin("DROP DATABASE IF EXISTS \(name)")
        }
    }

    static func url(database: String) -> String {
        var parts = URLComponents(string: postgresURL!)!
        parts.path = "/\(database)"
        return parts.string!
    }

    /// Runs one statement on the maintenance database.
    static func admin(_ statement: String) async throws {
        let app = try await Application.make(.testing)
        do {
            app.databases.use(try .postgres(url: postgresURL!), as: .psql)
            try await (app.db as! any SQLDatabase).raw(SQLQueryString(statement)).run()
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}

import FluentPostgresDriver
import SQLKit

/// Quiet logs in tests (warnings and worse), set once per process.
enum TestLogging {
    static let bootstrapped: Bool = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        return true
    }()

    static func bootstrap() { _ = bootstrapped }
}
