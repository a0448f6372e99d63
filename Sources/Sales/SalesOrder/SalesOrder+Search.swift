import AfieldAPI
import Foundation
import Platform
import SQLKit

extension SalesOrder {
    /// Global search over sales orders by number or customer name (`search_text`), newest number
    /// first among equals, under the caller's order scope as the orders list.
    static var searchProvider: SearchProvider {
        SearchProvider(kind: "sales.order", permission: SalesModule.orderRead, priority: 40, morePath: { "/orders?q=\($0)" }) { context in
            let table = SalesOrder.schema
            var conditions: [SQLQueryString] = []
            if let scope = try await context.scope(SalesModule.orderResource)
                .condition(table: table, department: "department_id", employee: "salesperson_id", createdBy: "created_by") {
                conditions.append(scope)
            }
            let rows = try await SearchQuery.rows(context, table: table, columns: ["id", "number", "customer_name", "order_date", "state"],
                                                  matches: [SQLContains.condition(table: table, column: "search_text", text: context.text.lowered)],
                                                  conditions: conditions, rankColumn: "number")
            return try rows.map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                let state = try row.decode(column: "state", as: String.self)
                let subtitle = [try row.decode(column: "customer_name", as: String.self), try row.decode(column: "order_date", as: String.self),
                                context.message("sales.order.invalid_transition.state.\(state)")].joined(separator: " · ")
                return SearchHit(kind: "sales.order", id: id, title: try row.decode(column: "number", as: String.self), subtitle: subtitle,
                                 path: "/orders/\(id.uuidString.lowercased())")
            }
        }
    }
}
