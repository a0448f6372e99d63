import AfieldAPI
import Fluent
import Foundation
import Platform

/// Checks submitted form values against the form's schema (``FormValidator``) and that the
/// users and departments they name belong to the company.
enum FormSubmission {
    /// - Returns: the values to store: the normalised ones and the computed fields.
    /// - Throws: 422 listing every problem (`values.amount`, `values.items[2].qty`).
    static func validate(form: FormBinding.Form, values: [String: FormValue], context: ServiceContext) async throws -> [String: FormValue] {
        let actor = context.actor
        let db = context.database
        let schema = try JSONText.decode(FormSchema.self, form.schema)
        let validated = try FormValidator(schema: schema, currency: actor.tenant.currency).validate(values)
        var problems: [DomainError.Field] = []
        let users = Set(validated.userIDs)
        if !users.isEmpty, try await User.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id ~~ users).count() != users.count {
            problems.append(.init("values", "approvals.user_unknown"))
        }
        let departments = Set(validated.departmentIDs)
        if !departments.isEmpty,
           try await Department.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id ~~ departments).count() != departments.count {
            problems.append(.init("values", "approvals.department_unknown"))
        }
        let files = Set(validated.fileIDs)
        // Files the caller may read (their own uploads, files of records they may read), not any id of the company.
        if !files.isEmpty,
           try await FileAccess.readable(Array(files), by: RecordReader(actor: actor), kinds: context.application.recordKinds, on: db).count != files.count {
            problems.append(.init("values", "approvals.attachment_unknown"))
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        return validated.values.merging(validated.computed) { _, computed in computed }
    }
}
