import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// Connects an application to its database (DESIGN §2, §8).
public enum DatabaseSetup {
    /// Why the database cannot be used; the CLI prints `description` as its one error line.
    public struct Unreachable: Error, CustomStringConvertible {
        public let location: DatabaseLocation
        public let reason: String
        public var description: String { "cannot use the database (\(location)): \(reason)" }
    }

    /// Registers the database as the default and checks it answers.
    ///
    /// SQLite: creates the folder, WAL journal (persistent), and per connection
    /// `synchronous=NORMAL`, `busy_timeout=5000` (replaces sqlite-nio's retry-forever busy
    /// handler with a bounded wait) and foreign keys on.
    /// - Throws: ``Unreachable`` when the database does not answer.
    public static func configure(_ app: Application, location: DatabaseLocation) async throws {
        switch location {
        case .sqlite(let path):
            let url = URL(fileURLWithPath: path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw Unreachable(location: location, reason: "cannot create folder \(url.deletingLastPathComponent().path): \(error.localizedDescription)")
            }
            // One connection per event loop, and every write queues for the one writer: under a
            // burst (thirty sign-ins at 9:00 on two cores) a request may wait longer than the
            // driver's default 10 s for its loop's connection, and would then fail with 503 while
            // the server is merely busy. 60 s stays inside a browser's patience.
            app.databases.use(.sqlite(.file(path), connectionPoolTimeout: .seconds(60), sqlLogLevel: nil), as: .sqlite)
            app.afieldWrites = WriteSerializer(serialize: true)
        case .postgres(let urlText):
            let configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: urlText)
            } catch {
                throw Unreachable(location: location, reason: "not a valid PostgreSQL URL")
            }
            app.databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 8, sqlLogLevel: .debug), as: .psql)
            app.afieldWrites = WriteSerializer(serialize: false)
        }
        try await check(app, location: location)
    }

    private static func check(_ app: Application, location: DatabaseLocation) async throws {
        // The connection pool logs a failed connect at error level; the caller reports it in one line instead.
        let level = app.logger.logLevel
        app.logger.logLevel = .critical
        defer { app.logger.logLevel = level }
        do {
            if location.isSQLite {
                var loops: [any EventLoop] = []
                for loop in app.eventLoopGroup.makeIterator() { loops.append(loop) }
                let first = app.db as! any SQLDatabase
                try await first.raw("PRAGMA journal_mode=WAL").run()
                // One connection per event loop: set the per-connection pragmas on each.
                for loop in loops {
                    guard let sql = app.databases.database(logger: app.logger, on: loop) as? any SQLDatabase else { continue }
                    try await sql.raw("PRAGMA synchronous=NORMAL").run()
                    try await sql.raw("PRAGMA busy_timeout=5000").run()
                    try await sql.raw("PRAGMA foreign_keys=ON").run()
                }
            } else {
                guard let sql = app.db as? any SQLDatabase else { return }
                try await withTimeout(seconds: 10) { try await sql.raw("SELECT 1").run() }
            }
        } catch let error as Unreachable {
            throw error
        } catch {
            throw Unreachable(location: location, reason: reason(error))
        }
    }

    /// A short reason: PostgresNIO hides details from `description`, so read the reflection.
    private static func reason(_ error: any Error) -> String {
        let text = String(reflecting: error)
        for (needle, reason) in [("Connection refused", "connection refused"), ("does not exist", "the database or role does not exist"),
                                 ("password authentication failed", "password authentication failed"),
                                 ("authentication", "authentication failed"), ("timed out", "timed out"),
                                 ("unable to open database", "cannot open the SQLite file")] where text.contains(needle) {
            return reason
        }
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }

    private static func withTimeout(seconds: Int, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                throw Unreachable(location: .postgres(url: ""), reason: "no answer within \(seconds) s")
            }
            try await group.next()
            group.cancelAll()
        }
    }
}

extension Application {
    private struct WritesKey: StorageKey { typealias Value = WriteSerializer }

    /// The write serializer for this application's database.
    public var afieldWrites: WriteSerializer {
        get { storage[WritesKey.self] ?? WriteSerializer(serialize: false) }
        set { storage[WritesKey.self] = newValue }
    }
}

extension Request {
    /// Runs `body` in a write transaction (serialized on SQLite, see ``WriteSerializer``); inside
    /// a request that runs as one transaction, a savepoint of it.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await application.afieldWrites.transaction(on: database, body)
    }

    /// The database a handler reads through: the request's own transaction while the request
    /// runs in one (an idempotent write, ``IdempotencyMiddleware``), else the pool. Handlers use
    /// this, never Fluent's `db`, which would not see that transaction's writes (and on SQLite
    /// would wait for the one connection the transaction holds).
    public var database: any Database { WriteSerializer.ambient ?? db }
}
