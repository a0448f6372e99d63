import Fluent

/// `partners.0001_partners`: partners and their contacts.
struct CreatePartners: AsyncMigration {
    var name: String { "partners.0001_partners" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Partner.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("is_customer", .bool, .required)
            .field("is_supplier", .bool, .required)
            .field("is_carrier", .bool, .required)
            .field("address", .string)
            .field("city", .string)
            .field("region", .string)
            .field("postal_code", .string)
            .field("country", .string)
            .field("phone", .string)
            .field("email", .string)
            .field("fax", .string)
            .field("homepage", .string)
            .field("search_text", .string, .required)
            .field("archived", .bool, .required)
            .field("owner_id", .uuid)
            .field("department_id", .uuid)
            .field("created_at", .datetime)
            .field("created_by", .uuid)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "code")
            .create()
        try await database.schema(PartnerContact.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("partner_id", .uuid, .required, .references(Partner.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("title", .string)
            .field("phone", .string)
            .field("email", .string)
            .field("position", .int, .required)
            .field("version", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PartnerContact.schema).delete()
        try await database.schema(Partner.schema).delete()
    }
}
