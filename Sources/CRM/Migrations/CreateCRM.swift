import Fluent
import SQLKit

/// `crm.0001_crm`: visits, follow-ups, leads, opportunity stages, opportunities and their lines.
struct CreateCRM: AsyncMigration {
    var name: String { "crm.0001_crm" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Visit.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("customer_id", .uuid, .required)
            .field("owner_id", .uuid, .required)
            .field("department_id", .uuid)
            .field("planned_for", .string, .required)
            .field("sequence", .int)
            .field("purpose", .string)
            .field("state", .string, .required)
            .field("check_in_at", .datetime)
            .field("check_in_device_at", .datetime)
            .field("check_in_latitude", .string)
            .field("check_in_longitude", .string)
            .field("check_in_accuracy", .int)
            .field("distance_m", .int)
            .field("far", .bool, .required)
            .field("clock_skew_s", .int)
            .field("photo_file_id", .uuid)
            .field("check_out_at", .datetime)
            .field("check_out_device_at", .datetime)
            .field("duration_minutes", .int)
            .field("summary", .string)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .create()
        try await database.schema(FollowUp.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("customer_id", .uuid)
            .field("lead_id", .uuid)
            .field("opportunity_id", .uuid)
            .field("visit_id", .uuid)
            .field("kind", .string, .required)
            .field("notes", .string, .required)
            .field("at", .datetime, .required)
            .field("next_step", .string)
            .field("next_at", .datetime)
            .field("owner_id", .uuid, .required)
            .field("department_id", .uuid)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("version", .int, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX crm_visits_owner_day ON crm_visits (tenant_id, owner_id, planned_for)").run()
        try await sql.raw("CREATE INDEX crm_visits_customer ON crm_visits (tenant_id, customer_id, planned_for)").run()
        try await sql.raw("CREATE INDEX crm_follow_ups_customer ON crm_follow_ups (tenant_id, customer_id, at)").run()
        try await sql.raw("CREATE INDEX crm_follow_ups_owner ON crm_follow_ups (tenant_id, owner_id, at)").run()
        try await sql.raw("CREATE INDEX crm_follow_ups_lead ON crm_follow_ups (lead_id)").run()
        try await sql.raw("CREATE INDEX crm_follow_ups_opportunity ON crm_follow_ups (opportunity_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FollowUp.schema).delete()
        try await database.schema(Visit.schema).delete()
    }
}
