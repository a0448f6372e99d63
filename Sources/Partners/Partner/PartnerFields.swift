import AfieldAPI
import Platform

/// The checks a partner's own fields get on create and edit, so both say the same thing.
enum PartnerFields {
    /// Longest text a partner field takes.
    static let maximumLength = 200

    /// Problems with the fields given (nil fields are not checked; `name` "" is missing).
    static func problems(name: String?, email: String?, textFields: [(String, String?)]) -> [DomainError.Field] {
        var problems: [DomainError.Field] = []
        if let name, name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(.init("name", "field.required")) }
        if let email, !email.trimmingCharacters(in: .whitespaces).isEmpty, !IdentityService.looksLikeEmail(email.trimmingCharacters(in: .whitespaces)) {
            problems.append(.init("email", "auth.invalid_email"))
        }
        for (field, value) in textFields where !problems.contains(where: { $0.path == field }) {
            // One line each but the address (its form field has several lines): a name holding a
            // line break or a control character hides text in lists and turns into a formula in
            // a spreadsheet ("\r=1+1").
            if let value, TextInput.hasForbidden(value, multiline: field == "address") {
                problems.append(.init(field, TextInput.Problem.controlCharacters.rawValue))
            } else if (value?.unicodeScalars.count ?? 0) > maximumLength {
                problems.append(.init(field, "field.too_long", params: ["max": String(maximumLength)]))
            }
        }
        return problems
    }

    /// `value` trimmed; nil when blank.
    static func clean(_ value: String?) -> String? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
