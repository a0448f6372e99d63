import AfieldAPI
import Foundation
import Platform
import Vapor

/// Checks submitted form values against the form's schema.
enum FormSubmission {
    private struct Field: Decodable { var key: String }
    private struct Schema: Decodable { var fields: [Field] }

    /// - Returns: the values to store.
    /// - Throws: 422 listing unknown fields.
    static func validate(form: FormBinding.Form, values: [String: FormValue], req: Request) async throws -> [String: FormValue] {
        let keys = Set(try JSONText.decode(Schema.self, form.schema).fields.map(\.key))
        let unknown = values.keys.filter { !keys.contains($0) }.sorted()
        if !unknown.isEmpty { throw DomainError.invalid(unknown.map { .init("values.\($0)", "approvals.form.field_unknown") }) }
        return values
    }
}
