import AfieldAPI
import Foundation
import Platform

/// Which fields of a submitted form its card shows, and their values (``CardSummaryItem``): the
/// fields the form marks as summary fields, else the first amount, the first date (or date
/// range) and then the first other short fields — choices, short texts, numbers — in the
/// form's order, at most three, skipping empty ones.
enum FormSummary {
    /// Types a form may mark as summary fields.
    static let markable: Set<FormFieldType> = [.text, .textarea, .number, .money, .date, .dateRange, .select, .multiSelect, .computed]
    /// Types chosen when the form marks none.
    private static let chosenByDefault: Set<FormFieldType> = [.money, .date, .dateRange, .select, .text, .number]

    static func items(schema: FormSchema, values: [String: FormValue], currency: Currency) -> [CardSummaryItem] {
        let filled = schema.fields.compactMap { field in item(field, values[field.key], currency: currency).map { (field, $0) } }
        let chosen: [(FormField, CardSummaryItem)]
        if schema.fields.contains(where: { $0.summary == true }) {
            chosen = filled.filter { $0.0.summary == true }
        } else {
            var keys: [String] = []
            if let money = filled.first(where: { $0.0.type == .money }) { keys.append(money.0.key) }
            if let day = filled.first(where: { $0.0.type == .date || $0.0.type == .dateRange }) { keys.append(day.0.key) }
            for (field, _) in filled where chosenByDefault.contains(field.type) && keys.count < CardSummaryItem.limit && !keys.contains(field.key) {
                keys.append(field.key)
            }
            chosen = filled.filter { keys.contains($0.0.key) }
        }
        return chosen.prefix(CardSummaryItem.limit).map(\.1)
    }

    /// The line for one field's value; nil when empty or not shown on cards.
    private static func item(_ field: FormField, _ value: FormValue?, currency: Currency) -> CardSummaryItem? {
        guard markable.contains(field.type), let value else { return nil }
        func line(_ kind: String, _ text: String, end: String? = nil) -> CardSummaryItem? {
            text.isEmpty ? nil : CardSummaryItem(label: field.label, kind: kind, value: text, end: end)
        }
        switch (field.type, value) {
        case (.money, _):
            guard let text = value.text, let minor = try? FixedDecimal.parse(text, scale: currency.exponent) else { return nil }
            var money = CardSummaryItem(label: field.label, kind: "money", value: String(minor))
            money.currency = currency.code
            return money
        case (.number, _), (.computed, _):
            return value.text.flatMap { line("number", $0) }
        case (.date, .string(let day)):
            return line("date", day)
        case (.dateRange, .object(let range)):
            guard let start = range["start"]?.text, let end = range["end"]?.text else { return nil }
            return line("dateRange", start, end: end)
        case (.select, .string(let option)):
            return line("text", field.options?.first { $0.value == option }?.label ?? option)
        case (.multiSelect, .array(let options)):
            let labels = options.compactMap(\.text).map { option in field.options?.first { $0.value == option }?.label ?? option }
            return line("text", SummaryText.short(labels.joined(separator: ", ")))
        case (.text, .string(let text)), (.textarea, .string(let text)):
            return line("text", SummaryText.short(text))
        default:
            return nil
        }
    }
}
