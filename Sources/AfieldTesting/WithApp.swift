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
    let app = try await Application.make(.testing)
    do {
        try await AfieldApp.configure(app, database: location, publicDirectory: nil)
        try await app.autoMigrate()
        try await body(app, APIClient(app: app))
        try await app.asyncShutdown()
        await TestDatabases.shared.drop(location)
    } catch {
        try? await app.asyncShutdown()
        await TestDatabases.shared.drop(location)
        throw error
    }
}

/// The demo sign-in of ``DemoCompany``.
public let demoEmail = DemoCompany.email
public let demoPassword = DemoCompany.password
