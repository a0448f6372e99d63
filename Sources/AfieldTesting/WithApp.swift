import AfieldAPI
import App
import Foundation
import Platform
import Vapor
import VaporTesting

/// Runs `body` against a fully configured Afield on a fresh database.
///
/// - Parameters:
///   - demo: start from the Northwind demo company (default) or from an empty, migrated database.
public func withAfield(demo: Bool = true, _ body: (Application, APIClient) async throws -> Void) async throws {
    let location = try await TestDatabases.shared.make(demo: demo)
    // Uploaded files go to a folder of this test's own, removed with its database.
    let files = FileManager.default.temporaryDirectory.appendingPathComponent("afield-files-\(UUID().uuidString)")
    let app = try await Application.make(.testing)
    do {
        try await AfieldApp.configure(app, database: location, publicDirectory: nil, dataDirectory: files.path)
        try await app.autoMigrate()
        try await body(app, APIClient(app: app))
        try await app.asyncShutdown()
        await TestDatabases.shared.drop(location)
        try? FileManager.default.removeItem(at: files)
    } catch {
        try? await app.asyncShutdown()
        await TestDatabases.shared.drop(location)
        try? FileManager.default.removeItem(at: files)
        throw error
    }
}

/// The demo sign-in of ``DemoCompany``.
public let demoEmail = DemoCompany.email
public let demoPassword = DemoCompany.password
