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

    @ArgumentParser.Option(name: .long, help: "Address to listen on (env AFIELD_HOST; default 127.0.0.1).")
    var host: String?

    @ArgumentParser.Option(name: .long, help: "Port to listen on (env AFIELD_PORT; default 8080).")
    var port: Int?

    @ArgumentParser.Flag(name: .long, help: "Start without the Northwind demo company; the web app then offers registration.")
    var noDemo = false

    @ArgumentParser.Option(name: .long, help: "Folder of the web app (default ./Public).")
    var publicDir: String?

    @ArgumentParser.Option(name: .long, help: "Folder of the Northwind demo data (default ./Demo/northwind).")
    var demoDir: String?

    @OptionGroup var options: DatabaseOptions

    func validate() throws {
        if let port, !(1...65535).contains(port) { throw ValidationError("port must be 1…65535") }
        if let text = ProcessInfo.processInfo.environment["AFIELD_PORT"], port == nil, Int(text).map({ (1...65535).contains($0) }) != true {
            throw ValidationError("AFIELD_PORT must be a port number 1…65535, not '\(text)'")
        }
    }

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let host = self.host ?? env["AFIELD_HOST"] ?? "127.0.0.1"
        let port = self.port ?? env["AFIELD_PORT"].flatMap(Int.init) ?? 8080
        let publicDir = self.publicDir ?? env["AFIELD_PUBLIC_DIR"] ?? "Public"
        let demoDir = self.demoDir ?? env["AFIELD_DEMO_DIR"] ?? "Demo/northwind"
        let noDemo = self.noDemo
        if BenchmarkBuild.guardsOff {
            // A binary without data scopes and audit log exists only to measure their cost.
            guard env["AFIELD_BENCHMARK_NO_GUARDS"] == "yes" else {
                Runner.fail("this is a benchmark build without data scopes and audit log; set AFIELD_BENCHMARK_NO_GUARDS=yes to run it anyway")
            }
            FileHandle.standardError.write(Data("WARNING: benchmark build: data scopes and the audit log are OFF\n".utf8))
        }
        do {
            try await Runner.withApp(options, publicDirectory: FileManager.default.fileExists(atPath: publicDir) ? publicDir : nil) { app in
                try await app.autoMigrate()
                var signIn: String?
                if !noDemo {
                    let tally = try await DemoCompany.createIfEmpty(app, directory: URL(fileURLWithPath: demoDir)) { line in
                        app.logger.info("demo import: \(line)")
                    }
                    if tally != nil { app.logger.info("created the demo company \(DemoCompany.name)") }
                    if try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first() != nil {
                        signIn = "Demo sign-in: \(DemoCompany.email) / \(DemoCompany.password)"
                    }
                }
                app.http.server.configuration.hostname = host
                app.http.server.configuration.port = port
                let shownHost = host == "0.0.0.0" ? "127.0.0.1" : host
                var banner = "Afield \(AfieldApp.version) is running at http://\(shownHost):\(port)/\n"
                if let signIn { banner += signIn + "\n" }
                FileHandle.standardOutput.write(Data(banner.utf8))
                try await app.execute()
            }
        } catch let error as DatabaseSetup.Unreachable {
            Runner.fail(error.description)
        } catch let error as any NorthwindFilesError {
            Runner.fail(error.description)
        } catch {
            Runner.fail(Self.describe(error, host: host, port: port))
        }
    }

    static func describe(_ error: any Error, host: String, port: Int) -> String {
        let text = String(describing: error)
        if text.contains("Address already in use") || text.contains("EADDRINUSE") || text.contains("errno: 98") {
            return "cannot listen on \(host):\(port): the address is already in use (try --port)"
        }
        return text
    }
}
