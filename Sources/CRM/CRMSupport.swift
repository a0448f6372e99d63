import Foundation
import Platform

/// The acting rep of a CRM action.
enum CRMActor {
    /// The actor's employee and department.
    /// - Throws: 422 `crm.no_employee` for a user who is no employee (visits and follow-ups are a rep's).
    static func employee(_ context: ServiceContext) throws -> (UUID, UUID?) {
        guard let employee = context.actor.employeeID else { throw DomainError(status: 422, code: "crm.no_employee") }
        return (employee, context.actor.departmentID)
    }
}

/// Text fields of CRM records.
enum CRMText {
    /// One line, trimmed; nil when blank. Appends `text.control_characters` / `text.too_long`.
    static func line(_ raw: String?, max: Int, path: String, required: Bool = false, problems: inout [DomainError.Field]) -> String? {
        switch TextInput.name(raw, max: max, required: required) {
        case .success(let text): return text
        case .failure(let problem):
            problems.append(problem.field(path))
            return nil
        }
    }

    /// Several lines, trimmed; nil when blank.
    static func note(_ raw: String?, max: Int, path: String, required: Bool = false, problems: inout [DomainError.Field]) -> String? {
        switch TextInput.note(raw, max: max) {
        case .success(let text):
            if text == nil, required { problems.append(.init(path, "field.required")) }
            return text
        case .failure(let problem):
            problems.append(problem.field(path))
            return nil
        }
    }
}
