import AfieldAPI
import AfieldTesting
import Foundation
import Platform
@testable import Sales
import Testing

/// What printing needs on the machine: Chromium (Debian `chromium`, or `AFIELD_CHROMIUM`) and
/// `pdftotext` (Debian `poppler-utils`) to read the PDF back. CI sets `AFIELD_REQUIRE_PRINT=1`,
/// which runs the tests whatever is installed, so a missing tool fails there instead of skipping.
enum PrintTools {
    static let pdftotext = "/usr/bin/pdftotext"
    static let required = ProcessInfo.processInfo.environment["AFIELD_REQUIRE_PRINT"] == "1"
    static let available = required
        || (PDFPrinter().isAvailable && FileManager.default.isExecutableFile(atPath: pdftotext))

    /// The text layer of `pdf`, as `pdftotext` reads it (UTF-8).
    static func text(of pdf: Data) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("afield-pdftext-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in.pdf"), output = folder.appendingPathComponent("out.txt")
        try pdf.write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pdftotext)
        process.arguments = ["-enc", "UTF-8", input.path, output.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let text = FileManager.default.contents(atPath: output.path) else {
            throw TestFailure("pdftotext failed with status \(process.terminationStatus)")
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// Printing a sales order to PDF (issue 9 point 2): rendered by headless Chromium from the
/// module's template, in the reader's language, text kept as text (CJK included), under the
/// order's read permission and data scope.
@Suite("Printing records")
struct RecordPrintTests {
    @Test("an order prints to a PDF whose text holds its number, customer, total and the Chinese heading exactly",
          .enabled(if: PrintTools.available))
    func orderPrintsInChinese() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn(RecordChatterTests.nancy)
            let order = try await RecordChatterTests.nancysOrder(nancy)
            let answer = try await nancy.inLanguage("zh-CN").get("/api/v1/sales/orders/\(order.id)/print")
            #expect(answer.status == .ok, "\(answer.status) \(answer.text.prefix(300))")
            #expect(answer.headers.first(name: .contentType) == "application/pdf")
            #expect(answer.headers.first(name: .contentDisposition) == "inline; filename=\"\(order.number).pdf\"")
            #expect(answer.body.starts(with: Array("%PDF-".utf8)))
            let text = try PrintTools.text(of: answer.body)
            #expect(text.contains("销售订单"), "\(text)")
            #expect(text.contains("总计"))
            #expect(text.contains(order.number))
            #expect(text.contains(order.customerName))
            #expect(text.contains(SalesOrderPrint.grouped(order.total)))
            #expect(text.contains("Nancy Davolio 打印于"))

            let english = try PrintTools.text(of: try await nancy.get("/api/v1/sales/orders/\(order.id)/print").body)
            #expect(english.contains("Sales order"))
            #expect(english.contains("Printed "))
            #expect(!english.contains("销售订单"))
        }
    }

    @Test("an order one may not read does not print: 404, as its detail")
    func printFollowsScope() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn(RecordChatterTests.nancy)
            let janet = try await client.signedIn(RecordChatterTests.janet)
            let order = try await RecordChatterTests.nancysOrder(nancy)
            #expect(try await janet.get("/api/v1/sales/orders/\(order.id)/print").status == .notFound)
            #expect(try await nancy.get("/api/v1/sales/orders/\(UUID())/print").status == .notFound)
        }
    }

    @Test("without Chromium the server answers 503 print.unavailable in the reader's language")
    func printWithoutChromium() async throws {
        try await withAfield { app, client in
            app.pdfPrinter = PDFPrinter(chromium: "/nonexistent/chromium")
            let nancy = try await client.signedIn(RecordChatterTests.nancy)
            let order = try await RecordChatterTests.nancysOrder(nancy)
            let answer = try await nancy.inLanguage("zh-CN").get("/api/v1/sales/orders/\(order.id)/print")
            #expect(answer.status == .serviceUnavailable)
            #expect(try answer.error.code == "print.unavailable")
            #expect(try answer.error.message == "此服务器无法打印 PDF（未安装 Chromium），请联系管理员。")
        }
    }

    @Test("a Chromium that hangs is killed at the time limit: 500 print.failed, and its temporary folder is gone")
    func printTimesOut() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("afield-hang-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Stands in for Chromium: notes the folder it was asked to print into, then hangs.
        let fake = folder.appendingPathComponent("chromium")
        let seen = folder.appendingPathComponent("seen")
        try Data("#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --user-data-dir=*) echo \"${a#--user-data-dir=}\" > \(seen.path);; esac; done\nexec sleep 60\n".utf8)
            .write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        try await withAfield { app, client in
            app.pdfPrinter = PDFPrinter(chromium: fake.path, timeout: .seconds(1))
            let nancy = try await client.signedIn(RecordChatterTests.nancy)
            let order = try await RecordChatterTests.nancysOrder(nancy)
            let answer = try await nancy.get("/api/v1/sales/orders/\(order.id)/print")
            #expect(answer.status == .internalServerError)
            #expect(try answer.error.code == "print.failed")
            let profile = try #require(FileManager.default.contents(atPath: seen.path).map { String(decoding: $0, as: UTF8.self) })
            let printFolder = URL(fileURLWithPath: profile.trimmingCharacters(in: .whitespacesAndNewlines)).deletingLastPathComponent()
            #expect(printFolder.lastPathComponent.hasPrefix("afield-print-"))
            #expect(!FileManager.default.fileExists(atPath: printFolder.path), "the page, profile and log are removed")
        }
    }

    @Test("amounts are grouped on their decimal text, never through a binary float")
    func groupedAmounts() {
        #expect(SalesOrderPrint.grouped("1234567.50") == "1,234,567.50")
        #expect(SalesOrderPrint.grouped("-1000") == "-1,000")
        #expect(SalesOrderPrint.grouped("999.99") == "999.99")
        #expect(SalesOrderPrint.grouped("90071992547409931.01") == "90,071,992,547,409,931.01")
        #expect(SalesOrderPrint.grouped("0.00") == "0.00")
    }
}
