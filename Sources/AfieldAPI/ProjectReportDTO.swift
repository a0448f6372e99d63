import Foundation

/// A row of the project status overview (项目状态总览): health by milestone dates, progress, the
/// next open milestone, overdue tasks.
public struct ProjectStatusRowDTO: Codable, Sendable, Equatable {
    public var projectId: UUID
    public var code: String
    public var name: String
    public var managerName: String?
    public var status: String
    public var health: String
    public var endsOn: String
    public var tasks: Int
    public var done: Int
    public var overdue: Int
    public var percentByCount: Int
    public var nextMilestone: String?
    public var nextMilestoneOn: String?
    public init(projectId: UUID, code: String, name: String, managerName: String?, status: String, health: String, endsOn: String, tasks: Int, done: Int,
                overdue: Int, percentByCount: Int, nextMilestone: String?, nextMilestoneOn: String?) {
        self.projectId = projectId
        self.code = code
        self.name = name
        self.managerName = managerName
        self.status = status
        self.health = health
        self.endsOn = endsOn
        self.tasks = tasks
        self.done = done
        self.overdue = overdue
        self.percentByCount = percentByCount
        self.nextMilestone = nextMilestone
        self.nextMilestoneOn = nextMilestoneOn
    }
}

/// The project status overview: open projects one may see, late first, then at risk.
public struct ProjectStatusReportDTO: Codable, Sendable, Equatable {
    public var today: String
    public var counts: [String: Int]
    public var rows: [ProjectStatusRowDTO]
    public init(today: String, counts: [String: Int], rows: [ProjectStatusRowDTO]) {
        self.today = today
        self.counts = counts
        self.rows = rows
    }
}

/// Workload per person per ISO week (工作负荷): open tasks due in the week and their estimated
/// hours (decimal text), for the tasks one may see.
public struct WorkloadReportDTO: Codable, Sendable, Equatable {
    public struct Cell: Codable, Sendable, Equatable {
        public var tasks: Int
        public var hours: String
        public init(tasks: Int, hours: String) {
            self.tasks = tasks
            self.hours = hours
        }
    }
    public struct Row: Codable, Sendable, Equatable {
        public var employeeId: UUID
        public var name: String
        public var cells: [Cell]
        public var total: Cell
        public init(employeeId: UUID, name: String, cells: [Cell], total: Cell) {
            self.employeeId = employeeId
            self.name = name
            self.cells = cells
            self.total = total
        }
    }
    /// ISO weeks (`2026-W50`) and their Mondays.
    public var weeks: [String]
    public var mondays: [String]
    public var rows: [Row]
    public init(weeks: [String], mondays: [String], rows: [Row]) {
        self.weeks = weeks
        self.mondays = mondays
        self.rows = rows
    }
}

/// Overdue tasks per assignee (逾期任务): how many, their estimated hours, the oldest due day.
public struct OverdueRowDTO: Codable, Sendable, Equatable {
    public var employeeId: UUID?
    public var name: String?
    public var tasks: Int
    public var hours: String
    public var oldestDueOn: String?
    public init(employeeId: UUID?, name: String?, tasks: Int, hours: String, oldestDueOn: String?) {
        self.employeeId = employeeId
        self.name = name
        self.tasks = tasks
        self.hours = hours
        self.oldestDueOn = oldestDueOn
    }
}

/// Budget against actual of every open project one may see (needs `projects.cost.read`).
public struct ProjectBudgetRowDTO: Codable, Sendable, Equatable {
    public var projectId: UUID
    public var code: String
    public var name: String
    public var currency: String
    public var budget: String
    public var actual: String
    public var percent: Int?
    public var warning: String
    public init(projectId: UUID, code: String, name: String, currency: String, budget: String, actual: String, percent: Int?, warning: String) {
        self.projectId = projectId
        self.code = code
        self.name = name
        self.currency = currency
        self.budget = budget
        self.actual = actual
        self.percent = percent
        self.warning = warning
    }
}
