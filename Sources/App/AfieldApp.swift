import AfieldAPI
import Approvals
import CRM
import Attendance
import Leave
import Expenses
import Fluent
import Partners
import Platform
import Projects
import Products
import Sales
import Vapor

/// The composition root: which modules make up Afield and how they are wired (DESIGN §1).
public enum AfieldApp {
    /// Version shown in the OpenAPI document and the web app.
    public static let version = "0.1.0"

    /// Every module of this build. Adding a module means adding it here and nowhere else.
    public static func modules() -> [any AfieldModule] {
        [IdentityModule(), OrganisationModule(), AuditModule(), SyncModule(), JobsModule(), NotificationsModule(), FilesModule(), RecordsModule(), SearchModule(), WorkbenchModule(), ListsModule(),
         PartnersModule(), ProductsModule(), SalesModule(), CRMModule(), ApprovalsModule(), AttendanceModule(), LeaveModule(), ExpensesModule(), ProjectsModule()]
    }

    /// Configures `app`: database, middleware, module routes and migrations.
    ///
    /// - Parameters:
    ///   - database: where the data lives.
    ///   - publicDirectory: folder of the web app (`Public/`); nil serves the API only.
    /// - Throws: ``DatabaseSetup/Unreachable`` when the database does not answer;
    ///   ``ModuleRegistry/Problem`` for a broken module list.
    ///   - cipher: the key(s) for fields encrypted at rest; nil makes a random one (tests only:
    ///     what it sealed cannot be read after a restart).
    ///   - clock: the time of time-based checks (``AfieldClock``); tests pass their own.
    ///   - dataDirectory: folder for uploaded files (``AfieldSettings/dataDirectory``); nil: the
    ///     SQLite file's folder, or `afield-data` on PostgreSQL. Created when first written to.
    public static func configure(_ app: Application, database: DatabaseLocation, publicDirectory: String?,
                                 cipher: FieldCipher? = nil, dataDirectory: String? = nil, clock: AfieldClock = .system) async throws {
        let registry = try ModuleRegistry(modules())
        var settings = AfieldSettings()
        settings.permissions = registry.permissions
        settings.personalPermissions = registry.personalPermissions
        for module in registry.ordered {
            let clashes = settings.catalog.merge(module.messages)
            if !clashes.isEmpty { app.logger.warning("message codes defined twice: \(clashes.joined(separator: ", "))") }
            settings.menu += module.menu
        }
        var visibility: [String: [Permission]] = [:]
        for module in registry.ordered {
            visibility.merge(module.feedEntities) { a, b in a + b }
            settings.feedFilters.merge(module.feedFilters) { first, _ in first }
        }
        settings.feedEntities = visibility
        let auditKinds = registry.ordered.flatMap(\.auditEntities)
        let twice = AuditNaming.duplicates(auditKinds)
        if !twice.isEmpty { app.logger.warning("audit entities declared twice: \(twice.joined(separator: ", "))") }
        settings.auditNaming = AuditNaming(auditKinds)
        settings.scopedResources = registry.ordered.flatMap(\.scopedResources)
        settings.searchProviders = registry.ordered.flatMap(\.searchProviders)
        settings.workbenchTodos = registry.ordered.flatMap(\.workbenchTodos)
        settings.workbenchShortcuts = registry.ordered.flatMap(\.workbenchShortcuts)
        settings.workbenchKPIs = registry.ordered.flatMap(\.workbenchKPIs)
        if let cipher { settings.cipher = cipher }
        settings.clock = clock
        if let dataDirectory {
            settings.dataDirectory = dataDirectory
        } else if case .sqlite(let path) = database {
            let folder = (path as NSString).deletingLastPathComponent
            settings.dataDirectory = folder.isEmpty ? "." : folder
        }
        app.afield = settings
        _ = app.passwordHashingPool
        // Made before any request can race to make them.
        _ = app.domainEvents
        _ = app.approvalOutcomes

        try await DatabaseSetup.configure(app, location: database)
        app.databases.middleware.use(CompanySeedingMiddleware(modules: registry.ordered))
        for module in registry.ordered { app.migrations.add(module.migrations) }
        // A first start runs ~35 migrations, two lines each: they are progress, not news (debug);
        // a failing migration is still logged at error.
        app.fluent.migrationLogLevel = .debug

        app.middleware = Middlewares()
        app.middleware.use(RouteLoggingMiddleware(logLevel: .debug))
        app.middleware.use(SecurityHeadersMiddleware(hsts: false))
        app.middleware.use(APIErrorMiddleware(catalog: settings.catalog))
        app.middleware.use(MethodNotAllowedMiddleware())
        if let publicDirectory {
            app.middleware.use(StaticFilesMiddleware(publicDirectory: publicDirectory))
        }

        let api = app.grouped("api", "v1").grouped(AuthenticationMiddleware())
        for module in registry.ordered {
            try module.routes(api.grouped(PathComponent(stringLiteral: type(of: module).id)))
        }
        MetaController().register(api)
        for module in registry.ordered { try await module.boot(ModuleContext(application: app)) }
    }
}
