import AfieldAPI
import Foundation
import Platform
import SQLKit

/// Global search over leads, opportunities and contracts (the workbench's search box), each under
/// the caller's data scope on it, as its list.
enum CRMSearch {
    private static func provider(kind: String, permission: Permission, resource: String, table: String, priority: Int, listPath: String,
                                 titleColumn: String, subtitleColumn: String, searchColumn: String, path: @escaping @Sendable (UUID) -> String) -> SearchProvider {
        SearchProvider(kind: kind, permission: permission, priority: priority, morePath: { "\(listPath)?q=\($0)" }) { context in
            var conditions: [SQLQueryString] = []
            if let scope = try await context.scope(resource).condition(table: table, department: "department_id", employee: "owner_id", createdBy: nil) {
                conditions.append(scope)
            }
            let rows = try await SearchQuery.rows(context, table: table, columns: ["id", titleColumn, subtitleColumn, "state"],
                                                  matches: [SQLContains.condition(table: table, column: searchColumn, text: context.text.lowered)],
                                                  conditions: conditions, rankColumn: titleColumn)
            return try rows.map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                let state = try row.decode(column: "state", as: String.self)
                let subtitle = [try row.decode(column: subtitleColumn, as: String.self), context.message("\(kind).state.\(state)")].joined(separator: " · ")
                return SearchHit(kind: kind, id: id, title: try row.decode(column: titleColumn, as: String.self), subtitle: subtitle, path: path(id))
            }
        }
    }

    static let providers: [SearchProvider] = [
        provider(kind: "crm.lead", permission: CRMModule.leadRead, resource: CRMModule.leadResource, table: Lead.schema, priority: 45,
                 listPath: "/crm/leads", titleColumn: "company", subtitleColumn: "number", searchColumn: "search_text") { "/crm/leads/\($0.uuidString.lowercased())" },
        provider(kind: "crm.opportunity", permission: CRMModule.opportunityRead, resource: CRMModule.opportunityResource, table: Opportunity.schema,
                 priority: 46, listPath: "/crm/opportunities", titleColumn: "name", subtitleColumn: "number", searchColumn: "name") {
            "/crm/opportunities/\($0.uuidString.lowercased())"
        },
        provider(kind: "crm.contract", permission: CRMModule.contractRead, resource: CRMModule.contractResource, table: Contract.schema, priority: 47,
                 listPath: "/crm/contracts", titleColumn: "title", subtitleColumn: "number", searchColumn: "search_text") {
            "/crm/contracts/\($0.uuidString.lowercased())"
        },
    ]
}
