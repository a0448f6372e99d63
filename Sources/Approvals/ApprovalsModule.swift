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
    /// Timers run as durable jobs; notices go through the notification centre.
    public static let dependsOn: [any AfieldModule.Type] = [JobsModule.self, NotificationsModule.self, FilesModule.self]

    public init() {}

    public var permissions: [Permission] { Self.formPermissions + Self.enginePermissions }
    public var personalPermissions: [Permission] { [Self.inboxRead, Self.inboxAct] }
    /// Forms first: flows and instances refer to them.
    public var migrations: [any AsyncMigration] { Self.formMigrations + Self.engineMigrations }
    public var messages: [String: MessageCatalog.Entry] { ApprovalsMessages.all.merging(Self.formMessages) { a, _ in a }.merging(InboxList.messages) { a, _ in a } }
    public var menu: [MenuItem] {
        [MenuItem(id: "approvals.inbox", path: "/approvals", titleKey: "nav.approvals", permission: Self.inboxRead.key)]
    }

    public var searchProviders: [SearchProvider] { [ApprovalInstance.searchProvider] }
    public var workbenchTodos: [WorkbenchTodo] { ApprovalsWorkbench.todos }
    public var workbenchShortcuts: [WorkbenchShortcut] { ApprovalsWorkbench.shortcuts }

    public func routes(_ api: any RoutesBuilder) throws {
        Self.registerFormRoutes(api)
        FlowController().register(api)
        InstanceController().register(api)
        TaskController().register(api)
        SettingsController().register(api)
    }

    public func boot(_ context: ModuleContext) async throws {
        let app = context.application
        app.approvalGate = ApprovalGateService(application: app)
        app.recordKinds.register(InstanceRecord.kind)
        app.userDeactivation.register(ApprovalHandOver(application: app))
        // Reminders and timeouts survive restarts: they are jobs, run by whichever process claims them.
        for (kind, fire) in [(ApprovalJobs.remind, ApprovalEngine.remind), (ApprovalJobs.act, ApprovalEngine.timeOut)] {
            app.jobs.register(kind, as: ApprovalJobs.Payload.self) { job, payload in
                guard let tenantID = job.tenantID else { return }
                try await job.write { db in
                    try await ApprovalRun(application: app).inTransaction(db: db, context: .system(tenantID, name: "Approval timer"), now: job.now) { engine in
                        try await fire(engine)(payload.taskID)
                    }
                }
            }
        }
    }

    /// A new company's built-in forms, each with its default flow, and its approval settings
    /// ("the same approver twice approves once").
    public func seedCompany(_ tenant: Tenant, on db: any Database) async throws {
        try await Self.seedFormTemplates(tenant, on: db)
        try await CompanyDefaults.seed(tenantID: try tenant.requireID(), currency: Currency(code: tenant.currency) ?? .usd,
                                       language: AppLanguage(tag: tenant.locale) ?? .en, sameApprover: .approveOnce, on: db)
    }
}
