import App
import ArgumentParser
import Foundation
import Platform
import Sales
import SQLKit

/// `afield repair …`: rebuilds what writes keep derived from the documents.
struct Repair: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Rebuild figures that writes keep, from the documents.",
                                                    subcommands: [RepairSalesFigures.self])
}

/// `afield repair sales-figures`: the monthly sales figures the reports read (``SalesFigures``),
/// from the confirmed and delivered orders — after orders were loaded outside Afield (a
/// benchmark's fill, a restore of the orders alone). One transaction; readers see the old or the
/// new figures, never a half.
struct RepairSalesFigures: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sales-figures",
                                                    abstract: "Rebuild the monthly sales figures the reports read from the orders.")

    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        try Runner.requireExistingDatabase(options)
        do {
            try await Runner.withApp(options, publicDirectory: nil) { app in
                try await app.afieldWrites.transaction(on: app.db) { db in
                    guard let sql = db as? any SQLDatabase else { return }
                    try await SalesFigures.rebuild(on: sql)
                }
                print("sales figures rebuilt")
            }
        } catch let error as DatabaseSetup.Unreachable {
            Runner.fail(error.description)
        } catch {
            Runner.fail(String(describing: error))
        }
    }
}
