import App
import ArgumentParser
import Foundation
import Fluent
import Platform
import Vapor

/// `afield serve`: migrate, create the demo company on an empty database, serve HTTP until
/// SIGINT/SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Afield server (the default command).")

    @ArgumentParser.Option(name: .long, help: ArgumentHelp(
        "Address to listen on (env AFIELD_HOST; default 127.0.0.1: this computer only).",
        discussion: """
            0.0.0.0 listens on every network interface, e.g. to open Afield from a phone on the same network: \
            the banner then names this computer's addresses (open http://<address>:<port>/). Everyone on that \
            network can reach the server then, over plain HTTP (passwords and sessions unencrypted): use it on \
            a network you trust, and put an HTTPS proxy in front for anything else.
            """))
    var host: String?

    @ArgumentParser.Option(name: .long, help: "Port to listen on (env AFIELD_PORT; default 8080).")
    var port: Int?

    @ArgumentParser.Flag(name: .long, help: "Start without the Northwind demo company; the web app then offers registration.")
    var noDemo = false

    @ArgumentParser.Option(name: .long, help: ArgumentHelp(
        "Folder of the web app (env AFIELD_PUBLIC_DIR).",
        discussion: "Default: Public/ beside the afield executable, in ../share/afield, in the package root of a .build/<config>/afield, or in the working folder."))
    var publicDir: String?

    @ArgumentParser.Flag(name: .long, help: "Serve the API only, without the web app.")
    var noWebApp = false

    @ArgumentParser.Option(name: .long, help: ArgumentHelp(
        "Folder of the Northwind demo data (env AFIELD_DEMO_DIR).",
        discussion: "Default: Demo/northwind/, looked for like the web app. Read only when the database has no company yet."))
    var demoDir: String?

    @OptionGroup var options: DatabaseOptions

    func validate() throws {
        if let port, !(1...65535).contains(port) { throw ValidationError("port must be 1…65535") }
        if let text = ProcessInfo.processInfo.environment["AFIELD_PORT"], port == nil, Int(text).map({ (1...65535).contains($0) }) != true {
            throw ValidationError("AFIELD_PORT must be a port number 1…65535, not '\(text)'")
        }
        if noWebApp && publicDir != nil { throw ValidationError("--no-web-app and --public-dir exclude each other") }
    }

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let host = self.host ?? env["AFIELD_HOST"] ?? "127.0.0.1"
        let port = self.port ?? env["AFIELD_PORT"].flatMap(Int.init) ?? 8080
        let noDemo = self.noDemo
        if BenchmarkBuild.guardsOff {
            // A binary without data scopes and audit log exists only to measure their cost.
            guard env["AFIELD_BENCHMARK_NO_GUARDS"] == "yes" else {
                Runner.fail("this is a benchmark build without data scopes and audit log; set AFIELD_BENCHMARK_NO_GUARDS=yes to run it anyway")
            }
            FileHandle.standardError.write(Data("WARNING: benchmark build: data scopes and the audit log are OFF\n".utf8))
        }
        // Found before anything is created, so that a server that could not show its web app or
        // fill its first company stops without leaving a database or key file behind.
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let executable = ShippedFolder.runningExecutable
        var publicDirectory: String?
        if !noWebApp {
            do {
                publicDirectory = try ShippedFolder.webApp.locate(explicit: publicDir ?? env["AFIELD_PUBLIC_DIR"], executable: executable,
                                                                  workingDirectory: here).path
            } catch let error as ShippedFolder.NotFound {
                Runner.fail("\(error.description) (or serve the API only with --no-web-app)")
            }
        }
        var demoDirectory: URL?
        var demoMissing: String?
        if !noDemo {
            let explicit = demoDir ?? env["AFIELD_DEMO_DIR"]
            do {
                demoDirectory = try ShippedFolder.demoData.locate(explicit: explicit, executable: executable, workingDirectory: here)
            } catch let error as ShippedFolder.NotFound {
                demoMissing = "\(error.description) (or start with --no-demo)"
                // Named folders must be right; a default one matters only to an empty database.
                let databaseExists = Self.databaseExists(try options.location())
                if explicit != nil || !databaseExists { Runner.fail(demoMissing!) }
            }
        }
        do {
            try await Runner.withApp(options, publicDirectory: publicDirectory) { app in
                // Asked before migrating: a database that would stay without its company is not even given tables.
                let needsDemo = !noDemo ? await DemoCompany.isNeeded(app) : false
                if needsDemo, let demoMissing { throw ShippedFolder.NotFound(description: demoMissing) }
                try await app.autoMigrate()
                // Audit entries a crash left between their commit and the chain.
                await app.afieldWrites.settleAudit(on: app.db)
                var signIn: String?
                if let demoDirectory, needsDemo {
                    Self.say("Creating the demo company \(DemoCompany.name)…")
                    let started = Date()
                    let tally = try await DemoCompany.createIfEmpty(app, directory: demoDirectory) { line in
                        app.logger.debug("demo import: \(line)")
                    }
                    if let tally {
                        app.logger.debug("created the demo company \(DemoCompany.name) in \(Int(Date().timeIntervalSince(started) * 1000)) ms: \(tally)")
                    }
                }
                if !noDemo, try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first() != nil {
                    signIn = "Demo sign-in: \(DemoCompany.email) / \(DemoCompany.password)"
                }
                app.http.server.configuration.hostname = host
                app.http.server.configuration.port = port
                // Only the web app's text files are compressed (StaticFilesMiddleware opts them in):
                // API answers stay as they are, so no secret in one is exposed to compression
                // side channels (BREACH) by a reflected value beside it.
                app.http.server.configuration.responseCompression = .disabled(allowedTypes: .none, allowRequestOverrides: true)
                let everywhere = host == "0.0.0.0" || host == "::"
                // Listen first: the banner names an address only once this server holds it (when
                // the port is taken, startup fails and nothing claims the address is Afield's).
                try await app.startup()
                var banner = "Afield \(AfieldApp.version) is running at http://\(everywhere ? "127.0.0.1" : host):\(port)/\n"
                if everywhere {
                    let addresses = NetworkAddresses.reachable().map { "http://\($0):\(port)/" }
                    if !addresses.isEmpty { banner += "On other devices of this network: \(addresses.joined(separator: " or "))\n" }
                }
                if let signIn { banner += signIn + "\n" }
                Self.say(banner, newline: false)
                try await app.running?.onStop.get()
            }
        } catch let error as DatabaseSetup.Unreachable {
            Runner.fail(error.description)
        } catch let error as ShippedFolder.NotFound {
            Runner.fail(error.description)
        } catch let error as any NorthwindFilesError {
            Runner.fail(error.description)
        } catch {
            Runner.fail(Self.describe(error, host: host, port: port))
        }
    }

    /// Writes to standard output at once (`print` is buffered when the output is a pipe or file).
    static func say(_ text: String, newline: Bool = true) {
        FileHandle.standardOutput.write(Data((newline ? text + "\n" : text).utf8))
    }

    /// Whether the database may already hold a company: a PostgreSQL database is made by its
    /// owner beforehand, a SQLite file by the first start.
    static func databaseExists(_ location: DatabaseLocation) -> Bool {
        guard case .sqlite(let path) = location else { return true }
        return FileManager.default.fileExists(atPath: path)
    }

    static func describe(_ error: any Error, host: String, port: Int) -> String {
        let text = String(describing: error)
        if text.contains("Address already in use") || text.contains("EADDRINUSE") || text.contains("errno: 98") {
            return "cannot listen on \(host):\(port): the address is already in use (try --port)"
        }
        return text
    }
}
