import App
import ArgumentParser
import Foundation
import Platform
import Vapor

/// `afield keys reseal`: after a key rotation, seals every encrypted field with the current key.
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Work with the key for encrypted fields.", subcommands: [Reseal.self])

    /// Needs the new key as current and the old one(s) in `AFIELD_ENCRYPTION_KEY_PREVIOUS` (docs/security.md).
    struct Reseal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-seal every encrypted field with the current key, so previous keys can be dropped.")

        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            do {
                try await Runner.withApp(options, publicDirectory: nil) { app in
                    try await app.autoMigrate()
                    let cipher = app.afield.cipher
                    let tally = try await SealedFields.reseal(cipher: cipher, on: app.db, writes: app.afieldWrites)
                    print("\(tally.resealed) of \(tally.checked) encrypted values re-sealed; all are now sealed with key \(cipher.current.id)")
                }
            } catch let error as DatabaseSetup.Unreachable {
                Runner.fail(error.description)
            } catch {
                Runner.fail(String(describing: error))
            }
        }
    }
}
