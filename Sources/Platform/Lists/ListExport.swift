import AfieldAPI
import Foundation

/// The file formats a list exports to.
public enum ListExportFormat: String, Sendable, Codable, CaseIterable {
    case csv, xlsx

    public var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }
}

/// An export's bytes and name.
public struct ListExportFile: Sendable {
    public let data: Data
    public let fileName: String
    public let format: ListExportFormat
    public let rows: Int
}

/// Exports write exactly what the list shows: the chosen columns in their order, headers in the
/// reader's language, the list's filters, sort and data scope (DESIGN §4), or only the selected ids.
extension ListDefinition: AnyListDefinition {
    public func columnInfo(_ language: AppLanguage, catalog: MessageCatalog) -> [ListColumnDTO] {
        columns.map {
            ListColumnDTO(key: $0.key, header: catalog.message($0.header, language), kind: $0.kind.rawValue, sortable: $0.sortable,
                          filterParams: $0.filterParameters, values: $0.kind == .enumeration ? $0.values : nil)
        }
    }

    public var defaultColumnKeys: [String] { defaultColumns }
    public var defaultSortText: String { defaultSort.map(\.text).joined(separator: ",") }
    public var bulkActionList: [ListBulkAction] { bulkActions }

    public func validate(_ lookup: @Sendable (String) -> String?, timeZone: TimeZone) throws {
        _ = try ListQuery(self, lookup: lookup, timeZone: timeZone)
    }

    public func count(_ lookup: @Sendable (String) -> String?, context: ListRunContext, bound: Int) async throws -> Int {
        try await count(try ListQuery(self, lookup: lookup, timeZone: context.timeZone), context: context, bound: bound)
    }

    public func export(_ lookup: @Sendable (String) -> String?, context: ListRunContext, format: ListExportFormat, rowLimit: Int?,
                       progress: (@Sendable (Int, Int) async throws -> Void)?) async throws -> ListExportFile {
        let query = try ListQuery(self, lookup: lookup, timeZone: context.timeZone)
        let keys = query.columns ?? defaultColumns
        let chosen = keys.compactMap(column)
        let header = chosen.map { context.catalog.message($0.header, context.language) }
        var rows: [[ListCell]] = []
        let total = progress == nil ? 0 : try await count(query, context: context, bound: Int.max - 1)
        try await forEachBatch(query, context: context, limit: rowLimit) { items in
            for item in items {
                rows.append(chosen.map { column in
                    let cell = column.cell(item)
                    // Enumeration values in the reader's language (`confirmed` → 已确认).
                    if case .text(let value) = cell, let prefix = column.valueLabels, context.catalog.contains(prefix + value) {
                        return .text(context.catalog.message(prefix + value, context.language))
                    }
                    return cell
                })
            }
            try await progress?(rows.count, total)
        }
        let data: Data
        switch format {
        case .csv:
            data = Data(("\u{FEFF}" + CSVText.document(header: header, rows: rows.map { $0.map { Self.text($0, context.timeZone) } })).utf8)
        case .xlsx:
            data = try XLSXWriter.workbook(sheet: context.catalog.message("list.sheet_name", context.language), header: header, rows: rows,
                                           timeZone: context.timeZone)
        }
        return ListExportFile(data: data, fileName: "\(fileName).\(format.rawValue)", format: format, rows: rows.count)
    }

    /// A cell as CSV text.
    static func text(_ cell: ListCell, _ timeZone: TimeZone) -> String? {
        switch cell {
        case .text(let value), .number(let value), .day(let value): value
        case .instant(let date): XLSXWriter.instantText(date, timeZone)
        case .empty: nil
        }
    }
}
