import Fluent
import SQLKit

/// `sales.0004_order_list_indexes`: indexes that make a page of the orders list cost the page
/// (issue 9): every one ends in the list's sort (`order_date, number, id`, read backwards for
/// newest first) after what a filter fixes, so neither database sorts or counts the whole table.
///
/// Replaces `sales_orders_tenant_date` and `sales_orders_tenant_customer` (prefixes of the new
/// ones; an index holds no data, so dropping one loses nothing).
struct IndexSalesOrderLists: AsyncMigration {
    var name: String { "sales.0004_order_list_indexes" }

    static let indexes = [
        "sales_orders_list_date": "(tenant_id, order_date, number, id)",
        "sales_orders_list_number": "(tenant_id, number, id)",
        "sales_orders_list_customer_name": "(tenant_id, customer_name, id)",
        // The total is an expression (untaxed + freight): both databases index expressions.
        "sales_orders_list_total": "(tenant_id, (untaxed_minor + freight_minor), id)",
        "sales_orders_list_state": "(tenant_id, state, order_date, number, id)",
        "sales_orders_list_customer": "(tenant_id, customer_id, order_date, number, id)",
        "sales_orders_list_salesperson": "(tenant_id, salesperson_id, order_date, number, id)",
        // The data scope's terms (department OR salesperson OR creator), for an OR of index lookups.
        "sales_orders_scope_department": "(tenant_id, department_id)",
        "sales_orders_scope_creator": "(tenant_id, created_by)",
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (name, columns) in Self.indexes.sorted(by: { $0.key < $1.key }) {
            try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON sales_orders \(unsafeRaw: columns)").run()
        }
        try await sql.raw("DROP INDEX sales_orders_tenant_date").run()
        try await sql.raw("DROP INDEX sales_orders_tenant_customer").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX sales_orders_tenant_date ON sales_orders (tenant_id, order_date, number)").run()
        try await sql.raw("CREATE INDEX sales_orders_tenant_customer ON sales_orders (tenant_id, customer_id)").run()
        for name in Self.indexes.keys.sorted() { try await sql.raw("DROP INDEX \(unsafeRaw: name)").run() }
    }
}
