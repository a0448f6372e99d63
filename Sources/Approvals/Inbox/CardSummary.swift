import AfieldAPI
import Foundation
import Platform

/// One line of a request's card summary (摘要) as stored with the instance
/// (`approval_instances.summary`, a JSON array): a label and a typed value, worded for each
/// reader when read (``pair(catalog:language:)``).
struct CardSummaryItem: Codable, Sendable, Equatable {
    /// The label as the form names the field.
    var label: String?
    /// Or a message code (documents), shown in the reader's language.
    var labelCode: String?
    /// `money` (`value` in minor units), `number` (decimal text), `date`, `dateRange` (`value`
    /// to `end`) or `text`.
    var kind: String
    var value: String
    var end: String?
    var currency: String?

    /// At most this many lines per card.
    static let limit = 3

    /// The line in `language`.
    func pair(catalog: MessageCatalog, language: AppLanguage) -> ApprovalSummaryPair {
        let shownLabel = labelCode.map { catalog.message($0, language) } ?? label ?? ""
        let text: String = switch kind {
        case "money":
            if let minor = Int64(value), let currency = currency.flatMap(Currency.init(code:)) {
                SummaryText.money(minor, currency: currency, language: language)
            } else { value }
        case "number": SummaryText.grouped(value)
        case "dateRange": "\(value) – \(end ?? "")"
        default: value
        }
        return ApprovalSummaryPair(label: shownLabel, value: text)
    }

    /// The lines of a stored summary (none for an instance without one).
    static func decode(_ text: String?) -> [CardSummaryItem] {
        guard let text else { return [] }
        return (try? JSONText.decode([CardSummaryItem].self, text)) ?? []
    }

    /// A document's summary lines, as its module gave them.
    static func items(_ lines: [ApprovalSummaryLine]) -> [CardSummaryItem] {
        lines.prefix(limit).map { line in
            var item = CardSummaryItem(labelCode: line.labelCode, kind: "text", value: line.value.text)
            switch line.value {
            case .money(let minor, _):
                item.kind = "money"
                item.value = String(minor)
                item.currency = line.currency
            case .number: item.kind = "number"
            case .date: item.kind = "date"
            default: item.value = SummaryText.short(line.value.text)
            }
            return item
        }
    }
}
