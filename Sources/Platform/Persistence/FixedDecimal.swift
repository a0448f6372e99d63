import Foundation

/// Exact decimal text ⇄ scaled integers, the one place where Afield reads and writes numbers
/// given as text (money, quantities, percentages). Never goes through `Double`.
public enum FixedDecimal {
    /// Why a text is not an acceptable number.
    public enum ParseError: Error, Equatable, Sendable {
        /// Not a plain decimal number (`abc`, `1e5`, `1,5`, empty).
        case notANumber
        /// More fraction digits than the value can hold (`18.005` for a 2-decimal currency).
        case tooManyDecimals(allowed: Int)
        /// Does not fit the storage type.
        case outOfRange
    }

    /// Parses `text` (optional sign, digits, optional `.` and fraction digits; surrounding
    /// spaces ignored) into `value × 10^scale`.
    ///
    /// - Returns: the scaled value, e.g. `parse("9.8", scale: 2) == 980`.
    /// - Throws: ``ParseError``.
    public static func parse(_ text: String, scale: Int) throws(ParseError) -> Int64 {
        var chars = Substring(text.trimmingCharacters(in: .whitespaces))
        var negative = false
        if let first = chars.first, first == "-" || first == "+" {
            negative = first == "-"
            chars = chars.dropFirst()
        }
        let parts = chars.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let intPart = parts.first else { throw .notANumber }
        let fracPart = parts.count == 2 ? parts[1] : ""
        guard !(intPart.isEmpty && fracPart.isEmpty),
              intPart.allSatisfy(\.isASCIIDigit), fracPart.allSatisfy(\.isASCIIDigit)
        else { throw .notANumber }
        if parts.count == 2 && fracPart.isEmpty && intPart.isEmpty { throw .notANumber }
        let significantFraction = fracPart.reversed().drop(while: { $0 == "0" }).count
        guard significantFraction <= scale else { throw .tooManyDecimals(allowed: scale) }
        var value: Int128 = 0
        for c in intPart {
            value = value * 10 + Int128(c.asciiValue! - 48)
            if value > Int128(Int64.max) { throw .outOfRange }
        }
        let fracDigits = Array(fracPart)
        for i in 0..<scale {
            let digit: Int128 = i < fracDigits.count ? Int128(fracDigits[i].asciiValue! - 48) : 0
            value = value * 10 + digit
        }
        if negative { value = -value }
        guard let result = Int64(exactly: value) else { throw .outOfRange }
        return result
    }

    /// Formats `value / 10^scale` with exactly `scale` fraction digits: `format(44000, scale: 2) == "440.00"`.
    public static func format(_ value: Int64, scale: Int) -> String {
        let negative = value < 0
        let magnitude = value.magnitude
        var digits = String(magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return negative ? "-" + digits : digits
    }

    /// Like ``format(_:scale:)`` but without trailing fraction zeros: `12.5000` → `"12.5"`, `12.0000` → `"12"`.
    public static func formatTrimmed(_ value: Int64, scale: Int) -> String {
        var text = format(value, scale: scale)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
