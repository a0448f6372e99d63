import AfieldAPI
import Fluent
import Platform
import Vapor

/// Custom forms' part of the approvals module: permission, migrations, routes, messages and
/// the templates every company starts with. ``ApprovalsModule`` lists these, one line each.
extension ApprovalsModule {
    /// Design approval forms: create, change, archive, restore.
    public static let formManage = Permission("approvals.form.manage")
    /// Audit entity of approval forms.
    public static let formAuditEntity = "approvals.form"

    static var formPermissions: [Permission] { [formManage] }
    static var formMigrations: [any AsyncMigration] { [CreateApprovalForms(), SeedFormTemplates()] }
    static var formMessages: [String: MessageCatalog.Entry] { FormMessages.all }

    /// `/forms…` under `/api/v1/approvals`.
    static func registerFormRoutes(_ api: any RoutesBuilder) { ApprovalFormController().register(api) }

    /// The built-in form templates of a new company, in its language.
    static func seedFormTemplates(_ tenant: Tenant, on db: any Database) async throws {
        try await FormTemplates.seed(tenantID: try tenant.requireID(), language: AppLanguage(tag: tenant.locale) ?? .en, on: db)
    }
}
