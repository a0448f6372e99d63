import Vapor

/// Installation-wide values computed at start-up and read by request handlers.
public struct AfieldSettings: Sendable {
    /// Data-scoped resources of every module, in module order.
    public var scopedResources: [String] = []
    /// Companies' resolved roles, refreshed by their `roles_revision`.
    public var roleCache = RoleCache()
    /// The merged message catalog of all modules.
    public var catalog = MessageCatalog()
    /// Mark cookies `Secure` (behind TLS).
    public var secureCookies = false
    /// Every declared permission, in module order.
    public var permissions: [Permission] = []
    /// Every module's personal permissions (``AfieldModule/personalPermissions``): held by every
    /// signed-in session, by an API token only when it was created with them.
    public var personalPermissions: [Permission] = []
    public var menu: [MenuItem] = []
    /// Change-feed visibility by audit entity, merged from every module.
    public var feedEntities: [String: [Permission]] = [:]
    /// Data-scope filters of the change feed by audit entity, from every module.
    public var feedFilters: [String: FeedFilter] = [:]
    /// Labels, record names and sentences of audit entries, from every module.
    public var auditNaming = AuditNaming()
    /// Seals sensitive fields at rest; a random key unless configured (tests).
    public var cipher = FieldCipher(current: .init(id: "ephemeral", key: .init(size: .bits256)))
    /// The folder of the installation's files besides the database: uploaded files' blobs are in
    /// `<dataDirectory>/files`. Default `afield-data`; the SQLite file's folder when on SQLite.
    public var dataDirectory = "afield-data"
    /// Global search's providers of every module, in module order.
    public var searchProviders: [SearchProvider] = []
    /// The home workbench's parts of every module, in module order.
    public var workbenchTodos: [WorkbenchTodo] = []
    public var workbenchShortcuts: [WorkbenchShortcut] = []
    public var workbenchKPIs: [WorkbenchKPI] = []
    /// The time source of time-based checks (``AfieldClock``); tests install their own.
    public var clock = AfieldClock.system

    public init() {}
}

extension Application {
    private struct AfieldSettingsKey: StorageKey { typealias Value = AfieldSettings }

    /// Settings of this Afield instance (set once by `configure`).
    public var afield: AfieldSettings {
        get { storage[AfieldSettingsKey.self] ?? AfieldSettings() }
        set { storage[AfieldSettingsKey.self] = newValue }
    }
}
