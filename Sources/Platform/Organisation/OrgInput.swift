import Foundation

/// Checks of the free-text inputs of the organisation API, shared by positions, sites and employees.
enum OrgInput {
    /// A required name: trimmed, not empty, on one line without control characters
    /// (`text.control_characters`), at most `max` characters. Absent (`nil`) stays absent
    /// unless `required`. Problems (`field.required`, `field.too_long`) are appended at `path`.
    static func name(_ raw: String?, path: String = "name", max: Int = 100, required: Bool, problems: inout [DomainError.Field]) -> String? {
        guard let raw else {
            if required { problems.append(.init(path, "field.required")) }
            return nil
        }
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty {
            problems.append(.init(path, "field.required"))
            return nil
        }
        if TextInput.hasForbidden(name, multiline: false) {
            problems.append(.init(path, TextInput.Problem.controlCharacters.rawValue))
            return nil
        }
        if name.unicodeScalars.count > max {
            problems.append(.init(path, "field.too_long", params: ["max": String(max)]))
            return nil
        }
        return name
    }

    /// An optional text: `nil` when absent (leave as is), `.some(nil)` when empty (clear), else
    /// the trimmed text; longer than `max` characters appends `field.too_long` at `path`.
    static func optional(_ raw: String?, path: String, max: Int, multiline: Bool = false, problems: inout [DomainError.Field]) -> String?? {
        guard let raw else { return nil }
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return .some(nil) }
        // Line breaks may separate the lines of an address (`multiline`); nothing else invisible may.
        if TextInput.hasForbidden(text, multiline: multiline) {
            problems.append(.init(path, TextInput.Problem.controlCharacters.rawValue))
            return nil
        }
        if text.unicodeScalars.count > max {
            problems.append(.init(path, "field.too_long", params: ["max": String(max)]))
            return nil
        }
        return .some(text)
    }

    /// Whether two names are the same for uniqueness (case-insensitive, as the unique indexes).
    static func same(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return false }
        return a.lowercased() == b.lowercased()
    }
}
