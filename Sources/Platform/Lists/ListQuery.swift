import AfieldAPI
import Foundation
import SQLKit

/// A list request's sort, filters, chosen columns and selected ids, parsed and checked against
/// the list's declaration. Anything unknown or malformed is a 422 with a localised message and
/// nothing runs.
public struct ListQuery: Sendable {
    /// A decimal filter value (`12`, `-3.5`, `1234.5678`).
    public static let decimalPattern = #"^-?[0-9]{1,15}(\.[0-9]{1,4})?$"#

    /// The sort keys, the last one followed by `id` in the same direction.
    public var sort: [ListSort]
    /// Trusted-SQL conditions with bound values.
    public var conditions: [SQLQueryString]
    /// Conditions built for the reader when the query runs (``ListExtraFilter/readerCondition``).
    public var readerConditions: [ListExtraFilter.ReaderCondition] = []
    /// Keys of the columns to export, in order.
    public var columns: [String]?
    /// Only these records (export of the selection).
    public var ids: [UUID]?

    /// - Parameter lookup: the trimmed, non-blank value of a parameter, or nil.
    /// - Throws: 422 `validation_failed` with `list.invalid_sort`, `list.invalid_filter`,
    ///   `list.invalid_columns`, `request.invalid_id` or `request.invalid_date` on the parameter.
    public init<Item>(_ list: ListDefinition<Item>, lookup: (String) -> String?, timeZone: TimeZone) throws {
        sort = list.defaultSort
        if let text = lookup("sort") {
            var keys: [ListSort] = []
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                let descending = part.hasPrefix("-")
                let key = String(descending ? part.dropFirst() : part)
                guard let column = list.column(key), column.sortable else {
                    throw DomainError.invalid([.init("sort", "list.invalid_sort", params: ["key": String(key.prefix(40))])])
                }
                // A repeated key adds nothing to the order: the first one counts.
                if !keys.contains(where: { $0.key == key }) { keys.append(ListSort(key, descending: descending)) }
            }
            guard keys.count <= 3 else { throw DomainError.invalid([.init("sort", "list.too_many_sort_keys", params: ["max": "3"])]) }
            sort = keys
        }
        conditions = []
        for extra in list.extraFilters {
            if let reader = extra.readerCondition {
                if let condition = try reader(lookup(extra.parameter.name), list.table) { readerConditions.append(condition) }
                continue
            }
            if let condition = try extra.condition(lookup(extra.parameter.name), list.table, timeZone) { conditions.append(condition) }
        }
        for column in list.columns where column.filterable {
            conditions += try Self.conditions(column, table: list.table, lookup: lookup, timeZone: timeZone)
        }
        if let text = lookup("columns") {
            var keys: [String] = []
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                let key = String(part)
                guard list.column(key) != nil else {
                    throw DomainError.invalid([.init("columns", "list.invalid_columns", params: ["key": String(key.prefix(40))])])
                }
                if !keys.contains(key) { keys.append(key) }
            }
            columns = keys.isEmpty ? nil : keys
        }
        if let text = lookup("ids") {
            var ids: [UUID] = []
            for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let id = UUID(uuidString: String(part)) else { throw DomainError.invalid([.init("ids", "request.invalid_id")]) }
                if !ids.contains(id) { ids.append(id) }
            }
            guard ids.count <= ListBulkAction.maximumItems else {
                throw DomainError.invalid([.init("ids", "list.too_many_ids", params: ["max": String(ListBulkAction.maximumItems)])])
            }
            self.ids = ids
        }
    }

    private static func conditions<Item>(_ column: ListColumn<Item>, table: String, lookup: (String) -> String?,
                                         timeZone: TimeZone) throws -> [SQLQueryString] {
        guard let expression = column.filterExpression else { return [] }
        let names = column.filterParameters
        let field = SQLRaw(expression)
        func invalid(_ name: String) -> DomainError { DomainError.invalid([.init(name, "list.invalid_filter")]) }
        switch column.kind {
        case .text:
            guard let text = lookup(names[0]) else { return [] }
            let escaped = text.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            return ["LOWER(\(field)) LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'"]
        case .enumeration:
            guard let text = lookup(names[0]) else { return [] }
            let values = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !values.isEmpty, values.allSatisfy(column.values.contains) else { throw invalid(names[0]) }
            let bound: [any Encodable & Sendable] = values
            return ["\(field) IN (\(binds: bound))"]
        case .reference:
            guard let text = lookup(names[0]) else { return [] }
            guard let id = UUID(uuidString: text) else { throw DomainError.invalid([.init(names[0], "request.invalid_id")]) }
            return ["\(field) = \(bind: id)"]
        case .boolean:
            guard let text = lookup(names[0]) else { return [] }
            switch text.lowercased() {
            case "true": return ["\(field) = \(bind: true)"]
            case "false": return ["\(field) = \(bind: false)"]
            default: throw DomainError.invalid([.init(names[0], "request.invalid_flag")])
            }
        case .day, .instant:
            var result: [SQLQueryString] = []
            for (index, name) in names.enumerated() {
                guard let text = lookup(name) else { continue }
                guard CalendarDay.isValid(text) else { throw DomainError.invalid([.init(name, "request.invalid_date")]) }
                if column.kind == .day {
                    result.append(index == 0 ? "\(field) >= \(bind: text)" : "\(field) <= \(bind: text)")
                } else {
                    // An instant is in the day where the reader is: [start of from, start of the day after to).
                    guard let start = CalendarDay.start(of: text, in: timeZone) else { throw invalid(name) }
                    if index == 0 {
                        result.append("\(field) >= \(bind: start)")
                    } else {
                        let end = Calendar.gregorian(timeZone).date(byAdding: .day, value: 1, to: start) ?? start
                        result.append("\(field) < \(bind: end)")
                    }
                }
            }
            return result
        case .number, .money:
            var result: [SQLQueryString] = []
            for (index, name) in names.enumerated() {
                guard let text = lookup(name) else { continue }
                guard text.range(of: decimalPattern, options: .regularExpression) != nil, let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
                else { throw invalid(name) }
                var scaled = value * pow(Decimal(10), column.scale)
                var rounded = Decimal()
                // Stored integers: a minimum rounds up, a maximum down, so the range is never widened.
                NSDecimalRound(&rounded, &scaled, 0, index == 0 ? .up : .down)
                let integer = NSDecimalNumber(decimal: rounded).int64Value
                result.append(index == 0 ? "\(field) >= \(bind: integer)" : "\(field) <= \(bind: integer)")
            }
            return result
        }
    }
}

extension Calendar {
    /// A Gregorian calendar in `timeZone`.
    static func gregorian(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }
}

extension CalendarDay {
    /// The instant a day (`YYYY-MM-DD`) starts in `timeZone`, or nil for a malformed day.
    static func start(of day: String, in timeZone: TimeZone) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return Calendar.gregorian(timeZone).date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }
}
