import App
import ArgumentParser
import Foundation
import Logging
import Platform
import Vapor

/// `afield`: serve (default), migrate, import.
@main
struct AfieldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "afield",
        abstract: "Afield — ERP for people who work away from the office.",
        discussion: """
            `afield` alone runs the server (`afield serve --help` explains each option): --port, --database (a SQLite \
            file or a postgres:// URL), --host 0.0.0.0 to open it from a phone on the same network (everyone on that \
            network can reach it then, over plain HTTP), --public-dir and --demo-dir where the web app and the demo \
            data are not found beside the executable, --no-demo to start without the demo company.
            """,
        version: AfieldApp.version,
        subcommands: [Serve.self, Migrate.self, Import.self, Audit.self, Keys.self, Repair.self],
        defaultSubcommand: Serve.self
    )
}

/// Options every command that opens the database shares.
struct DatabaseOptions: ParsableArguments {
    @ArgumentParser.Option(name: .long, help: "SQLite file path or postgres:// URL (env DATABASE_URL; default afield-data/afield.sqlite).")
    var database: String?

    @ArgumentParser.Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical (env LOG_LEVEL).")
    var logLevel: String?

    func location() throws -> DatabaseLocation {
        guard let text = database ?? ProcessInfo.processInfo.environment["DATABASE_URL"], !text.isEmpty else { return .defaultSQLite }
        do { return try DatabaseLocation(parsing: text) } catch { throw ValidationError(String(describing: error)) }
    }

    func level() throws -> Logger.Level {
        let text = logLevel ?? ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: text.lowercased()) else { throw ValidationError("unknown log level '\(text)'") }
        return level
    }
}

/// Boots logging once and runs `body` with a configured application, shutting it down after.
enum Runner {
    nonisolated(unsafe) private static var bootstrapped = false

    static func withApp(_ options: DatabaseOptions, publicDirectory: String?, _ body: (Application) async throws -> Void) async throws {
        let level = try options.level()
        let location = try options.location()
        if !bootstrapped {
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            bootstrapped = true
        }
        let dataFolder: String
        if case .sqlite(let path) = location { dataFolder = (path as NSString).deletingLastPathComponent } else { dataFolder = "afield-data" }
        let cipher: FieldCipher
        do { cipher = try EncryptionKeys.load(dataFolder: dataFolder.isEmpty ? "." : dataFolder) } catch { throw ValidationError(String(describing: error)) }
        let app = try await Application.make(Environment(name: "production", arguments: ["afield"]))
        do {
            try await AfieldApp.configure(app, database: location, publicDirectory: publicDirectory, cipher: cipher,
                                          dataDirectory: dataFolder.isEmpty ? "." : dataFolder)
            try await body(app)
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// Stops with an error when `options` name a SQLite file that does not exist: commands that
    /// inspect a database must not create an empty one (and then find nothing wrong in it).
    static func requireExistingDatabase(_ options: DatabaseOptions) throws {
        if case .sqlite(let path) = try options.location(), !FileManager.default.fileExists(atPath: path) {
            fail("there is no database at \(path)")
        }
    }

    /// Prints one line to standard error and exits non-zero.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("afield: error: \(message)\n".utf8))
        Foundation.exit(1)
    }
}
