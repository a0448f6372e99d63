import Fluent
import SQLKit

/// `sales.0001_orders`: sales orders and their lines.
struct CreateSalesOrders: AsyncMigration {
    var name: String { "sales.0001_orders" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SalesOrder.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("number", .string, .required)
            .field("state", .string, .required)
            .field("order_date", .string, .required)
            .field("required_date", .string)
            .field("shipped_date", .string)
            .field("customer_id", .uuid, .required, .references("partners", "id"))
            .field("customer_name", .string, .required)
            .field("search_text", .string, .required)
            .field("salesperson_id", .uuid, .references("employees", "id"))
            .field("salesperson_name", .string)
            .field("department_id", .uuid)
            .field("carrier_id", .uuid, .references("partners", "id"))
            .field("currency", .string, .required)
            .field("untaxed_minor", .int64, .required)
            .field("freight_minor", .int64, .required)
            .field("ship_name", .string)
            .field("ship_address", .string)
            .field("ship_city", .string)
            .field("ship_region", .string)
            .field("ship_postal_code", .string)
            .field("ship_country", .string)
            .field("created_at", .datetime)
            .field("created_by", .uuid)
            .field("updated_at", .datetime)
            .field("updated_by", .uuid)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "number")
            .create()
        try await database.schema(SalesOrderLine.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("order_id", .uuid, .required, .references(SalesOrder.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("product_id", .uuid, .required, .references("products", "id"))
            .field("quantity", .int64, .required)
            .field("unit_price_minor", .int64, .required)
            .field("discount", .int64, .required)
            .field("amount_minor", .int64, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SalesOrderLine.schema).delete()
        try await database.schema(SalesOrder.schema).delete()
    }
}

/// `sales.0002_order_indexes`: the list's filters and sort, and the line join of reports.
struct IndexSalesOrders: AsyncMigration {
    var name: String { "sales.0002_order_indexes" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX sales_orders_tenant_date ON sales_orders (tenant_id, order_date, number)").run()
        try await sql.raw("CREATE INDEX sales_orders_tenant_customer ON sales_orders (tenant_id, customer_id)").run()
        try await sql.raw("CREATE INDEX sales_order_lines_order ON sales_order_lines (order_id)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in ["sales_orders_tenant_date", "sales_orders_tenant_customer", "sales_order_lines_order"] {
            try await sql.raw("DROP INDEX \(unsafeRaw: index)").run()
        }
    }
}

/// `sales.0003_order_notes`: free-text notes on an order (nullable; one column, as SQLite's
/// `ALTER TABLE` adds one at a time).
struct AddSalesOrderNotes: AsyncMigration {
    var name: String { "sales.0003_order_notes" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SalesOrder.schema).field("notes", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SalesOrder.schema).deleteField("notes").update()
    }
}
