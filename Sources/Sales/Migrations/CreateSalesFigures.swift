import Fluent
import SQLKit

/// `sales.0005_sales_figures`: the monthly sales figures reports read (``SalesFigures``), filled
/// from the orders already stored.
struct CreateSalesFigures: AsyncMigration {
    var name: String { "sales.0005_sales_figures" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SalesFigures.totals)
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("month", .string, .required)
            .field("department_id", .uuid, .required)
            .field("salesperson_id", .uuid, .required)
            .field("created_by", .uuid, .required)
            .field("orders", .int64, .required)
            .field("amount_minor", .int64, .required)
            .unique(on: "tenant_id", "month", "department_id", "salesperson_id", "created_by")
            .create()
        try await database.schema(SalesFigures.productTotals)
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("month", .string, .required)
            .field("product_id", .uuid, .required)
            .field("department_id", .uuid, .required)
            .field("salesperson_id", .uuid, .required)
            .field("created_by", .uuid, .required)
            .field("lines", .int64, .required)
            .field("quantity", .int64, .required)
            .field("amount_minor", .int64, .required)
            .unique(on: "tenant_id", "month", "product_id", "department_id", "salesperson_id", "created_by")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await SalesFigures.rebuild(on: sql)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SalesFigures.productTotals).delete()
        try await database.schema(SalesFigures.totals).delete()
    }
}
