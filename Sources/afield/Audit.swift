import App
import ArgumentParser
import Foundation
import Platform
import Vapor

/// `afield audit verify`: re-computes every tenant's audit hash chain.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Work with the audit log.", subcommands: [Verify.self])

    /// Exit 0 when every chain is whole; otherwise names the first broken link of each tenant and exits 2.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check the audit log's hash chains; name the first broken link.")

        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            var broken: [AuditLog.Break] = []
            do {
                try await Runner.withApp(options, publicDirectory: nil) { app in
                    try await app.autoMigrate()
                    let (breaks, checked) = try await AuditLog.verify(on: app.db)
                    broken = breaks
                    print(breaks.isEmpty ? "audit log intact: \(checked) entries checked" : "audit log BROKEN (\(checked) entries checked):")
                    for item in breaks { print("  \(item)") }
                }
            } catch let error as DatabaseSetup.Unreachable {
                Runner.fail(error.description)
            } catch {
                Runner.fail(String(describing: error))
            }
            if !broken.isEmpty { throw ExitCode(2) }
        }
    }
}
