import Fluent
import Foundation
import SQLKit

/// `partners.0002_customer_profile`: the customer profile (kind, level, industry, source, tags,
/// tax id, credit limit, payment terms, division codes, coordinates), the duplicate-check keys,
/// ownership and public-pool columns, contact roles and birthdays, the owner history and the
/// company's pool rules. Existing rows get their keys computed here and `owner_since` = creation.
struct AddCustomerProfile: AsyncMigration {
    var name: String { "partners.0002_customer_profile" }

    static let textColumns = ["level", "industry", "source", "tags", "tax_id", "province_code", "city_code", "district_code", "latitude",
                              "longitude", "phone_key", "pool_reason"]

    func prepare(on database: any Database) async throws {
        let partners = Partner.schema
        try await database.schema(partners).field("kind", .string, .required, .sql(.default("company"))).update()
        try await database.schema(partners).field("name_key", .string, .required, .sql(.default(""))).update()
        for column in Self.textColumns { try await database.schema(partners).field(.string(column), .string).update() }
        try await database.schema(partners).field("credit_limit", .int64).update()
        try await database.schema(partners).field("payment_terms_days", .int).update()
        for column in ["owner_since", "last_activity_at", "pool_since"] { try await database.schema(partners).field(.string(column), .datetime).update() }
        try await database.schema(partners).field("previous_owner_id", .uuid).update()
        try await database.schema(PartnerContact.schema).field("role", .string).update()
        try await database.schema(PartnerContact.schema).field("birthday", .string).update()

        try await database.schema(OwnerChange.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("partner_id", .uuid, .required, .references(partners, "id", onDelete: .cascade))
            .field("action", .string, .required)
            .field("from_owner_id", .uuid)
            .field("to_owner_id", .uuid)
            .field("reason", .string)
            .field("at", .datetime, .required)
            .field("by_user_id", .uuid)
            .create()
        try await database.schema(PoolRules.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("idle_days", .int, .required)
            .field("max_owned", .int, .required)
            .field("daily_claims", .int, .required)
            .field("reclaim_days", .int, .required)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "tenant_id", name: "partner_pool_rules_tenant")
            .create()

        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX partners_name_key ON partners (tenant_id, name_key)").run()
        try await sql.raw("CREATE INDEX partners_phone_key ON partners (tenant_id, phone_key)").run()
        try await sql.raw("CREATE UNIQUE INDEX partners_tax_id ON partners (tenant_id, tax_id)").run()
        try await sql.raw("CREATE INDEX partners_owner ON partners (tenant_id, owner_id, is_customer)").run()
        try await sql.raw("CREATE INDEX partners_pool ON partners (tenant_id, pool_since)").run()
        try await sql.raw("CREATE INDEX partner_owner_changes_partner ON partner_owner_changes (partner_id, at)").run()
        try await sql.raw("CREATE INDEX partner_owner_changes_claims ON partner_owner_changes (tenant_id, to_owner_id, action, at)").run()

        // Keys of existing partners, in pages so that a large company does not load at once.
        var after: UUID?
        while true {
            let query = Partner.query(on: database).sort(\.$id).limit(500)
            if let after { query.filter(\.$id > after) }
            let page = try await query.all()
            guard let last = page.last else { break }
            for partner in page {
                partner.refreshSearchText()
                try await sql.update(partners)
                    .set("name_key", to: partner.nameKey).set("phone_key", to: partner.phoneKey)
                    .set("owner_since", to: partner.ownerID == nil ? nil : partner.createdAt)
                    .where("id", .equal, partner.id).run()
            }
            after = last.id
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PoolRules.schema).delete()
        try await database.schema(OwnerChange.schema).delete()
        let sql = database as! any SQLDatabase
        for index in ["partners_name_key", "partners_phone_key", "partners_tax_id", "partners_owner", "partners_pool"] {
            try await sql.raw("DROP INDEX \(unsafeRaw: index)").run()
        }
        for column in ["role", "birthday"] { try await database.schema(PartnerContact.schema).deleteField(.string(column)).update() }
        for column in Self.textColumns + ["kind", "name_key", "credit_limit", "payment_terms_days", "owner_since", "last_activity_at", "pool_since",
                                          "previous_owner_id"] {
            try await database.schema(Partner.schema).deleteField(.string(column)).update()
        }
    }
}
