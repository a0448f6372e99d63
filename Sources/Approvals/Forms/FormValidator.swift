import AfieldAPI
import Foundation
import Platform

/// A typed value of a submitted form, for flow conditions (`amount > 5000`, `transport = plane`).
public enum FormScalar: Sendable, Equatable {
    case number(Decimal)
    /// Money in the company currency.
    case money(minorUnits: Int64)
    /// `YYYY-MM-DD`.
    case date(String)
    case text(String)
    /// The value of the chosen option of a select field.
    case option(String)
    /// The chosen options of a multi-select field, in the schema's order.
    case options([String])
    case user(UUID)
    case users([UUID])
    case department(UUID)
}

/// Checks submitted values against a form's schema (issue 4 point 5).
public struct FormValidator: Sendable {
    public let schema: FormSchema
    public let currency: Currency

    public static let textMax = 200
    public static let textareaMax = 2000
    public static let maxFiles = 20
    public static let maxRows = 200
    public static let maxUsers = 20

    /// `schema` must have passed ``FormSchema/validated()``.
    public init(schema: FormSchema, currency: Currency) {
        self.schema = schema
        self.currency = currency
    }

    /// The values normalised, with the computed fields worked out by the server (a client's
    /// values for them are ignored).
    /// - Throws: 422 ``DomainError`` listing every problem at once, at paths such as
    ///   `values.amount` and `values.items[2].qty`.
    public func validate(_ submitted: [String: FormValue]) throws -> ValidatedForm {
        var problems: [DomainError.Field] = []
        let known = Set(schema.fields.map(\.key))
        for key in submitted.keys.sorted() where !known.contains(key) {
            problems.append(.init("values.\(key)", "approvals.value.unknown_field"))
        }
        var values: [String: FormValue] = [:]
        for field in schema.fields where field.type != .computed {
            let path = "values.\(field.key)"
            let raw = submitted[field.key] ?? .null
            if Self.isEmpty(raw) {
                if field.required { problems.append(.init(path, "approvals.value.required")) }
            } else if let value = normalise(field, raw, path: path, problems: &problems) {
                values[field.key] = value
            }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        return ValidatedForm(schema: schema, values: values, computed: Self.compute(schema, values: values, currency: currency))
    }

    // MARK: - One value

    /// The normalised value, or nil when empty; problems are appended (and nil returned).
    func normalise(_ field: FormField, _ value: FormValue, path: String, problems: inout [DomainError.Field]) -> FormValue? {
        if Self.isEmpty(value) { return nil }
        func wrongType() -> FormValue? {
            problems.append(.init(path, "approvals.value.wrong_type"))
            return nil
        }
        switch field.type {
        case .text, .textarea:
            guard case .string(let text) = value else { return wrongType() }
            let result = field.type == .text ? TextInput.name(text, max: Self.textMax, required: false) : TextInput.note(text, max: Self.textareaMax)
            switch result {
            case .success(let cleaned): return cleaned.map(FormValue.string)
            case .failure(let problem):
                problems.append(problem.field(path))
                return nil
            }
        case .number:
            return decimal(value, scale: field.precision ?? 0, path: path, problems: &problems, negativeAllowed: true)
        case .money:
            return decimal(value, scale: currency.exponent, path: path, problems: &problems, negativeAllowed: false)
        case .date:
            guard case .string(let text) = value else { return wrongType() }
            return day(text, path: path, problems: &problems).map(FormValue.string)
        case .dateRange:
            guard case .object(let object) = value else { return wrongType() }
            let before = problems.count
            let start = object["start"].flatMap { Self.isEmpty($0) ? nil : $0 }
            let end = object["end"].flatMap { Self.isEmpty($0) ? nil : $0 }
            var days: [String] = []
            for (name, part) in [("start", start), ("end", end)] {
                guard let part else {
                    problems.append(.init("\(path).\(name)", "approvals.value.required"))
                    continue
                }
                guard case .string(let text) = part else {
                    problems.append(.init("\(path).\(name)", "approvals.value.not_date"))
                    continue
                }
                if let day = day(text, path: "\(path).\(name)", problems: &problems) { days.append(day) }
            }
            for key in object.keys.sorted() where key != "start" && key != "end" {
                problems.append(.init("\(path).\(key)", "approvals.value.unknown_field"))
            }
            guard problems.count == before, days.count == 2 else { return nil }
            if days[0] > days[1] {
                problems.append(.init(path, "approvals.value.range_order"))
                return nil
            }
            return .object(["start": .string(days[0]), "end": .string(days[1])])
        case .select:
            guard case .string(let text) = value else { return wrongType() }
            guard (field.options ?? []).contains(where: { $0.value == text }) else {
                problems.append(.init(path, "approvals.value.unknown_option"))
                return nil
            }
            return .string(text)
        case .multiSelect:
            guard case .array(let items) = value else { return wrongType() }
            var chosen: Set<String> = []
            for (i, item) in items.enumerated() {
                guard case .string(let text) = item, (field.options ?? []).contains(where: { $0.value == text }) else {
                    problems.append(.init("\(path)[\(i)]", "approvals.value.unknown_option"))
                    continue
                }
                chosen.insert(text)
            }
            let ordered = (field.options ?? []).map(\.value).filter(chosen.contains)
            return ordered.isEmpty ? nil : .array(ordered.map(FormValue.string))
        case .user, .department:
            if field.type == .user, case .array(let items) = value {
                guard items.count <= Self.maxUsers else {
                    problems.append(.init(path, "approvals.value.too_many", params: ["max": String(Self.maxUsers)]))
                    return nil
                }
                return ids(items, path: path, problems: &problems)
            }
            guard case .string(let text) = value else { return wrongType() }
            guard let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
                problems.append(.init(path, "approvals.value.not_id"))
                return nil
            }
            return .string(id.uuidString)
        case .attachment, .image:
            guard case .array(let items) = value else { return wrongType() }
            guard items.count <= Self.maxFiles else {
                problems.append(.init(path, "approvals.value.too_many", params: ["max": String(Self.maxFiles)]))
                return nil
            }
            return ids(items, path: path, problems: &problems)
        case .table:
            guard case .array(let rows) = value else { return wrongType() }
            guard rows.count <= Self.maxRows else {
                problems.append(.init(path, "approvals.value.too_many_rows", params: ["max": String(Self.maxRows)]))
                return nil
            }
            let columns = field.columns ?? []
            let known = Set(columns.map(\.key))
            var out: [FormValue] = []
            for (i, row) in rows.enumerated() {
                let rowPath = "\(path)[\(i)]"
                guard case .object(let cells) = row else {
                    problems.append(.init(rowPath, "approvals.value.wrong_type"))
                    continue
                }
                for key in cells.keys.sorted() where !known.contains(key) {
                    problems.append(.init("\(rowPath).\(key)", "approvals.value.unknown_field"))
                }
                var normalised: [String: FormValue] = [:]
                for column in columns {
                    let cellPath = "\(rowPath).\(column.key)"
                    let raw = cells[column.key] ?? .null
                    if Self.isEmpty(raw) {
                        if column.required { problems.append(.init(cellPath, "approvals.value.required")) }
                    } else if let cell = normalise(column, raw, path: cellPath, problems: &problems) {
                        normalised[column.key] = cell
                    }
                }
                out.append(.object(normalised))
            }
            return out.isEmpty ? nil : .array(out)
        case .computed:
            return nil
        }
    }

