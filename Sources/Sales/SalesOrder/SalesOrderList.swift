import AfieldAPI
import Foundation
import Platform
import SQLKit

/// The orders list query: one SQL statement for the page and its total (`COUNT(*) OVER ()`),
/// selecting only the columns a list shows — the hottest read path (DESIGN §2), so SQLKit.
struct SalesOrderList: Sendable {
    struct Filter: Sendable {
        var state: SalesOrderState?
        var from: String?
        var to: String?
        var customer: UUID?
        var salesperson: UUID?
        var text: String?
        var scope: RecordScope
    }

    private struct Row: Decodable {
        let id: UUID
        let number: String
        let state: String
        let orderDate: String
        let requiredDate: String?
        let shippedDate: String?
        let customerId: UUID
        let customerName: String
        let salespersonId: UUID?
        let salespersonName: String?
        let untaxedMinor: Int64
        let freightMinor: Int64
        let currency: String
        let version: Int
        let totalCount: Int
    }

    let db: any SQLDatabase
    let tenantID: UUID

    func page(_ filter: Filter, _ page: PageRequest) async throws -> AfieldAPI.Page<OrderSummary> {
        let query = db.select()
            .column("id").column("number").column("state").column(SQLAlias(SQLColumn("order_date"), as: SQLIdentifier("orderDate")))
            .column(SQLAlias(SQLColumn("required_date"), as: SQLIdentifier("requiredDate")))
            .column(SQLAlias(SQLColumn("shipped_date"), as: SQLIdentifier("shippedDate")))
            .column(SQLAlias(SQLColumn("customer_id"), as: SQLIdentifier("customerId")))
            .column(SQLAlias(SQLColumn("customer_name"), as: SQLIdentifier("customerName")))
            .column(SQLAlias(SQLColumn("salesperson_id"), as: SQLIdentifier("salespersonId")))
            .column(SQLAlias(SQLColumn("salesperson_name"), as: SQLIdentifier("salespersonName")))
            .column(SQLAlias(SQLColumn("untaxed_minor"), as: SQLIdentifier("untaxedMinor")))
            .column(SQLAlias(SQLColumn("freight_minor"), as: SQLIdentifier("freightMinor")))
            .column("currency").column("version")
            .column(SQLAlias(SQLRaw("COUNT(*) OVER ()"), as: SQLIdentifier("totalCount")))
            .from(SalesOrder.schema)
            .where("tenant_id", .equal, tenantID)
        if let condition = filter.scope.condition(table: SalesOrder.schema, department: "department_id", employee: "salesperson_id",
                                                  createdBy: "created_by") {
            query.where(condition)
        }
        if let state = filter.state { query.where("state", .equal, state.rawValue) }
        if let from = filter.from { query.where("order_date", .greaterThanOrEqual, from) }
        if let to = filter.to { query.where("order_date", .lessThanOrEqual, to) }
        if let customer = filter.customer { query.where("customer_id", .equal, customer) }
        if let salesperson = filter.salesperson { query.where("salesperson_id", .equal, salesperson) }
        if let text = filter.text {
            query.where(SQLContains.condition(table: SalesOrder.schema, column: "search_text", text: text.lowercased()))
        }
        let rows = try await query
            .orderBy("order_date", .descending).orderBy("number", .descending).orderBy("id", .ascending)
            .limit(page.limit).offset(page.offset)
            .all(decoding: Row.self)
        var total = rows.first?.totalCount ?? 0
        if rows.isEmpty && page.page > 1 {
            // Past the end the window function has no row to ride on: count separately.
            total = try await countAll(filter)
        }
        return AfieldAPI.Page(items: rows.map(summary), page: page.page, limit: page.limit, total: total)
    }

    private func countAll(_ filter: Filter) async throws -> Int {
        try await page(filter, PageRequest(page: 1, limit: 1)).total
    }

    private func summary(_ row: Row) -> OrderSummary {
        let currency = Currency(code: row.currency) ?? .usd
        let untaxed = Money(minorUnits: row.untaxedMinor, currency: currency)
        let freight = Money(minorUnits: row.freightMinor, currency: currency)
        return OrderSummary(id: row.id, number: row.number, state: row.state, orderDate: row.orderDate, requiredDate: row.requiredDate,
                            shippedDate: row.shippedDate, customerId: row.customerId, customerName: row.customerName,
                            salespersonId: row.salespersonId, salespersonName: row.salespersonName, untaxedTotal: untaxed.decimalText,
                            freight: freight.decimalText, total: (untaxed + freight).decimalText, currency: currency.code, version: row.version)
    }
}
