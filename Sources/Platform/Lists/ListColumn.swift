import AfieldAPI
import Foundation

/// The type of a list column: how it sorts, how it is filtered and how it is exported.
///
/// Filters follow Odoo's and ERPNext's list filters per field type: text contains (case-insensitive,
/// literal), an enumeration is one of the chosen values, days and instants lie in a from/to range
/// (instants judged in the caller's time zone, DESIGN §2), numbers and money in a min/max range,
/// a reference equals a chosen record, a flag is true or false.
public enum ListColumnKind: String, Sendable, Codable, CaseIterable {
    case text, enumeration, day, instant, number, money, reference, boolean
}

/// One exported cell, typed so the XLSX writer can store numbers as numbers.
public enum ListCell: Sendable, Equatable {
    case text(String)
    /// A decimal number as text (`1234.50`), never a Double (money stays exact).
    case number(String)
    /// `YYYY-MM-DD`.
    case day(String)
    /// An instant, written in the reader's time zone as `YYYY-MM-DD HH:mm`.
    case instant(Date)
    case empty

    /// Text or nothing.
    public static func of(_ text: String?) -> ListCell { text.map(ListCell.text) ?? .empty }
}

/// One column a list offers (DESIGN §1 "lists … declared by modules").
///
/// `Item` is the list's row DTO; `cell` reads the exported value from it, so an export is exactly
/// what the list answers. `expression` is the trusted SQL (a column of the list's table, written
/// by the module, never from input) that sorts and filters it; a column without one can be shown
/// and exported but not sorted or filtered.
public struct ListColumn<Item: Sendable>: Sendable {
    /// The JSON field and `sort` key, e.g. `orderDate`.
    public let key: String
    /// Message code of the header (server catalogs), e.g. `sales.list.order_date`.
    public let header: String
    public let kind: ListColumnKind
    public let expression: String?
    /// The SQL a filter compares, when not ``expression``: a reference column shows and sorts by
    /// the name and filters by the id (`customer_name` / `customer_id`).
    public let filterExpression: String?
    public let sortable: Bool
    public let filterable: Bool
    /// The values of an enumeration column.
    public let values: [String]
    /// Message code prefix that names each enumeration value in exports (`<prefix><value>`).
    public let valueLabels: String?
    /// Filter parameter names, when not derived from the key (an existing API's `from`/`to`).
    public let parameterNames: [String]?
    /// Decimal places of the stored integer of a number or money column (money: minor units).
    public let scale: Int
    public let cell: @Sendable (Item) -> ListCell

    public init(_ key: String, header: String, kind: ListColumnKind, expression: String? = nil, filterExpression: String? = nil,
                sortable: Bool = true, filterable: Bool = true,
                values: [String] = [], valueLabels: String? = nil, parameterNames: [String]? = nil, scale: Int = 0,
                cell: @escaping @Sendable (Item) -> ListCell) {
        self.key = key
        self.header = header
        self.kind = kind
        self.expression = expression
        self.filterExpression = filterExpression ?? expression
        self.sortable = sortable && expression != nil
        self.filterable = filterable && (filterExpression ?? expression) != nil
        self.values = values
        self.valueLabels = valueLabels
        self.parameterNames = parameterNames
        self.scale = scale
        self.cell = cell
    }

    /// The query parameters filtering this column (see ``ListColumnDTO/filterParams``).
    public var filterParameters: [String] {
        guard filterable else { return [] }
        if let parameterNames { return parameterNames }
        switch kind {
        case .text, .enumeration, .reference, .boolean: return [key]
        case .day, .instant: return [key + "From", key + "To"]
        case .number, .money: return [key + "Min", key + "Max"]
        }
    }

    /// The typed OpenAPI parameters of ``filterParameters``.
    var queryParameters: [QueryParameter] {
        let names = filterParameters
        guard !names.isEmpty else { return [] }
        switch kind {
        case .text: return [.text(names[0])]
        case .enumeration:
            let one = "(" + values.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|") + ")"
            return [QueryParameter(names[0], schema: ["type": "string", "pattern": .string("^\(one)(,\(one)){0,\(max(values.count - 1, 0))}$")])]
        case .reference: return [.uuid(names[0])]
        case .boolean: return [.boolean(names[0])]
        case .day, .instant: return names.map { QueryParameter.date($0) }
        case .number, .money: return names.map { QueryParameter($0, schema: ["type": "string", "pattern": .string(ListQuery.decimalPattern)]) }
        }
    }
}
