import Fluent

/// `products.0001_products`: categories and products.
struct CreateProducts: AsyncMigration {
    var name: String { "products.0001_products" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ProductCategory.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("description", .string)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "code")
            .create()
        try await database.schema(Product.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("sku", .string, .required)
            .field("name", .string, .required)
            .field("category_id", .uuid, .references(ProductCategory.schema, "id"))
            .field("supplier_id", .uuid, .references("partners", "id"))
            .field("pack_description", .string)
            .field("list_price_minor", .int64, .required)
            .field("currency", .string, .required)
            .field("reorder_level", .int64, .required)
            .field("search_text", .string, .required)
            .field("archived", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "sku")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Product.schema).delete()
        try await database.schema(ProductCategory.schema).delete()
    }
}
