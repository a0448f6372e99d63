import Fluent
import SQLKit

/// `crm.0004_report_indexes`: what the CRM reports read by period over a whole company — follow-ups
/// by time, opportunities by when they closed.
struct AddReportIndexes: AsyncMigration {
    var name: String { "crm.0004_report_indexes" }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX crm_follow_ups_at ON crm_follow_ups (tenant_id, at, owner_id)").run()
        try await sql.raw("CREATE INDEX crm_opportunities_closed ON crm_opportunities (tenant_id, closed_at)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX crm_follow_ups_at").run()
        try await sql.raw("DROP INDEX crm_opportunities_closed").run()
    }
}
