import Foundation
import SwiftCSV
#if canImport(Glibc)
import Glibc
#endif

/// A file to import read as a table (issue 13 point 3, cases I-22…I-24): an Excel workbook's
/// first sheet, or a CSV file whose encoding and separator are detected — a byte-order mark
/// means UTF-8; else text that is valid UTF-8 is UTF-8; else it is read as GB18030 (Chinese
/// Excel's "CSV" is GBK, of which GB18030 is the superset). The header row is the first of the
/// first 50 rows naming a known column, so a bank's or Alipay's preamble lines are skipped.
public struct ImportTable: Sendable, Equatable {
    /// `UTF-8`, `UTF-8 BOM`, `GB18030` or `XLSX`.
    public var encoding: String
    /// `,`, `;` or a tab; nil for a workbook.
    public var separator: String?
    /// The header's row number (1-based, as a spreadsheet numbers rows).
    public var headerRow: Int
    public var header: [String]
    /// Data rows below the header that are not blank, each with its row number.
    public var rows: [Row]

    public struct Row: Sendable, Equatable {
        public var number: Int
        public var cells: [String]
        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }

    public enum Failure: Error, Equatable {
        /// Neither a workbook nor text in a known encoding, or no rows at all.
        case unreadable
        /// No row among the first 50 names a known column.
        case noHeader
        case tooManyRows(Int)
    }

    /// Reads `data`.
    /// - Parameters:
    ///   - isKnown: whether a header cell (trimmed, lower-cased) names a column the importer knows.
    ///   - maximumRows: most data rows accepted.
    /// - Throws: ``Failure``.
    public static func read(_ data: Data, isKnown: (String) -> Bool, maximumRows: Int) throws(Failure) -> ImportTable {
        let all: [[String]]
        var encoding = "XLSX"
        var separator: String?
        if XLSXReader.looksLikeWorkbook(data) {
            do { all = try XLSXReader.rows(data, maximumRows: maximumRows + 51) } catch XLSXReader.Failure.tooManyRows { throw .tooManyRows(maximumRows) } catch {
                throw .unreadable
            }
        } else {
            guard let (text, found) = decode(data) else { throw .unreadable }
            encoding = found
            let (rows, used) = try csvRows(text)
            all = rows
            separator = used
        }
        guard let headerIndex = all.prefix(50).firstIndex(where: { row in row.contains { isKnown(normalise($0)) } }) else { throw .noHeader }
        var rows: [Row] = []
        for (offset, cells) in all.dropFirst(headerIndex + 1).enumerated() where cells.contains(where: { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            rows.append(Row(number: headerIndex + 2 + offset, cells: cells))
        }
        guard rows.count <= maximumRows else { throw .tooManyRows(maximumRows) }
        return ImportTable(encoding: encoding, separator: separator, headerRow: headerIndex + 1,
                           header: all[headerIndex].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }, rows: rows)
    }

    /// A header cell as importers compare it: trimmed, lower-cased, without a trailing `*`
    /// (templates mark required columns so) or full-width colon.
    public static func normalise(_ cell: String) -> String {
        var text = cell.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        while let last = text.last, last == "*" || last == "：" || last == ":" { text.removeLast() }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// The text of `data` and its encoding's name (see the type's rule).
    static func decode(_ data: Data) -> (String, String)? {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) {
            return String(data: data.dropFirst(3), encoding: .utf8).map { ($0, "UTF-8 BOM") }
        }
        if let text = String(data: data, encoding: .utf8) { return (text, "UTF-8") }
        return gb18030(data).map { ($0, "GB18030") }
    }

    /// `data` converted from GB18030 with iconv (glibc), nil when it is not valid GB18030.
    static func gb18030(_ data: Data) -> String? {
        #if canImport(Glibc)
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = [CChar](repeating: 0, count: data.count)
        data.withUnsafeBytes { raw in for (index, byte) in raw.enumerated() { input[index] = CChar(bitPattern: byte) } }
        // GB18030 takes 1–4 bytes a character and UTF-8 at most 4: four times the input is enough.
        var output = [CChar](repeating: 0, count: data.count * 4 + 4)
        var inputLeft = input.count, outputLeft = output.count
        let converted: Bool = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inputPointer: UnsafeMutablePointer<CChar>? = inputBuffer.baseAddress
                var outputPointer: UnsafeMutablePointer<CChar>? = outputBuffer.baseAddress
                return iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft) != -1
            }
        }
        guard converted else { return nil }
        return String(decoding: output[0..<(output.count - outputLeft)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        #else
        return nil
        #endif
    }

    /// The rows of CSV `text` with the separator that gives its lines the most columns alike.
    static func csvRows(_ text: String) throws(Failure) -> ([[String]], String) {
        var best: ([[String]], String, Int)?
        for separator: Character in [",", ";", "\t"] {
            guard let csv = try? CSV<Enumerated>(string: text, delimiter: .character(separator), loadColumns: false) else { continue }
            let rows = [csv.header] + csv.rows
            // The widest row count that at least two rows share: a preamble line has one cell.
            let widths = Dictionary(grouping: rows.map(\.count).filter { $0 > 1 }, by: { $0 }).filter { $0.value.count >= 2 }.keys
            let score = widths.max() ?? 0
            if best == nil || score > best!.2 { best = (rows, String(separator), score) }
        }
        guard let best, !best.0.isEmpty else { throw .unreadable }
        return (best.0, best.1)
    }
}
