import AfieldAPI
import App
import Foundation
import Synchronization
import Platform
import Vapor
import VaporTesting

/// A `.testing` application whose passwords are hashed with bcrypt at its lowest cost (4), not
/// Vapor's default 12 the product keeps. The suite signs in hundreds of times and each bcrypt check
/// at cost 12 takes ~0.3 s of a core (measured on the debug server here); what the tests check —
/// which password matches, how many checks a throttle allows — does not depend on the cost. The
/// demo company in the template database is made with it too, so its users check at cost 4.
public func makeTestApplication() async throws -> Application {
    let app = try await Application.make(.testing)
    app.passwords.use(.bcrypt(cost: 4))
    return app
}

/// Runs `body` against a fully configured Afield on a fresh database.
///
/// - Parameters:
///   - demo: start from the Northwind demo company (default) or from an empty, migrated database.
///   - clock: the server's time for time-based checks (two-factor codes); the system clock by default.
public func withAfield(demo: Bool = true, clock: AfieldClock = .system, _ body: (Application, APIClient) async throws -> Void) async throws {
    let location = try await TestDatabases.shared.make(demo: demo)
    // Uploaded files go to a folder of this test's own, removed with its database.
    let files = FileManager.default.temporaryDirectory.appendingPathComponent("afield-files-\(UUID().uuidString)")
    let app = try await makeTestApplication()
    do {
        try await AfieldApp.configure(app, database: location, publicDirectory: nil, dataDirectory: files.path, clock: clock)
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

/// A clock a test sets and moves itself (``AfieldClock``): time-based checks then do not depend
/// on how long the test takes.
public final class ManualClock: Sendable {
    private let instant: Mutex<Date>

    /// Starts at `start`; by default 15 s into a 30-second TOTP step, so a code of "now" is not
    /// at a step's edge.
    public init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_025)) { instant = Mutex(start) }

    public var now: Date { instant.withLock { $0 } }

    /// Moves the clock by `seconds`.
    public func advance(_ seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// The ``AfieldClock`` that reads this clock.
    public var clock: AfieldClock { AfieldClock { [self] in self.now } }
}
