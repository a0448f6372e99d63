import Fluent
import AfieldAPI
import Foundation
import SQLKit

extension Employee {
    /// Global search over the directory by name, employee number or job title; people who left
    /// (archived) are left out, as pickers leave them out. Personal data (phone, address) is
    /// never searched: the directory does not show it.
    static var searchProvider: SearchProvider {
        SearchProvider(kind: "org.employee", permission: OrganisationModule.read, priority: 50, morePath: { "/org?tab=people&q=\($0)" }) { context in
            let table = Employee.schema
            let matches = ["name", "code", "title"].map { SQLContains.lowered(table: table, column: $0, text: context.text.lowered) }
            let rows = try await SearchQuery.rows(context, table: table, columns: ["id", "name", "code", "title", "department_id"],
                                                  matches: matches, conditions: ["\(ident: table).\(ident: "archived") = \(bind: false)"],
                                                  rankColumn: "name")
            let departmentIDs = Set(try rows.compactMap { try $0.decode(column: "department_id", as: UUID?.self) })
            var departments: [UUID: String] = [:]
            if !departmentIDs.isEmpty {
                for department in try await Department.query(on: context.db).filter(\.$tenantID == context.actor.tenantID)
                    .filter(\.$id ~~ Array(departmentIDs)).all() {
                    departments[try department.requireID()] = department.name
                }
            }
            return try rows.map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                let department = try row.decode(column: "department_id", as: UUID?.self).flatMap { departments[$0] }
                let subtitle = [try row.decode(column: "title", as: String?.self), department].compactMap { $0 }.filter { !$0.isEmpty }
                    .joined(separator: " · ")
                return SearchHit(kind: "org.employee", id: id, title: try row.decode(column: "name", as: String.self),
                                 subtitle: subtitle.isEmpty ? nil : subtitle, path: "/org/employees/\(id.uuidString.lowercased())")
            }
        }
    }
}
