import Foundation

/// The text typed into the search box, in the forms providers compare with.
///
/// Search is case-insensitive and literal (`%` and `_` match themselves, ``SQLContains``). A phone
/// number is found however it was typed or stored: `(171) 555-7788`, `171 555 7788` and
/// `1715557788` are the same digits, so ``digits`` is set when the text is a phone-like run of at
/// least ``minimumDigits`` digits and separators.
public struct SearchText: Sendable, Equatable {
    /// Trimmed, as typed.
    public let raw: String
    /// Lower-cased, for the `search_text` columns, which are stored lower-cased.
    public let lowered: String
    /// The digits of a phone-like text; nil when the text has letters or too few digits.
    public let digits: String?

    public static let minimumDigits = 3
    /// What people put between the digits of a phone number.
    public static let phoneSeparators: Set<Character> = [" ", "-", "(", ")", ".", "+", "/"]

    /// - Returns: nil for a text that is empty after trimming.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        raw = trimmed
        lowered = trimmed.lowercased()
        let phoneLike = trimmed.allSatisfy { $0.isASCII && ($0.isNumber || Self.phoneSeparators.contains($0)) }
        let onlyDigits = String(trimmed.filter { $0.isASCII && $0.isNumber })
        digits = phoneLike && onlyDigits.count >= Self.minimumDigits ? onlyDigits : nil
    }
}
