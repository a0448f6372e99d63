import Fluent
import Vapor

/// A business module: what it adds to Afield and what it needs (DESIGN §1).
///
/// A module registers itself; nothing else is edited to add one. Its routes are mounted at
/// `/api/v1/<id>`, its permissions are named `<id>.<resource>.<action>`, and its migrations
/// `<id>.<NNNN>_<what>`.
public protocol AfieldModule: Sendable {
    /// URL prefix, permission prefix and migration prefix, e.g. `sales`.
    static var id: String { get }
    /// Modules whose public services this one uses; they boot and migrate first.
    static var dependsOn: [any AfieldModule.Type] { get }
    var permissions: [Permission] { get }
    /// What every signed-in user may do for themselves in this module (read their own inbox,
    /// act on their own approvals, upload files). Not granted by roles and not shown in the
    /// roles' matrix: a signed-in session holds them all, while an API token holds only those it
    /// was created with, so a token made for reports cannot approve or upload in its owner's name.
    var personalPermissions: [Permission] { get }
    /// Resources whose records have a data scope per role (`sales.order`), shown as rows of
    /// the roles' data-scope matrix and read with ``ServiceContext/recordScope(_:)``.
    var scopedResources: [String] { get }
    var migrations: [any AsyncMigration] { get }
    var menu: [MenuItem] { get }
    /// Message templates by code (errors, labels the server sends).
    var messages: [String: MessageCatalog.Entry] { get }
    /// Audit entities this module writes and the permissions that let a caller see their
    /// changes in the change feed (any one suffices).
    var feedEntities: [String: [Permission]] { get }
    /// For audit entities whose records have data scopes: which of the given record ids the
    /// caller may see. The change feed drops the others, as every other path does.
    var feedFilters: [String: FeedFilter] { get }
    /// How the audit log names and labels the records this module writes, and the sentences of
    /// its own actions (``AuditEntityKind``); every audit entity the module writes is declared.
    var auditEntities: [AuditEntityKind] { get }
    /// Kinds of records global search finds (``SearchProvider``), in the order results show them.
    var searchProviders: [SearchProvider] { get }
    /// To-dos, create shortcuts and figures of the home workbench (``WorkbenchTodo``,
    /// ``WorkbenchShortcut``, ``WorkbenchKPI``).
    var workbenchTodos: [WorkbenchTodo] { get }
    var workbenchShortcuts: [WorkbenchShortcut] { get }
    var workbenchKPIs: [WorkbenchKPI] { get }
    /// Registers routes on a builder already mounted at `/api/v1/<id>` and behind authentication.
    func routes(_ api: any RoutesBuilder) throws
    func boot(_ context: ModuleContext) async throws
    /// Adds the rows a new company starts with (built-in templates, defaults), on the database
    /// (transaction) that just created `tenant`. Runs for every company created, however it is
    /// created (registration, demo, import), through ``CompanySeedingMiddleware``.
    func seedCompany(_ tenant: Tenant, on db: any Database) async throws
}

extension AfieldModule {
    public var menu: [MenuItem] { [] }
    public var personalPermissions: [Permission] { [] }
    public var scopedResources: [String] { [] }
    public var messages: [String: MessageCatalog.Entry] { [:] }
    public var feedEntities: [String: [Permission]] { [:] }
    public var feedFilters: [String: FeedFilter] { [:] }
    public var auditEntities: [AuditEntityKind] { [] }
    public var searchProviders: [SearchProvider] { [] }
    public var workbenchTodos: [WorkbenchTodo] { [] }
    public var workbenchShortcuts: [WorkbenchShortcut] { [] }
    public var workbenchKPIs: [WorkbenchKPI] { [] }
    public func boot(_ context: ModuleContext) async throws {}
    public func seedCompany(_ tenant: Tenant, on db: any Database) async throws {}
}

/// Calls every module's ``AfieldModule/seedCompany(_:on:)`` right after a company is created,
/// in the same transaction, so a company never exists without its starting rows.
public struct CompanySeedingMiddleware: AsyncModelMiddleware {
    public let modules: [any AfieldModule]

    public init(modules: [any AfieldModule]) { self.modules = modules }

    public func create(model: Tenant, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        for module in modules { try await module.seedCompany(model, on: db) }
    }
}

/// Of `ids`, the ones the actor of `context` may see (their data scope).
public typealias FeedFilter = @Sendable (_ context: ServiceContext, _ ids: [UUID]) async throws -> Set<UUID>

/// What a module gets at boot.
public struct ModuleContext: Sendable {
    public let application: Application
    public init(application: Application) { self.application = application }
}

/// One navigation entry a module contributes; `titleKey` is looked up in the web app's i18n.
public struct MenuItem: Codable, Sendable, Hashable {
    public var id: String
    public var path: String
    public var titleKey: String
    /// Shown only to users holding this permission.
    public var permission: String
    public init(id: String, path: String, titleKey: String, permission: String) {
        self.id = id
        self.path = path
        self.titleKey = titleKey
        self.permission = permission
    }
}
