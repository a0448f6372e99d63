import AfieldAPI
import Fluent
import Foundation

/// What a module puts on the home workbench (工作台, issue 9 point 4). Titles are message codes
/// the module declares in its ``AfieldModule/messages``: `workbench.todo.<id>`,
/// `workbench.shortcut.<id>`, `workbench.kpi.<id>`. Each part is shown only to callers holding
/// its permission, and reads under their data scopes.

/// A kind of to-do: approvals waiting for me, orders past their required date.
public struct WorkbenchTodo: Sendable {
    public let id: String
    public let permission: Permission
    /// Lower comes first: people decide before they chase (approvals waiting 0, late documents
    /// 10, own drafts 20 — DingTalk's 待办 puts 待审批 on top too); equal ones keep module order.
    public let priority: Int
    /// Items past a date (shown in red) rather than merely waiting.
    public let overdue: Bool
    /// The web app route that lists all of them.
    public let path: String
    /// How many there are, and the first ``WorkbenchContext/itemLimit`` of them, most urgent first.
    public let load: @Sendable (_ context: WorkbenchContext) async throws -> (count: Int, items: [WorkbenchItemDTO])

    public init(id: String, permission: Permission, priority: Int, overdue: Bool = false, path: String,
                load: @escaping @Sendable (WorkbenchContext) async throws -> (count: Int, items: [WorkbenchItemDTO])) {
        self.id = id
        self.permission = permission
        self.priority = priority
        self.overdue = overdue
        self.path = path
        self.load = load
    }
}

/// A "create" shortcut. Its rank is how many records of `auditEntity` the caller created
/// (audit action `create`) in the last ``WorkbenchShortcut/window``, so what a person makes most
/// comes first — DingTalk orders its 常用 shortcuts by use the same way.
public struct WorkbenchShortcut: Sendable {
    public static let window: TimeInterval = 90 * 24 * 3600

    public let id: String
    public let permission: Permission
    public let icon: String
    public let path: String
    public let auditEntity: String

    public init(id: String, permission: Permission, icon: String, path: String, auditEntity: String) {
        self.id = id
        self.permission = permission
        self.icon = icon
        self.path = path
        self.auditEntity = auditEntity
    }
}

/// A figure with the one of the period before (orders this month vs last month).
public struct WorkbenchKPI: Sendable {
    public let id: String
    public let permission: Permission
    public let path: String?
    public let compute: @Sendable (_ context: WorkbenchContext) async throws -> WorkbenchFigure

    public init(id: String, permission: Permission, path: String? = nil,
                compute: @escaping @Sendable (WorkbenchContext) async throws -> WorkbenchFigure) {
        self.id = id
        self.permission = permission
        self.path = path
        self.compute = compute
    }
}

/// A KPI's value: decimal text (money in `currency`, else a count) for `period` and the period
/// before.
public struct WorkbenchFigure: Sendable, Equatable {
    public var value: String
    public var previous: String?
    public var currency: String?
    public var period: String
    public var previousPeriod: String?

    public init(value: String, previous: String?, currency: String?, period: String, previousPeriod: String?) {
        self.value = value
        self.previous = previous
        self.currency = currency
        self.period = period
        self.previousPeriod = previousPeriod
    }

    /// `(value − previous) / previous × 100`, one decimal, half up (away from zero), computed in
    /// decimal — never binary floating point; nil without a previous figure or when it is zero.
    public var changePercent: String? {
        guard let previous, let before = Decimal(string: previous, locale: Locale(identifier: "en_US_POSIX")), !before.isZero,
              let now = Decimal(string: value, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        var ratio = (now - before) / before * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &ratio, 1, .plain)
        let text = NSDecimalNumber(decimal: rounded).stringValue
        return text.contains(".") ? text : text + ".0"
    }
}

/// What workbench parts get — not a Vapor `Request`, so they also run from a job or a test.
public struct WorkbenchContext: Sendable {
    /// Items listed per to-do.
    public static let itemLimit = 5

    public let actor: RequestActor
    public let db: any Database
    public let catalog: MessageCatalog
    /// The caller's language (the request's Accept-Language, else their own setting).
    public let language: AppLanguage
    public let now: Date

    public init(actor: RequestActor, db: any Database, catalog: MessageCatalog, language: AppLanguage, now: Date) {
        self.actor = actor
        self.db = db
        self.catalog = catalog
        self.language = language
        self.now = now
    }

    /// Today in the caller's time zone (`YYYY-MM-DD`).
    public var today: String { actor.today(now: now) }

    /// The calendar month of today in the caller's time zone and the month before, as
    /// (`YYYY-MM`, first day, last day) — "this month" starts at midnight where the user is,
    /// not where the server is.
    public var months: (current: MonthSpan, previous: MonthSpan) {
        let current = MonthSpan(containing: today)
        return (current, current.previous)
    }

    /// The caller's data scope on a resource (`sales.order`), as lists use it.
    public func scope(_ resource: String) async throws -> RecordScope {
        try await actor.recordScope(resource, on: db)
    }

    public func message(_ code: String, params: [String: String] = [:]) -> String {
        catalog.message(code, language, params: params)
    }
}

/// A calendar month as days (`YYYY-MM-DD`), compared as text like every stored day.
public struct MonthSpan: Sendable, Equatable {
    public let year: Int
    public let month: Int

    /// - Parameter day: `YYYY-MM-DD`.
    public init(containing day: String) {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        year = parts.count > 0 ? parts[0] : 1970
        month = parts.count > 1 ? parts[1] : 1
    }

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// `YYYY-MM`.
    public var label: String { String(format: "%04d-%02d", year, month) }
    public var firstDay: String { label + "-01" }
    /// The first day of the next month: days of this month are `>= firstDay AND < endDay`.
    public var endDay: String { next.firstDay }
    public var next: MonthSpan { month == 12 ? MonthSpan(year: year + 1, month: 1) : MonthSpan(year: year, month: month + 1) }
    public var previous: MonthSpan { month == 1 ? MonthSpan(year: year - 1, month: 12) : MonthSpan(year: year, month: month - 1) }
}
