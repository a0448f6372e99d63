import AfieldAPI
import Foundation
import Platform
import SQLKit

extension PartnerRole {
    /// Global search over this role's partners: name, city or country (`search_text`), code, or
    /// phone digits; archived partners are left out, as Odoo's search leaves them out; customers
    /// under the caller's customer scope, as the customer list.
    var searchProvider: SearchProvider {
        let role = self
        let plural = rawValue + "s"
        return SearchProvider(kind: "partners.\(rawValue)", permission: readPermission, priority: role == .customer ? 10 : 20, morePath: { "/\(plural)?q=\($0)" }) { context in
            let table = Partner.schema
            var matches: [SQLQueryString] = [
                SQLContains.condition(table: table, column: "search_text", text: context.text.lowered),
                SQLContains.lowered(table: table, column: "code", text: context.text.lowered),
            ]
            if let digits = context.text.digits { matches.append(SQLContains.digits(table: table, column: "phone", digits: digits)) }
            var conditions: [SQLQueryString] = ["\(ident: table).\(ident: "is_\(role.rawValue)") = \(bind: true)",
                                                "\(ident: table).\(ident: "archived") = \(bind: false)"]
            if let resource = role.scopedResource,
               let scope = try await context.scope(resource).condition(table: table, department: "department_id", employee: "owner_id",
                                                                      createdBy: nil) {
                conditions.append(scope)
            }
            let rows = try await SearchQuery.rows(context, table: table, columns: ["id", "name", "code", "city", "country", "phone"],
                                                  matches: matches, conditions: conditions, rankColumn: "name")
            return try rows.map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                let place = [try row.decode(column: "city", as: String?.self), try row.decode(column: "country", as: String?.self)]
                    .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
                let subtitle = [try row.decode(column: "code", as: String.self), place].filter { !$0.isEmpty }.joined(separator: " · ")
                return SearchHit(kind: "partners.\(role.rawValue)", id: id, title: try row.decode(column: "name", as: String.self),
                                 subtitle: subtitle, path: "/\(plural)/\(id.uuidString.lowercased())")
            }
        }
    }
}
