import AfieldAPI
import Foundation
import Platform

/// Limits and checks of a form's schema (issue 4 point 5).
extension FormSchema {
    public static let maxFields = 60
    public static let maxOptions = 100
    public static let maxColumns = 20
    public static let labelMax = 60
    public static let placeholderMax = 100
    public static let optionMax = 60
    /// Field and column types a table column may have.
    public static let columnTypes: Set<FormFieldType> = [.text, .number, .money, .date, .select]

    /// Whether `key` is a valid field key: `[a-z][a-zA-Z0-9_]{0,39}`.
    public static func isValidKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, key.unicodeScalars.count <= 40, ("a"..."z").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    /// The schema cleaned for storage (labels trimmed, attributes that do not apply to a field's
    /// type dropped), or every problem at once as field errors (`fields[3].options`).
    /// - Throws: 422 ``DomainError`` with one field error per problem.
    public func validated() throws -> FormSchema {
        let (schema, problems) = checked()
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        return schema
    }

    /// ``validated()`` without throwing: the cleaned schema and the problems found.
    public func checked() -> (FormSchema, [DomainError.Field]) {
        var problems: [DomainError.Field] = []
        if fields.isEmpty { problems.append(.init("fields", "approvals.form.no_fields")) }
        if fields.count > Self.maxFields {
            problems.append(.init("fields", "approvals.form.too_many_fields", params: ["max": String(Self.maxFields)]))
        }
        var cleaned: [FormField] = []
        var seen: Set<String> = []
        for (index, field) in fields.enumerated() {
            let path = "fields[\(index)]"
            cleaned.append(Self.clean(field, path: path, column: false, problems: &problems))
            if Self.isValidKey(field.key) {
                if !seen.insert(field.key).inserted { problems.append(.init("\(path).key", "approvals.form.key_duplicate")) }
            }
        }
        if cleaned.filter({ $0.summary == true }).count > CardSummaryItem.limit {
            problems.append(.init("fields", "approvals.form.summary_too_many", params: ["max": String(CardSummaryItem.limit)]))
        }
        let schema = FormSchema(fields: cleaned)
        problems += schema.formulaProblems()
        return (schema, problems)
    }

    private static func clean(_ field: FormField, path: String, column: Bool, problems: inout [DomainError.Field]) -> FormField {
        var out = FormField(key: field.key, type: field.type, label: field.label, required: field.required)
        if !isValidKey(field.key) { problems.append(.init("\(path).key", "approvals.form.key_invalid")) }
        switch TextInput.name(field.label, max: labelMax) {
        case .success(let label): out.label = label ?? ""
        case .failure(let problem): problems.append(problem.field("\(path).label"))
        }
        switch TextInput.name(field.placeholder, max: placeholderMax, required: false) {
        case .success(let text): out.placeholder = text
        case .failure(let problem): problems.append(problem.field("\(path).placeholder"))
        }
        if column && !columnTypes.contains(field.type) {
            problems.append(.init("\(path).type", "approvals.form.column_type"))
        }
        if field.summary == true {
            if column || !FormSummary.markable.contains(field.type) {
                problems.append(.init("\(path).summary", "approvals.form.summary_type"))
            } else {
                out.summary = true
            }
        }
        switch field.type {
        case .select, .multiSelect:
            let options = field.options ?? []
            if options.isEmpty || options.count > maxOptions {
                problems.append(.init("\(path).options", "approvals.form.options_count", params: ["max": String(maxOptions)]))
            }
            var values: Set<String> = []
            var cleanedOptions: [FormOption] = []
            for (j, option) in options.prefix(maxOptions).enumerated() {
                var o = option
                switch TextInput.name(option.value, max: optionMax) {
                case .success(let value): o.value = value ?? ""
                case .failure(let problem): problems.append(problem.field("\(path).options[\(j)].value"))
                }
                switch TextInput.name(option.label, max: optionMax) {
                case .success(let label): o.label = label ?? ""
                case .failure(let problem): problems.append(problem.field("\(path).options[\(j)].label"))
                }
                if !o.value.isEmpty && !values.insert(o.value).inserted {
                    problems.append(.init("\(path).options[\(j)].value", "approvals.form.option_duplicate"))
                }
                cleanedOptions.append(o)
            }
            out.options = cleanedOptions
        case .number:
            if let precision = field.precision, !(0...4).contains(precision) {
                problems.append(.init("\(path).precision", "approvals.form.precision_range", params: ["max": "4"]))
            }
            out.precision = field.precision ?? 0
            if column { out.summable = field.summable ?? false }
        case .money:
            if column { out.summable = field.summable ?? false }
        case .computed:
            if let precision = field.precision, !(0...4).contains(precision) {
                problems.append(.init("\(path).precision", "approvals.form.precision_range", params: ["max": "4"]))
            }
            out.precision = field.precision
            out.formula = field.formula?.trimmingCharacters(in: .whitespacesAndNewlines)
            out.required = false
            if out.formula?.isEmpty ?? true { problems.append(.init("\(path).formula", "approvals.form.formula_required")) }
        case .table:
            guard !column else { break }  // reported above: a table column cannot be a table
            let columns = field.columns ?? []
            if columns.isEmpty || columns.count > maxColumns {
                problems.append(.init("\(path).columns", "approvals.form.columns_count", params: ["max": String(maxColumns)]))
            }
            var keys: Set<String> = []
            var cleanedColumns: [FormField] = []
            for (j, col) in columns.prefix(maxColumns).enumerated() {
                cleanedColumns.append(clean(col, path: "\(path).columns[\(j)]", column: true, problems: &problems))
                if isValidKey(col.key), !keys.insert(col.key).inserted {
                    problems.append(.init("\(path).columns[\(j)].key", "approvals.form.key_duplicate"))
                }
            }
            out.columns = cleanedColumns
        default:
            break
        }
        return out
    }

