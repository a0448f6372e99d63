import Fluent
import Platform
import Vapor

/// Approvals (`/api/v1/approvals`): one engine for every document and for custom forms
/// (DESIGN §3) — versioned flow definitions, approver resolution, 会签/或签, condition
/// branches, actions, timeouts, and the inbox.
public struct ApprovalsModule: AfieldModule {
    public static let id = "approvals"
    public static let dependsOn: [any AfieldModule.Type] = []

    public init() {}

    public var permissions: [Permission] { [] + Self.formPermissions }
    public var migrations: [any AsyncMigration] { [] + Self.formMigrations }
    public var messages: [String: MessageCatalog.Entry] { [:].merging(Self.formMessages) { a, _ in a } }

    public func routes(_ api: any RoutesBuilder) throws {
        Self.registerFormRoutes(api)
    }

    public func seedCompany(_ tenant: Tenant, on db: any Database) async throws {
        try await Self.seedFormTemplates(tenant, on: db)
    }
}
