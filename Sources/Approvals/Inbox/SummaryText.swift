import Foundation
import Platform

/// Values as text for people, in their language: amounts grouped by thousands with the
/// currency's symbol as the web app shows them (`$2,400.00`, zh-CN `US$2,400.00`), short texts.
enum SummaryText {
    /// `1234567.5` → `1,234,567.5` (both languages group with commas).
    static func grouped(_ decimal: String) -> String {
        var text = decimal
        var sign = ""
        if text.hasPrefix("-") || text.hasPrefix("+") { sign = String(text.removeFirst()) }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = String(parts.first ?? "")
        guard !integer.isEmpty, integer.allSatisfy({ $0.isASCII && $0.isNumber }) else { return decimal }
        var groups: [Substring] = []
        var end = integer.endIndex
        while end > integer.startIndex {
            let start = integer.index(end, offsetBy: -3, limitedBy: integer.startIndex) ?? integer.startIndex
            groups.insert(integer[start..<end], at: 0)
            end = start
        }
        return sign + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// Minor units of `currency` as an amount with its symbol in `language`.
    static func money(_ minor: Int64, currency: Currency, language: AppLanguage) -> String {
        let number = grouped(FixedDecimal.format(minor, scale: currency.exponent))
        let negative = number.hasPrefix("-")
        let magnitude = negative ? String(number.dropFirst()) : number
        let symbol = (language == .zhCN ? chineseSymbols : englishSymbols)[currency.code]
        return (negative ? "-" : "") + (symbol.map { $0 + magnitude } ?? "\(currency.code) \(magnitude)")
    }

    /// At most 40 characters of the first line.
    static func short(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        return line.count > 40 ? String(line.prefix(39)) + "…" : line
    }

    // What the browsers' Intl.NumberFormat shows for these currencies in en and zh-CN.
    private static let englishSymbols = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥", "HKD": "HK$", "TWD": "NT$",
                                         "CAD": "CA$", "AUD": "A$", "NZD": "NZ$", "KRW": "₩", "INR": "₹", "MXN": "MX$", "BRL": "R$"]
    private static let chineseSymbols = ["CNY": "¥", "USD": "US$", "EUR": "€", "GBP": "£", "JPY": "JP¥", "HKD": "HK$", "TWD": "NT$",
                                         "CAD": "CA$", "AUD": "AU$", "NZD": "NZ$", "KRW": "₩", "INR": "₹", "MXN": "MX$", "BRL": "R$"]
}
