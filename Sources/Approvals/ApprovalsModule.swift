import Fluent
import Platform
import Vapor

/// Approvals (`/api/v1/approvals`): one engine for every document and for custom forms
/// (DESIGN §3) — versioned flow definitions, approver resolution, 会签/或签, condition
/// branches, actions, timeouts, and the inbox.
///
/// Modules reach it only through ``ApprovalGate`` (`app.approvalGate`), installed at boot.
public struct ApprovalsModule: AfieldModule {
    public static let id = "approvals"
    public static let dependsOn: [any AfieldModule.Type] = []

    public init() {}

    public var permissions: [Permission] { Self.formPermissions + Self.enginePermissions }
    /// Forms first: flows and instances refer to them.
    public var migrations: [any AsyncMigration] { Self.formMigrations + Self.engineMigrations }
    public var messages: [String: MessageCatalog.Entry] { ApprovalsMessages.all.merging(Self.formMessages) { a, _ in a } }
    public var menu: [MenuItem] {
        [MenuItem(id: "approvals.inbox", path: "/approvals", titleKey: "nav.approvals", permission: Permission.authenticated.key)]
    }

    public func routes(_ api: any RoutesBuilder) throws {
        Self.registerFormRoutes(api)
        FlowController().register(api)
        InstanceController().register(api)
        TaskController().register(api)
        SettingsController().register(api)
    }

    public func boot(_ context: ModuleContext) async throws {
        context.application.approvalGate = ApprovalGateService(application: context.application)
    }

    public func seedCompany(_ tenant: Tenant, on db: any Database) async throws {
        try await Self.seedFormTemplates(tenant, on: db)
    }
}
