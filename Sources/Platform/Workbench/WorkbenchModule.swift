import AfieldAPI
import Fluent
import Foundation
import SQLKit
import Vapor

/// `/api/v1/workbench`: the home page of phone and desktop (工作台, issue 9 point 4) — the caller's
/// to-dos, the create shortcuts they use most and a few figures, each declared by its module
/// (``AfieldModule/workbenchTodos``, ``AfieldModule/workbenchShortcuts``,
/// ``AfieldModule/workbenchKPIs``) and shown only with its permission. Unread notifications
/// come from `/api/v1/notifications`.
public struct WorkbenchModule: AfieldModule {
    public static let id = "workbench"
    public static let dependsOn: [any AfieldModule.Type] = [IdentityModule.self]

    public init() {}

    public var permissions: [Permission] { [] }
    public var migrations: [any AsyncMigration] { [IndexAuditEntriesByActor()] }

    public func routes(_ api: any RoutesBuilder) throws {
        api.on(.GET, permission: .authenticated, summary: "The caller's workbench: to-dos, most-used create shortcuts, figures") {
            req async throws -> WorkbenchDTO in
            let settings = req.application.afield
            let context = WorkbenchContext(actor: try req.actor, db: req.database, catalog: settings.catalog, language: req.language,
                                           now: req.now)
            return try await Self.workbench(context, todos: settings.workbenchTodos, shortcuts: settings.workbenchShortcuts,
                                            kpis: settings.workbenchKPIs)
        }
    }

    /// The workbench of `context.actor`: to-dos with at least one item, every shortcut the caller
    /// may use (most created in the last 90 days first, then in declaration order), every figure.
    public static func workbench(_ context: WorkbenchContext, todos: [WorkbenchTodo], shortcuts: [WorkbenchShortcut],
                                 kpis: [WorkbenchKPI]) async throws -> WorkbenchDTO {
        let actor = context.actor
        var todoDTOs: [WorkbenchTodoDTO] = []
        let ordered = todos.enumerated().sorted { ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset) }.map(\.element)
        for todo in ordered where actor.holds(todo.permission) {
            let (count, items) = try await todo.load(context)
            guard count > 0 else { continue }
            todoDTOs.append(WorkbenchTodoDTO(id: todo.id, title: context.message("workbench.todo.\(todo.id)"), count: count,
                                             overdue: todo.overdue, path: todo.path, items: Array(items.prefix(WorkbenchContext.itemLimit))))
        }
        let usable = shortcuts.filter { actor.holds($0.permission) }
        let uses = try await creations(of: Set(usable.map(\.auditEntity)), context: context)
        let shortcutDTOs = usable.enumerated()
            .sorted { a, b in
                let (ua, ub) = (uses[a.element.auditEntity] ?? 0, uses[b.element.auditEntity] ?? 0)
                return ua != ub ? ua > ub : a.offset < b.offset
            }
            .map { WorkbenchShortcutDTO(id: $0.element.id, title: context.message("workbench.shortcut.\($0.element.id)"),
                                        icon: $0.element.icon, path: $0.element.path, uses: uses[$0.element.auditEntity] ?? 0) }
        var kpiDTOs: [WorkbenchKPIDTO] = []
        for kpi in kpis where actor.holds(kpi.permission) {
            let figure = try await kpi.compute(context)
            kpiDTOs.append(WorkbenchKPIDTO(id: kpi.id, title: context.message("workbench.kpi.\(kpi.id)"), value: figure.value,
                                           previous: figure.previous, currency: figure.currency, period: figure.period,
                                           previousPeriod: figure.previousPeriod, changePercent: figure.changePercent, path: kpi.path))
        }
        return WorkbenchDTO(todos: todoDTOs, shortcuts: shortcutDTOs, kpis: kpiDTOs)
    }

    /// How many records of each entity the caller created (audit action `create`) within
    /// ``WorkbenchShortcut/window`` before now — read through the `(tenant, actor, at)` index.
    static func creations(of entities: Set<String>, context: WorkbenchContext) async throws -> [String: Int] {
        guard !entities.isEmpty, let sql = context.db as? any SQLDatabase else { return [:] }
        let since = AuditLog.timestamp(context.now.addingTimeInterval(-WorkbenchShortcut.window))
        let rows = try await sql.raw("""
            SELECT entity, COUNT(*) AS n FROM audit_entries
            WHERE tenant_id = \(bind: context.actor.tenantID) AND actor_id = \(bind: context.actor.userID) AND at >= \(bind: since)
              AND action = 'create' AND entity IN (\(binds: entities.sorted()))
            GROUP BY entity
            """).all()
        var counts: [String: Int] = [:]
        for row in rows { counts[try row.decode(column: "entity", as: String.self)] = try row.decode(column: "n", as: Int.self) }
        return counts
    }
}

/// `workbench.0001_audit_entries_by_actor`: the shortcut ranking reads one person's recent
/// entries; without this index it would read every entry of the company.
struct IndexAuditEntriesByActor: AsyncMigration {
    var name: String { "workbench.0001_audit_entries_by_actor" }

    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("CREATE INDEX audit_entries_actor ON audit_entries (tenant_id, actor_id, at)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX audit_entries_actor").run()
    }
}
