import AfieldAPI
import Foundation
import Platform
import SQLKit

/// The orders list as the shared list mechanism serves it (DESIGN §1): its columns, filters, sort,
/// data scope and bulk actions. One SQL statement for the page, selecting only what a list shows
/// (the hottest read path, DESIGN §2, so SQLKit), and a bounded count; the indexes of
/// ``IndexSalesOrderLists`` serve the default sort and each filter without sorting the table.
enum SalesOrderList {
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
    }

    static let table = SalesOrder.schema

    /// `sales.orders`: newest first (`-orderDate,-number`, then id).
    static let definition = ListDefinition<OrderSummary>(
        key: "sales.orders", table: table, fileName: "sales-orders",
        columns: [
            ListColumn("number", header: "sales.list.number", kind: .text, expression: "sales_orders.number") { .text($0.number) },
            ListColumn("orderDate", header: "sales.list.order_date", kind: .day, expression: "sales_orders.order_date",
                       parameterNames: ["from", "to"]) { .day($0.orderDate) },
            ListColumn("customerName", header: "sales.list.customer", kind: .reference, expression: "sales_orders.customer_name",
                       filterExpression: "sales_orders.customer_id", parameterNames: ["customer"]) { .text($0.customerName) },
            ListColumn("salespersonName", header: "sales.list.salesperson", kind: .reference, expression: "sales_orders.salesperson_name",
                       filterExpression: "sales_orders.salesperson_id", parameterNames: ["salesperson"]) { .of($0.salespersonName) },
            ListColumn("state", header: "sales.list.state", kind: .enumeration, expression: "sales_orders.state",
                       values: SalesOrderState.allCases.map(\.rawValue), valueLabels: "sales.list.state.") { .text($0.state) },
            ListColumn("total", header: "sales.list.total", kind: .money, expression: "(sales_orders.untaxed_minor + sales_orders.freight_minor)",
                       scale: 2) { .number($0.total) },
            ListColumn("untaxedTotal", header: "sales.list.untaxed", kind: .money, expression: "sales_orders.untaxed_minor", scale: 2) { .number($0.untaxedTotal) },
            ListColumn("freight", header: "sales.list.freight", kind: .money, expression: "sales_orders.freight_minor", scale: 2) { .number($0.freight) },
            ListColumn("requiredDate", header: "sales.list.required_date", kind: .day, expression: "sales_orders.required_date") { .of($0.requiredDate) },
            ListColumn("shippedDate", header: "sales.list.shipped_date", kind: .day, expression: "sales_orders.shipped_date") { .of($0.shippedDate) },
            ListColumn("currency", header: "sales.list.currency", kind: .text, expression: nil) { .text($0.currency) },
        ],
        defaultColumns: ["number", "orderDate", "customerName", "salespersonName", "state", "total"],
        defaultSort: [ListSort("orderDate", descending: true), ListSort("number", descending: true)],
        scope: ListScopeRule(resource: SalesModule.orderResource, employee: "salesperson_id"),
        extraFilters: [.search()],
        bulkActions: [SalesOrderBulk.assignSalesperson],
        select: { query in
            query.column(SQLColumn("id", table: table)).column("number").column("state")
                .column(SQLAlias(SQLColumn("order_date"), as: SQLIdentifier("orderDate")))
                .column(SQLAlias(SQLColumn("required_date"), as: SQLIdentifier("requiredDate")))
                .column(SQLAlias(SQLColumn("shipped_date"), as: SQLIdentifier("shippedDate")))
                .column(SQLAlias(SQLColumn("customer_id"), as: SQLIdentifier("customerId")))
                .column(SQLAlias(SQLColumn("customer_name"), as: SQLIdentifier("customerName")))
                .column(SQLAlias(SQLColumn("salesperson_id"), as: SQLIdentifier("salespersonId")))
                .column(SQLAlias(SQLColumn("salesperson_name"), as: SQLIdentifier("salespersonName")))
                .column(SQLAlias(SQLColumn("untaxed_minor"), as: SQLIdentifier("untaxedMinor")))
                .column(SQLAlias(SQLColumn("freight_minor"), as: SQLIdentifier("freightMinor")))
                .column("currency").column("version")
        },
        decode: { row in summary(try row.decode(model: Row.self, keyDecodingStrategy: .useDefaultKeys)) })

    private static func summary(_ row: Row) -> OrderSummary {
        let currency = Currency(code: row.currency) ?? .usd
        let untaxed = Money(minorUnits: row.untaxedMinor, currency: currency)
        let freight = Money(minorUnits: row.freightMinor, currency: currency)
        return OrderSummary(id: row.id, number: row.number, state: row.state, orderDate: row.orderDate, requiredDate: row.requiredDate,
                            shippedDate: row.shippedDate, customerId: row.customerId, customerName: row.customerName,
                            salespersonId: row.salespersonId, salespersonName: row.salespersonName, untaxedTotal: untaxed.decimalText,
                            freight: freight.decimalText, total: (untaxed + freight).decimalText, currency: currency.code, version: row.version)
    }
}