    /// Problems of the computed fields' formulas: syntax, references, cycles.
    func formulaProblems() -> [DomainError.Field] {
        var problems: [DomainError.Field] = []
        let byKey = Dictionary(fields.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var edges: [String: [String]] = [:]
        var indexOf: [String: Int] = [:]
        for (index, field) in fields.enumerated() where field.type == .computed {
            indexOf[field.key] = index
            guard let formula = field.formula, !formula.isEmpty else { continue }
            let path = "fields[\(index)].formula"
            let expression: FormExpression
            do { expression = try FormExpression.parse(formula) } catch {
                problems.append(.init(path, "approvals.form.formula_syntax", params: ["near": error.near]))
                continue
            }
            for reference in expression.references {
                switch reference {
                case .field(let key):
                    guard let target = byKey[key], [.number, .money, .computed].contains(target.type), key != field.key else {
                        problems.append(.init(path, "approvals.form.formula_reference", params: ["name": key]))
                        continue
                    }
                    if target.type == .computed { edges[field.key, default: []].append(key) }
                case .sum(let table, let column):
                    guard let target = byKey[table], target.type == .table,
                          let col = target.columns?.first(where: { $0.key == column }), col.type == .number || col.type == .money
                    else {
                        problems.append(.init(path, "approvals.form.formula_reference", params: ["name": "\(table).\(column)"]))
                        continue
                    }
                case .days(let key):
                    guard byKey[key]?.type == .dateRange else {
                        problems.append(.init(path, "approvals.form.formula_reference", params: ["name": key]))
                        continue
                    }
                default: break
                }
            }
        }
        // Cycles among computed fields (a = b + 1, b = a * 2).
        var state: [String: Bool] = [:]  // false = visiting, true = done
        var reported: Set<String> = []
        func visit(_ key: String) -> Bool {
            if state[key] == true { return false }
            if state[key] == false { return true }
            state[key] = false
            var cyclic = false
            for next in edges[key] ?? [] where visit(next) { cyclic = true }
            state[key] = true
            return cyclic
        }
        for field in fields where field.type == .computed {
            state = [:]
            if visit(field.key), let index = indexOf[field.key], reported.insert(field.key).inserted {
                problems.append(.init("fields[\(index)].formula", "approvals.form.formula_cycle"))
            }
        }
        return problems
    }
}

/// How a valid schema's computed fields are worked out: in dependency order, each with the
/// kind of its result.
struct ComputedPlan: Sendable {
    enum Kind: Sendable, Equatable {
        /// Money in the company currency (some reference is money).
        case money
        /// A number with this many fraction digits.
        case number(scale: Int)
    }

    struct Step: Sendable {
        let key: String
        let expression: FormExpression
        let kind: Kind
    }

    let steps: [Step]

    /// The plan of a schema that passed ``FormSchema/validated()``; formulas that do not parse
    /// (never the case after validation) are left out.
    init(_ schema: FormSchema) {
        let byKey = Dictionary(schema.fields.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var expressions: [String: FormExpression] = [:]
        for field in schema.fields where field.type == .computed {
            if let formula = field.formula, let expression = try? FormExpression.parse(formula) { expressions[field.key] = expression }
        }
        var kinds: [String: Kind] = [:]
        var ordered: [Step] = []
        var visiting: Set<String> = []
        func kind(of key: String) -> Kind? {
            if let known = kinds[key] { return known }
            guard let expression = expressions[key], visiting.insert(key).inserted else { return nil }
            defer { visiting.remove(key) }
            var money = false
            var scale = 0
            func literalScale(_ e: FormExpression) -> Int {
                switch e {
                case .number(let value): return max(0, -value.exponent)
                case .negate(let inner): return literalScale(inner)
                case .binary(_, let a, let b): return max(literalScale(a), literalScale(b))
                default: return 0
                }
            }
            scale = literalScale(expression)
            for reference in expression.references {
                switch reference {
                case .field(let name):
                    guard let target = byKey[name] else { continue }
                    switch target.type {
                    case .money: money = true
                    case .number: scale = max(scale, target.precision ?? 0)
                    case .computed:
                        switch kind(of: name) {
                        case .money: money = true
                        case .number(let s): scale = max(scale, s)
                        case nil: break
                        }
                    default: break
                    }
                case .sum(let table, let column):
                    guard let col = byKey[table]?.columns?.first(where: { $0.key == column }) else { continue }
                    if col.type == .money { money = true } else { scale = max(scale, col.precision ?? 0) }
                default: break
                }
            }
            let field = byKey[key]
            let result: Kind = money ? .money : .number(scale: min(4, field?.precision ?? scale))
            kinds[key] = result
            ordered.append(Step(key: key, expression: expression, kind: result))
            return result
        }
        for field in schema.fields where field.type == .computed { _ = kind(of: field.key) }
        steps = ordered
    }

    func kind(_ key: String) -> Kind? { steps.first { $0.key == key }?.kind }
}
