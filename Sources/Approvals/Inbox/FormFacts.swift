import AfieldAPI
import Foundation
import Platform

/// The facts a form submission offers to flow conditions: each scalar field by key, and
/// `sum(<table>.<column>)` for the number and money columns of detail tables.
enum FormFacts {
    private struct Field: Decodable {
        var key: String
        var type: String
        var columns: [Field]?
    }
    private struct Schema: Decodable { var fields: [Field] }

    static func facts(schema: String, values: [String: FormValue], currency: Currency) throws -> [String: ApprovalFact] {
        let fields = try JSONText.decode(Schema.self, schema).fields
        var facts: [String: ApprovalFact] = [:]
        for field in fields {
            guard let value = values[field.key] else { continue }
            if field.type == "table", case .array(let rows) = value {
                for column in field.columns ?? [] where column.type == "number" || column.type == "money" {
                    var sum = Decimal(0)
                    for case .object(let row) in rows {
                        if let text = row[column.key]?.text, let number = ConditionEvaluator.decimal(text) { sum += number }
                    }
                    facts["sum(\(field.key).\(column.key))"] = fact(type: column.type, decimal: sum, currency: currency)
                }
                continue
            }
            if let fact = scalar(field.type, value, currency: currency) { facts[field.key] = fact }
        }
        return facts
    }

    private static func fact(type: String, decimal: Decimal, currency: Currency) -> ApprovalFact {
        var scaled = decimal * pow(Decimal(10), currency.exponent)
        // Beyond what minor units can hold (only absurd sums): compare it as a plain number.
        guard type == "money", scaled < Decimal(Int64.max), scaled > Decimal(Int64.min) else { return .number(decimal) }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        return .money(NSDecimalNumber(decimal: rounded).int64Value, exponent: currency.exponent)
    }

    private static func scalar(_ type: String, _ value: FormValue, currency: Currency) -> ApprovalFact? {
        switch (type, value) {
        case ("money", _), ("computed", _), ("number", _):
            guard let text = value.text, let number = ConditionEvaluator.decimal(text) else { return nil }
            return fact(type: type == "money" ? "money" : "number", decimal: number, currency: currency)
        case ("date", .string(let day)): return .date(day)
        case ("select", .string(let option)): return .options([option])
        case ("multiSelect", .array(let items)): return .options(items.compactMap(\.text))
        case ("user", .string(let id)): return UUID(uuidString: id).map { .users([$0]) }
        case ("user", .array(let items)): return .users(items.compactMap { $0.text.flatMap(UUID.init(uuidString:)) })
        case ("department", .string(let id)): return UUID(uuidString: id).map { .department($0) }
        case ("text", .string(let text)), ("textarea", .string(let text)): return .text(text)
        default: return nil
        }
    }
}
