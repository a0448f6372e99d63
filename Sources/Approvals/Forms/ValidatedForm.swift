import AfieldAPI
import Foundation
import Platform

/// A form's values after ``FormValidator`` accepted them: normalised, with computed fields,
/// typed access for flow conditions and the JSON to store.
public struct ValidatedForm: Sendable {
    public let schema: FormSchema
    /// Normalised values by field key (empty fields left out; computed fields not included).
    public let values: [String: FormValue]
    /// Computed fields by key: decimal strings, null where no value results (division by zero).
    public let computed: [String: FormValue]

    init(schema: FormSchema, values: [String: FormValue], computed: [String: FormValue]) {
        self.schema = schema
        self.values = values
        self.computed = computed
    }

    /// Reads back what ``json`` stored (no checks: it was validated when stored).
    /// - Throws: `DecodingError` for text that is not a JSON object.
    public init(stored json: String, schema: FormSchema) throws {
        let all = try JSONDecoder().decode([String: FormValue].self, from: Data(json.utf8))
        let computedKeys = Set(schema.fields.filter { $0.type == .computed }.map(\.key))
        self.schema = schema
        self.values = all.filter { !computedKeys.contains($0.key) }
        self.computed = all.filter { computedKeys.contains($0.key) }
    }

    /// Normalised values and computed fields in one JSON object (sorted keys), to store.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let all = values.merging(computed) { a, _ in a }
        return String(decoding: (try? encoder.encode(all)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// The check answer: normalised values and computed fields.
    public var check: FormSubmissionCheck { FormSubmissionCheck(values: values, computed: computed) }

    /// Users named in `user` fields, for the caller to check that they exist in the company.
    public var userIDs: [UUID] { ids(of: [.user]) }
    /// Departments named in `department` fields.
    public var departmentIDs: [UUID] { ids(of: [.department]) }
    /// Files named in `attachment` and `image` fields.
    public var fileIDs: [UUID] { ids(of: [.attachment, .image]) }

    private func ids(of types: Set<FormFieldType>) -> [UUID] {
        var out: [UUID] = []
        for field in schema.fields where types.contains(field.type) {
            switch values[field.key] {
            case .string(let text)?: if let id = UUID(uuidString: text) { out.append(id) }
            case .array(let items)?: out += items.compactMap { $0.text.flatMap(UUID.init(uuidString:)) }
            default: break
            }
        }
        var seen: Set<UUID> = []
        return out.filter { seen.insert($0).inserted }
    }

    /// A typed value for flow conditions. `path` is a field key (also of a computed field),
    /// `sum(table.column)` for a number or money column's sum, or `days(range)` for a date
    /// range's inclusive day count. Nil for an empty field, an unknown path or a field kind
    /// without a scalar (tables, files, date ranges).
    public func scalar(_ path: String) -> FormScalar? {
        let reader = ValueReader(schema: schema, values: values)
        let trimmed = path.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("sum(") || trimmed.hasPrefix("days(") {
            guard let expression = try? FormExpression.parse(trimmed) else { return nil }
            switch expression {
            case .sum(let table, let column):
                guard let col = reader.field(table)?.columns?.first(where: { $0.key == column }) else { return nil }
                let total = reader.decimal(expression) ?? 0
                if col.type == .money {
                    guard case .array(let rows)? = values[table] else { return .money(minorUnits: 0) }
                    var sum: Int64 = 0
                    for case .object(let cells) in rows {
                        if let minor = cells[column]?.text.flatMap(ValueReader.minorUnits) {
                            let (s, overflow) = sum.addingReportingOverflow(minor)
                            if overflow { return nil }
                            sum = s
                        }
                    }
                    return .money(minorUnits: sum)
                }
                return col.type == .number ? .number(total) : nil
            case .days:
                guard reader.field({ if case .days(let k) = expression { k } else { "" } }())?.type == .dateRange else { return nil }
                return reader.decimal(expression).map(FormScalar.number)
            default:
                return nil
            }
        }
        guard let field = reader.field(trimmed) else { return nil }
        if field.type == .computed {
            guard let text = computed[trimmed]?.text else { return nil }
            switch ComputedPlan(schema).kind(trimmed) {
            case .money?: return ValueReader.minorUnits(text).map { .money(minorUnits: $0) }
            default: return ValueReader.decimal(text).map(FormScalar.number)
            }
        }
        guard let value = values[trimmed] else { return nil }
        switch field.type {
        case .number: return value.text.flatMap(ValueReader.decimal).map(FormScalar.number)
        case .money: return value.text.flatMap(ValueReader.minorUnits).map { .money(minorUnits: $0) }
        case .date: return value.text.map(FormScalar.date)
        case .text, .textarea: return value.text.map(FormScalar.text)
        case .select: return value.text.map(FormScalar.option)
        case .multiSelect:
            guard case .array(let items) = value else { return nil }
            return .options(items.compactMap(\.text))
        case .user:
            if case .array(let items) = value { return .users(items.compactMap { $0.text.flatMap(UUID.init(uuidString:)) }) }
            return value.text.flatMap(UUID.init(uuidString:)).map(FormScalar.user)
        case .department: return value.text.flatMap(UUID.init(uuidString:)).map(FormScalar.department)
        default: return nil
        }
    }
}
