import Foundation

/// The Chinese unified social credit code (统一社会信用代码), the 18-character registration and tax
/// number every company, branch and other organisation in mainland China has since 2015, printed on
/// its business licence (营业执照) and on every fapiao it issues.
///
/// The rule is GB 32100-2015 (法人和其他组织统一社会信用代码编码规则): 18 characters from the 31-character
/// set `0123456789ABCDEFGHJKLMNPQRTUWXY` (no I, O, S, V, Z, which read like digits or each other);
/// characters 1–17 carry the registration authority, organisation type, region and organisation
/// code, the 18th is a check character computed from them (ISO 7064-style, modulus 31). The check
/// catches every single wrong character and most swaps, which is the point: a mistyped tax number
/// on a customer means fapiao the customer cannot claim.
///
/// This checks the form only; whether the code is registered is a question for the national
/// enterprise credit publicity system (国家企业信用信息公示系统), not for arithmetic.
public enum CreditCode {
    /// Why a text is not a well-formed credit code. The raw values are message catalogue keys.
    public enum Problem: String, Sendable, Equatable {
        /// Not 18 characters after normalising.
        case length = "partners.tax_id.length"
        /// A character outside `0123456789ABCDEFGHJKLMNPQRTUWXY` (such as I, O, S, V, Z).
        case characters = "partners.tax_id.characters"
        /// The 18th character is not the check character of the first 17.
        case checkDigit = "partners.tax_id.check_digit"
    }

    /// The code's alphabet; a character's value is its position here (0…30).
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    /// Weights of positions 1–17 (GB 32100-2015, 4.3): 3^(i−1) mod 31.
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    private static let values: [Character: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })

    /// The form a code is stored and compared in: Unicode NFKC (full-width `９１３５` and `Ａ`
    /// become `9135` and `A`, as typed with a Chinese input method), then without whitespace and
    /// hyphens (codes are often written in groups), upper-cased. Any other character is kept, so
    /// ``check(_:)`` can report it.
    public static func normalise(_ text: String) -> String {
        let compatible = text.precomposedStringWithCompatibilityMapping
        let kept = compatible.unicodeScalars.filter { scalar in
            !CharacterSet.whitespacesAndNewlines.contains(scalar) && !hyphens.contains(scalar)
        }
        return String(String.UnicodeScalarView(kept)).uppercased()
    }

    /// Hyphen-minus and the dashes people paste from documents (U+2010–U+2015, U+2212 minus).
    private static let hyphens = CharacterSet(charactersIn: "-\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{2015}\u{2212}")

    /// What is wrong with `text` as a credit code, or nil when it is well formed. The text is
    /// normalised first (``normalise(_:)``), so `91350100m000100y43` and full-width input pass.
    /// Problems are reported in the order length, characters, check character.
    public static func check(_ text: String) -> Problem? {
        let code = Array(normalise(text))
        guard code.count == 18 else { return .length }
        guard code.allSatisfy({ values[$0] != nil }) else { return .characters }
        guard checkCharacter(String(code[0..<17])) == code[17] else { return .checkDigit }
        return nil
    }

    /// The check character (18th) for the first 17 characters of a code: with each character's
    /// value v (its position in ``alphabet``) and the weights of GB 32100-2015,
    /// c = 31 − (Σ vᵢ·wᵢ mod 31), and c = 31 becomes 0; the result is `alphabet[c]`.
    /// Nil unless `first17` is exactly 17 characters of ``alphabet`` (upper case, already
    /// normalised).
    public static func checkCharacter(_ first17: String) -> Character? {
        let characters = Array(first17)
        guard characters.count == 17 else { return nil }
        var sum = 0
        for (character, weight) in zip(characters, weights) {
            guard let value = values[character] else { return nil }
            sum += value * weight
        }
        let check = 31 - sum % 31
        return alphabet[check == 31 ? 0 : check]
    }
}
