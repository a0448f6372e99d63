import App
import ArgumentParser
import Foundation
import Platform
import Vapor

/// `afield audit verify` and `afield audit anchor`: the audit log's hash chains.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Work with the audit log.", subcommands: [Verify.self, Anchor.self])

    /// Exit 0 when every chain is whole and reaches its head (and every anchor given); otherwise
    /// names the first broken link of each tenant and exits 2.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the audit log's hash chains up to their heads; name the first broken link.",
            discussion: "With --anchor, also check that each chain still holds the entry an earlier `afield audit anchor` recorded, kept outside the database: a rewrite of the chain and its head is then detected too.")

        @OptionGroup var options: DatabaseOptions

        @ArgumentParser.Option(name: .long, help: "A file written by `afield audit anchor`.")
        var anchor: String?

        func run() async throws {
            var anchors: [AuditLog.Anchor] = []
            if let anchor {
                do {
                    anchors = try AnchorFile.decoder.decode([AuditLog.Anchor].self, from: Data(contentsOf: URL(fileURLWithPath: anchor)))
                } catch {
                    Runner.fail("cannot read the anchor file \(anchor): \(error.localizedDescription)")
                }
            }
            try Runner.requireExistingDatabase(options)
            var broken: [AuditLog.Break] = []
            do {
                // The database is read as it is: no migration, nothing created.
                try await Runner.withApp(options, publicDirectory: nil) { app in
                    let (breaks, checked) = try await AuditLog.verify(on: app.db, anchors: anchors)
                    broken = breaks
                    let anchored = anchors.isEmpty ? "" : ", \(anchors.count) anchor\(anchors.count == 1 ? "" : "s") held"
                    print(breaks.isEmpty ? "audit log intact: \(checked) entries checked, every chain reaches its head\(anchored)"
                                         : "audit log BROKEN (\(checked) entries checked):")
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

    /// Writes every company's chain head (number and hash of its newest entry) as JSON.
    struct Anchor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export each company's audit chain head (seq + hash) as JSON, to keep outside the database.",
            discussion: "Keep the file where whoever can change the database cannot (another machine, a ticket, a printout); later, `afield audit verify --anchor FILE` checks the log still holds those entries unchanged.")

        @OptionGroup var options: DatabaseOptions

        @ArgumentParser.Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
        var output: String?

        func run() async throws {
            try Runner.requireExistingDatabase(options)
            do {
                try await Runner.withApp(options, publicDirectory: nil) { app in
                    let data = try AnchorFile.encoder.encode(try await AuditLog.anchors(on: app.db))
                    if let output {
                        try data.write(to: URL(fileURLWithPath: output))
                    } else {
                        print(String(decoding: data, as: UTF8.self))
                    }
                }
            } catch let error as DatabaseSetup.Unreachable {
                Runner.fail(error.description)
            } catch {
                Runner.fail(String(describing: error))
            }
        }
    }
}

/// The anchor file's JSON: an array of ``AuditLog/Anchor``, dates in ISO 8601.
enum AnchorFile {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
