import Fluent
import Foundation
import SQLKit

extension RecordScope {
    /// The scope as an SQL condition on a table, or nil when everything is visible.
    ///
    /// - Parameters:
    ///   - table: table name or alias.
    ///   - department: column holding the record's department.
    ///   - employee: column holding the owning employee (salesperson, account manager), if any.
    ///   - createdBy: column holding the creating user, if any.
    public func condition(table: String, department: String, employee: String?, createdBy: String?) -> SQLQueryString? {
        guard let departmentIDs else { return nil }
        var parts: [SQLQueryString] = []
        if !departmentIDs.isEmpty {
            let ids: [any Encodable & Sendable] = departmentIDs.sorted { $0.uuidString < $1.uuidString }
            parts.append("\(ident: table).\(ident: department) IN (\(binds: ids))")
        }
        if let employee, let employeeID { parts.append("\(ident: table).\(ident: employee) = \(bind: employeeID)") }
        if let createdBy { parts.append("\(ident: table).\(ident: createdBy) = \(bind: userID)") }
        if parts.isEmpty { return "1 = 0" }
        return "(" + parts.joined(separator: " OR ") + ")"
    }
}

extension QueryBuilder {
    /// Keeps only rows inside `scope` (see ``RecordScope/condition(table:department:employee:createdBy:)``).
    @discardableResult
    public func filter(scope: RecordScope, department: String = "department_id", employee: String?, createdBy: String? = "created_by") -> Self {
        guard let condition = scope.condition(table: Model.schemaOrAlias, department: department, employee: employee, createdBy: createdBy)
        else { return self }
        return filter(.sql(condition))
    }
}
