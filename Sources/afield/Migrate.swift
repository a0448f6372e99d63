import App
import ArgumentParser
import Foundation
import Platform
import Vapor

/// `afield migrate`: applies pending migrations and exits.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply database migrations and exit.")

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        do {
            try await Runner.withApp(options, publicDirectory: nil) { app in
                try await app.autoMigrate()
                print("migrations applied")
            }
        } catch let error as DatabaseSetup.Unreachable {
            Runner.fail(error.description)
        } catch {
            Runner.fail(String(describing: error))
        }
    }
}
