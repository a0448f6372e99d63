import Foundation
import ZIPFoundation

/// Reads the first worksheet of an Office Open XML workbook (ECMA-376 Part 1, SpreadsheetML) as
/// rows of cell texts — what an import needs of a file saved by Excel, WPS or LibreOffice.
///
/// Shared strings (`t="s"`, including rich-text runs), inline strings, booleans and numbers are
/// read as their text (a number stays the digits written in the file: never through `Double`);
/// formulas give their cached value. Missing cells become `""`, so every row is as long as its
/// last cell. The XML is scanned directly: the parts a workbook writes are regular, and this
/// keeps the server free of a libxml2 dependency.
public enum XLSXReader {
    public enum Failure: Error, Equatable {
        /// Not a ZIP, or no worksheet in it.
        case notAWorkbook
        /// More rows than the caller allows.
        case tooManyRows
    }

    /// Whether `data` starts like a ZIP archive (an XLSX file) rather than text.
    public static func looksLikeWorkbook(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// The first worksheet's rows (at most `maximumRows`).
    /// - Throws: ``Failure``.
    public static func rows(_ data: Data, maximumRows: Int = 100_000) throws -> [[String]] {
        guard let archive = try? Archive(data: data, accessMode: .read) else { throw Failure.notAWorkbook }
        func text(_ path: String) -> String? {
            guard let entry = archive[path] else { return nil }
            var bytes = Data()
            guard (try? archive.extract(entry, consumer: { bytes.append($0) })) != nil else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }
        let sheetPath = firstSheetPath(workbook: text("xl/workbook.xml"), relationships: text("xl/_rels/workbook.xml.rels")) ?? "xl/worksheets/sheet1.xml"
        guard let sheet = text(sheetPath) else { throw Failure.notAWorkbook }
        let shared = text("xl/sharedStrings.xml").map(sharedStrings) ?? []
        var rows: [[String]] = []
        for rowXML in elements("row", in: sheet) {
            guard rows.count < maximumRows else { throw Failure.tooManyRows }
            let declared = attribute("r", in: rowXML.open).flatMap(Int.init)
            if let declared { while rows.count < declared - 1 { rows.append([]) } }
            var cells: [String] = []
            for cell in elements("c", in: rowXML.body) {
                let column = attribute("r", in: cell.open).map(columnIndex) ?? cells.count
                while cells.count < column { cells.append("") }
                let type = attribute("t", in: cell.open)
                let value: String
                switch type {
                case "s": value = elements("v", in: cell.body).first.flatMap { Int(unescape($0.body)) }.flatMap { $0 < shared.count ? shared[$0] : nil } ?? ""
                case "inlineStr": value = elements("t", in: cell.body).map { unescape($0.body) }.joined()
                case "b": value = elements("v", in: cell.body).first?.body == "1" ? "TRUE" : "FALSE"
                default: value = elements("v", in: cell.body).first.map { unescape($0.body) } ?? ""
                }
                cells.append(value)
            }
            rows.append(cells)
        }
        return rows
    }

    /// `A` → 0, `AB12` → 27.
    static func columnIndex(_ reference: String) -> Int {
        var index = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65, scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
        }
        return max(index - 1, 0)
    }

    private static func firstSheetPath(workbook: String?, relationships: String?) -> String? {
        guard let workbook, let relationships, let sheet = elements("sheet", in: workbook).first,
              let id = attribute("r:id", in: sheet.open) else { return nil }
        for relationship in elements("Relationship", in: relationships) where attribute("Id", in: relationship.open) == id {
            guard let target = attribute("Target", in: relationship.open) else { return nil }
            return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        return nil
    }

    private static func sharedStrings(_ xml: String) -> [String] {
        elements("si", in: xml).map { item in elements("t", in: item.body).map { unescape($0.body) }.joined() }
    }

    /// The elements named `name` (not nested in themselves) in `xml`: their opening tag's
    /// attributes and their body (`""` when self-closing).
    static func elements<S: StringProtocol>(_ name: String, in xml: S) -> [(open: Substring, body: Substring)] where S.SubSequence == Substring {
        var result: [(Substring, Substring)] = []
        var rest = xml[xml.startIndex...]
        let opening = "<" + name
        while let start = rest.range(of: opening) {
            let after = rest[start.upperBound...]
            // `<t` must not match `<tableParts`: the name ends at a space, `>` or `/`.
            guard let next = after.first, next == " " || next == ">" || next == "/" else { rest = after; continue }
            guard let close = after.firstIndex(of: ">") else { break }
            let open = after[after.startIndex..<close]
            if open.hasSuffix("/") {
                result.append((open, ""))
                rest = after[after.index(after: close)...]
                continue
            }
            let bodyStart = after.index(after: close)
            guard let end = after[bodyStart...].range(of: "</" + name + ">") else { break }
            result.append((open, after[bodyStart..<end.lowerBound]))
            rest = after[end.upperBound...]
        }
        return result
    }

    static func attribute(_ name: String, in open: Substring) -> String? {
        guard let range = open.range(of: " " + name + "=\"") else { return nil }
        let value = open[range.upperBound...]
        guard let end = value.firstIndex(of: "\"") else { return nil }
        return unescape(value[value.startIndex..<end])
    }

    static func unescape(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var out = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            out += rest[rest.startIndex..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { out += rest[amp...]; return out }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "lt": out += "<"
            case "gt": out += ">"
            case "amp": out += "&"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if entity.hasPrefix("#x"), let code = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) { out.unicodeScalars.append(scalar) }
                else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) { out.unicodeScalars.append(scalar) }
                else { out += rest[amp...semi] }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
