import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// `approvals.0006_settings_defaults`: the company settings behind the built-in forms' default
/// flows — `department_head_above` (minor units) and `same_approver` (the rule of nodes that
/// set none).
struct AddApprovalSettingsDefaults: AsyncMigration {
    var name: String { "approvals.0006_settings_defaults" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ApprovalSettings.schema).field("department_head_above", .int64).update()
        try await database.schema(ApprovalSettings.schema).field("same_approver", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ApprovalSettings.schema).deleteField("same_approver").update()
        try await database.schema(ApprovalSettings.schema).deleteField("department_head_above").update()
    }
}

/// `approvals.0007_default_flows`: companies that exist already get the settings and a default
/// flow for each built-in form that has none (new companies get them when created). They keep
/// "ask the same approver again", the rule they had; new companies start with "approve once".
struct SeedDefaultFlows: AsyncMigration {
    var name: String { "approvals.0007_default_flows" }

    func prepare(on database: any Database) async throws {
        // Plain SQL, not the Tenant model: a later migration may add columns the model reads.
        guard let sql = database as? any SQLDatabase else { return }
        for row in try await sql.raw("SELECT id, locale, currency FROM tenants").all() {
            let currency = Currency(code: try row.decode(column: "currency", as: String.self)) ?? .usd
            let language = AppLanguage(tag: try row.decode(column: "locale", as: String.self)) ?? .en
            try await CompanyDefaults.seed(tenantID: try row.decode(column: "id", as: UUID.self), currency: currency, language: language,
                                           sameApprover: .approveAgain, on: database)
        }
    }

    func revert(on database: any Database) async throws {}
}
