import Foundation

/// Checks for the short texts people type: names of users, roles, companies.
///
/// Lengths count Unicode code points, as JSON Schema's `maxLength` (the OpenAPI document) and
/// PostgreSQL's character types do; a letter with a combining mark or an emoji with a skin tone
/// counts as two.
///
/// Whitespace at the ends goes, and inner runs of any Unicode whitespace (a non-breaking space
/// pasted from a chat) become one space, so "Sales  Lead" and "Sales\u{00A0}Lead" are the same
/// name. Control characters and bidirectional overrides are refused: they hide or reorder text
/// in lists and in the audit log (Unicode TR#36 §2.1, "Trojan Source").
public enum TextInput {
    public enum Problem: String, Sendable {
        case required = "field.required"
        case tooLong = "text.too_long"
        case controlCharacters = "text.control_characters"
    }

    /// The cleaned text, or the problem with it. `nil` input counts as empty.
    public static func name(_ raw: String?, max: Int, required: Bool = true) -> Result<String?, ProblemBox> {
        let cleaned = (raw ?? "").split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if cleaned.unicodeScalars.contains(where: isForbidden) { return .failure(ProblemBox(.controlCharacters, max: max)) }
        if cleaned.isEmpty { return required ? .failure(ProblemBox(.required, max: max)) : .success(nil) }
        if cleaned.unicodeScalars.count > max { return .failure(ProblemBox(.tooLong, max: max)) }
        return .success(cleaned)
    }

    /// A multi-line note: line breaks are kept, other control characters refused.
    public static func note(_ raw: String?, max: Int) -> Result<String?, ProblemBox> {
        let cleaned = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if hasForbidden(cleaned, multiline: true) {
            return .failure(ProblemBox(.controlCharacters, max: max))
        }
        if cleaned.isEmpty { return .success(nil) }
        if cleaned.unicodeScalars.count > max { return .failure(ProblemBox(.tooLong, max: max)) }
        return .success(cleaned)
    }

    /// A problem and the limit it refers to, as a field error.
    public struct ProblemBox: Error, Sendable {
        public let problem: Problem
        public let max: Int
        init(_ problem: Problem, max: Int) {
            self.problem = problem
            self.max = max
        }

        public func field(_ path: String) -> DomainError.Field {
            problem == .tooLong ? .init(path, problem.rawValue, params: ["max": String(max)]) : .init(path, problem.rawValue)
        }
    }

    /// Whether `text` holds a character no text in Afield may hold: a control character (NUL and
    /// the rest of Unicode's Cc; line feed, carriage return and tab are allowed when `multiline`)
    /// or a bidirectional override or mark. A NUL ends a string in SQLite's C API and is refused
    /// by PostgreSQL, so it must never reach a query.
    public static func hasForbidden(_ text: String, multiline: Bool) -> Bool {
        text.unicodeScalars.contains { scalar in
            if scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar.value == 0x2028 || scalar.value == 0x2029 { return !multiline }
            return isForbidden(scalar)
        }
    }

    /// Longest text accepted in a query parameter (a search, an id, a date), in characters: a
    /// search needs no more, and SQLite refuses `LIKE` patterns past 50,000 bytes.
    public static let queryMax = 200

    /// Control characters (Cc), bidirectional overrides, isolates and marks (U+200E, U+200F,
    /// U+061C), and the byte order mark U+FEFF, which has no place inside a text. Line and
    /// paragraph separators (U+2028, U+2029) count as line breaks.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.generalCategory == .control { return true }
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0xFEFF, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Longest user or employee name.
    public static let personNameMax = 100
    /// Longest role name.
    public static let roleNameMax = 60
    /// Longest role description.
    public static let descriptionMax = 500
}