    private func decimal(_ value: FormValue, scale: Int, path: String, problems: inout [DomainError.Field], negativeAllowed: Bool) -> FormValue? {
        let text: String
        switch value {
        case .number(let literal): text = literal
        case .string(let literal): text = literal
        default:
            problems.append(.init(path, "approvals.value.wrong_type"))
            return nil
        }
        do {
            let scaled = try FixedDecimal.parse(text, scale: scale)
            if scaled < 0 && !negativeAllowed {
                problems.append(.init(path, "approvals.value.negative"))
                return nil
            }
            return .string(FixedDecimal.format(scaled, scale: scale))
        } catch {
            switch error {
            case .notANumber: problems.append(.init(path, "approvals.value.not_number"))
            case .tooManyDecimals(let allowed): problems.append(.init(path, "approvals.value.too_many_decimals", params: ["max": String(allowed)]))
            case .outOfRange: problems.append(.init(path, "approvals.value.out_of_range"))
            }
            return nil
        }
    }

    private func day(_ text: String, path: String, problems: inout [DomainError.Field]) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard CalendarDay.isPlausibleBusinessDay(trimmed) else {
            problems.append(.init(path, "approvals.value.not_date"))
            return nil
        }
        return trimmed
    }

    private func ids(_ items: [FormValue], path: String, problems: inout [DomainError.Field]) -> FormValue? {
        var out: [String] = []
        for (i, item) in items.enumerated() {
            guard case .string(let text) = item, let id = UUID(uuidString: text.trimmingCharacters(in: .whitespaces)) else {
                problems.append(.init("\(path)[\(i)]", "approvals.value.not_id"))
                continue
            }
            if !out.contains(id.uuidString) { out.append(id.uuidString) }
        }
        return out.isEmpty ? nil : .array(out.map(FormValue.string))
    }

    static func isEmpty(_ value: FormValue) -> Bool {
        switch value {
        case .null: true
        case .string(let text): text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        case .array(let items): items.isEmpty
        default: false
        }
    }

    // MARK: - Computed fields

    /// The computed fields of normalised `values`: decimal strings (money with the currency's
    /// digits), or null where a division by zero or an overflow leaves no value.
    static func compute(_ schema: FormSchema, values: [String: FormValue], currency: Currency) -> [String: FormValue] {
        let plan = ComputedPlan(schema)
        var results: [String: Decimal] = [:]
        var out: [String: FormValue] = [:]
        let reader = ValueReader(schema: schema, values: values)
        for step in plan.steps {
            let value = step.expression.evaluate { reference in
                if case .field(let key) = reference, let computed = results[key] { return computed }
                return reader.decimal(reference)
            }
            let scale = step.kind == .money ? currency.exponent : { if case .number(let s) = step.kind { s } else { 0 } }()
            guard let value, let scaled = value.scaledInt64(scale: scale) else {
                out[step.key] = .null
                continue
            }
            results[step.key] = Decimal(minorUnits: scaled, scale: scale)
            out[step.key] = .string(FixedDecimal.format(scaled, scale: scale))
        }
        return out
    }
}

