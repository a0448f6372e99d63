import Foundation

/// `GET /api/v1/workbench`: the caller's home page (工作台) — what waits for them, what they start
/// most, and a few figures — made of what each module declares, limited to what the caller may
/// read. Titles are in the caller's language.
public struct WorkbenchDTO: Codable, Sendable, Equatable {
    public var todos: [WorkbenchTodoDTO]
    public var shortcuts: [WorkbenchShortcutDTO]
    public var kpis: [WorkbenchKPIDTO]

    public init(todos: [WorkbenchTodoDTO], shortcuts: [WorkbenchShortcutDTO], kpis: [WorkbenchKPIDTO]) {
        self.todos = todos
        self.shortcuts = shortcuts
        self.kpis = kpis
    }
}

/// One kind of to-do (approvals waiting for me, orders past their required date): how many, and
/// the first few, each with the route that opens it.
public struct WorkbenchTodoDTO: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var count: Int
    /// Overdue items (past a date) as opposed to items merely waiting: shown in red.
    public var overdue: Bool
    /// The list route showing all of them.
    public var path: String
    public var items: [WorkbenchItemDTO]

    public init(id: String, title: String, count: Int, overdue: Bool, path: String, items: [WorkbenchItemDTO]) {
        self.id = id
        self.title = title
        self.count = count
        self.overdue = overdue
        self.path = path
        self.items = items
    }
}

/// One to-do item.
public struct WorkbenchItemDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var title: String
    public var subtitle: String?
    /// The day it is due or was submitted (`YYYY-MM-DD`, the caller's calendar), if it has one.
    public var day: String?
    public var path: String

    public init(id: UUID, title: String, subtitle: String?, day: String?, path: String) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.day = day
        self.path = path
    }
}

/// A "create" shortcut (new order, new customer, new request). `uses` is how many of these the
/// caller created in the last 90 days; the list is sorted by it, most used first.
public struct WorkbenchShortcutDTO: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    /// A name of the web app's icon set.
    public var icon: String
    public var path: String
    public var uses: Int

    public init(id: String, title: String, icon: String, path: String, uses: Int) {
        self.id = id
        self.title = title
        self.icon = icon
        self.path = path
        self.uses = uses
    }
}

/// A figure with the same figure of the period before: `value` and `previous` are decimal text
/// (`"12345.60"`; money in `currency`, else a count), so a client never computes in binary
/// floating point. `period` and `previousPeriod` name the periods (`2026-12`, `2026-11`).
public struct WorkbenchKPIDTO: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var value: String
    public var previous: String?
    /// ISO 4217 code when the figure is money.
    public var currency: String?
    public var period: String
    public var previousPeriod: String?
    /// `(value − previous) / previous` in percent, one decimal, half up (`"-12.5"`); nil when
    /// there is no previous figure or it is zero.
    public var changePercent: String?
    public var path: String?

    public init(id: String, title: String, value: String, previous: String?, currency: String?, period: String, previousPeriod: String?,
                changePercent: String?, path: String?) {
        self.id = id
        self.title = title
        self.value = value
        self.previous = previous
        self.currency = currency
        self.period = period
        self.previousPeriod = previousPeriod
        self.changePercent = changePercent
        self.path = path
    }
}
