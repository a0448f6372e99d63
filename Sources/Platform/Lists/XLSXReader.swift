import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads the first worksheet of an Office Open XML workbook (ECMA-376 Part 1, SpreadsheetML) as
/// rows of cell texts — what an import needs of a file saved by Excel, WPS, LibreOffice or openpyxl.
///
/// The archive is opened by ZIPFoundation and its parts read by Foundation's `XMLParser` (the
/// event-driven parser over libxml2), so neither the ZIP nor the XML format is parsed by hand.
/// Shared strings (`t="s"`, including rich-text runs), inline strings, booleans and numbers are
/// read as their text (a number stays the digits written in the file: never through `Double`);
/// formulas give their cached value. Missing cells become `""`, so every row is as long as its
/// last cell.
public enum XLSXReader {
    public enum Failure: Error, Equatable {
        /// Not a ZIP, or no worksheet in it, or a part that is not well-formed XML.
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
        func part(_ path: String) -> Data? {
            guard let entry = archive[path] else { return nil }
            var bytes = Data()
            guard (try? archive.extract(entry, consumer: { bytes.append($0) })) != nil else { return nil }
            return bytes
        }
        let sheetPath = firstSheetPath(workbook: part("xl/workbook.xml"), relationships: part("xl/_rels/workbook.xml.rels")) ?? "xl/worksheets/sheet1.xml"
        guard let sheet = part(sheetPath) else { throw Failure.notAWorkbook }
        let shared = try part("xl/sharedStrings.xml").map(sharedStrings) ?? []
        let reader = SheetReader(shared: shared, maximumRows: maximumRows)
        try reader.parse(sheet)
        return reader.rows
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

    /// The first sheet's part: `xl/workbook.xml` names it by relationship id, the workbook's
    /// relationships give its target.
    private static func firstSheetPath(workbook: Data?, relationships: Data?) -> String? {
        guard let workbook, let relationships else { return nil }
        let sheets = ElementCollector(names: ["sheet"])
        guard (try? sheets.parse(workbook)) != nil, let id = sheets.found.first?["r:id"] else { return nil }
        let links = ElementCollector(names: ["Relationship"])
        guard (try? links.parse(relationships)) != nil, let target = links.found.first(where: { $0["Id"] == id })?["Target"] else { return nil }
        return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }

    /// The shared strings in order, each the text of its `<t>` elements (one, or one per rich-text run).
    private static func sharedStrings(_ xml: Data) throws -> [String] {
        let reader = SharedStringsReader()
        try reader.parse(xml)
        return reader.strings
    }
}

/// Runs `XMLParser` over a part with `delegate`, turning a parse error into
/// ``XLSXReader/Failure/notAWorkbook``. Each reader conforms to `XMLParserDelegate` itself: on
/// Linux the protocol's methods have default implementations, so a subclass's overrides would
/// never be called through a superclass's conformance.
private protocol PartReader: XMLParserDelegate {
    var stopped: (any Error)? { get }
}

extension PartReader {
    func parse(_ data: Data) throws {
        let parser = XMLParser(data: data)
        parser.delegate = self
        let parsed = parser.parse()
        if let stopped { throw stopped }
        guard parsed else { throw XLSXReader.Failure.notAWorkbook }
    }
}

/// The attributes of every element named one of `names`.
private final class ElementCollector: NSObject, PartReader {
    let stopped: (any Error)? = nil
    let names: Set<String>
    var found: [[String: String]] = []

    init(names: Set<String>) { self.names = names }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes attributeDict: [String: String] = [:]) {
        if names.contains(elementName) { found.append(attributeDict) }
    }
}

/// `xl/sharedStrings.xml`: `<si>` items, each the text of its `<t>` elements.
private final class SharedStringsReader: NSObject, PartReader {
    let stopped: (any Error)? = nil
    var strings: [String] = []
    private var current: String?
    private var inText = false

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes attributeDict: [String: String] = [:]) {
        switch elementName {
        case "si": current = ""
        case "t": inText = current != nil
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current? += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch elementName {
        case "t": inText = false
        case "si":
            strings.append(current ?? "")
            current = nil
        default: break
        }
    }
}

/// A worksheet's `<sheetData>`: rows of `<c>` cells, each with a `<v>` value or an inline `<is><t>`.
private final class SheetReader: NSObject, PartReader {
    var stopped: (any Error)?
    let shared: [String]
    let maximumRows: Int
    var rows: [[String]] = []
    private var cells: [String] = []
    private var cellType: String?
    private var cellColumn = 0
    private var value = ""
    private var collecting = false

    init(shared: [String], maximumRows: Int) {
        self.shared = shared
        self.maximumRows = maximumRows
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes attributeDict: [String: String] = [:]) {
        switch elementName {
        case "row":
            guard rows.count < maximumRows else {
                stopped = XLSXReader.Failure.tooManyRows
                parser.abortParsing()
                return
            }
            // A row may skip numbers (empty rows are left out of the file).
            if let declared = attributeDict["r"].flatMap(Int.init) { while rows.count < declared - 1 { rows.append([]) } }
            cells = []
        case "c":
            cellType = attributeDict["t"]
            cellColumn = attributeDict["r"].map(XLSXReader.columnIndex) ?? cells.count
            value = ""
        case "v", "t":
            collecting = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { value += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch elementName {
        case "v", "t":
            collecting = false
        case "c":
            while cells.count < cellColumn { cells.append("") }
            switch cellType {
            case "s": cells.append(Int(value.trimmingCharacters(in: .whitespaces)).flatMap { $0 >= 0 && $0 < shared.count ? shared[$0] : nil } ?? "")
            case "b": cells.append(value == "1" ? "TRUE" : "FALSE")
            default: cells.append(value)
            }
        case "row":
            rows.append(cells)
        default: break
        }
    }
}