/// Reads references of formulas and conditions from normalised values.
struct ValueReader {
    let schema: FormSchema
    let values: [String: FormValue]

    func field(_ key: String) -> FormField? { schema.fields.first { $0.key == key } }

    /// A field's number, money (as a decimal), a column's sum or a range's day count.
    func decimal(_ reference: FormExpression) -> Decimal? {
        switch reference {
        case .field(let key):
            return values[key]?.text.flatMap(Self.decimal)
        case .sum(let table, let column):
            guard case .array(let rows)? = values[table] else { return nil }
            var total = Decimal(0)
            for case .object(let cells) in rows { if let v = cells[column]?.text.flatMap(Self.decimal) { total += v } }
            return total
        case .days(let key):
            guard case .object(let range)? = values[key], let start = range["start"]?.text, let end = range["end"]?.text,
                  let a = Self.dayNumber(start), let b = Self.dayNumber(end) else { return nil }
            return Decimal(b - a + 1)
        default:
            return nil
        }
    }

    /// Exact decimal of a normalised number text (`"1200.50"`).
    static func decimal(_ text: String) -> Decimal? {
        let digits = text.split(separator: ".").dropFirst().first?.count ?? 0
        guard let scaled = try? FixedDecimal.parse(text, scale: digits) else { return nil }
        return Decimal(minorUnits: scaled, scale: digits)
    }

    /// Minor units of a normalised money text (it carries exactly the currency's digits).
    static func minorUnits(_ text: String) -> Int64? {
        let digits = text.split(separator: ".").dropFirst().first?.count ?? 0
        return try? FixedDecimal.parse(text, scale: digits)
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` text (proleptic Gregorian, H. Hinnant's days_from_civil).
    static func dayNumber(_ text: String) -> Int? {
        guard CalendarDay.isValid(text) else { return nil }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        var y = parts[0]
        let m = parts[1], d = parts[2]
        y -= m <= 2 ? 1 : 0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}
