import Foundation

/// One line of a timesheet: hours a person worked on a task (or a project) on a day.
/// `cost` (decimal text in the company currency: hours × the person's hourly cost when the line
/// was written) is given only to holders of `projects.cost.read`.
public struct TimesheetEntryDTO: Codable, Sendable, Equatable {
    public var id: UUID
    /// `YYYY-MM-DD`.
    public var day: String
    /// Decimal text with two decimals.
    public var hours: String
    public var projectId: UUID?
    public var projectName: String?
    public var taskId: UUID?
    public var taskTitle: String?
    public var note: String?
    public var cost: String?
    public var version: Int
    public init(id: UUID, day: String, hours: String, projectId: UUID?, projectName: String?, taskId: UUID?, taskTitle: String?, note: String?,
                cost: String?, version: Int) {
        self.id = id
        self.day = day
        self.hours = hours
        self.projectId = projectId
        self.projectName = projectName
        self.taskId = taskId
        self.taskTitle = taskTitle
        self.note = note
        self.cost = cost
        self.version = version
    }
}

/// A person's timesheet (工时表) for one ISO week, Monday to Sunday.
/// `state`: `open` (being filled; also after a rejection or a withdrawal), `submitted`
/// (waiting for approval, subject `projects.timesheet`), `approved` (its cost counts in the
/// projects' actual labour cost).
public struct TimesheetDTO: Codable, Sendable, Equatable {
    /// Nil while the week has no line yet.
    public var id: UUID?
    public var employeeId: UUID
    public var employeeName: String
    /// The Monday, `YYYY-MM-DD`.
    public var weekStart: String
    public var state: String
    /// Hours per day Monday…Sunday, and in all (decimal text).
    public var dayTotals: [String]
    public var totalHours: String
    public var entries: [TimesheetEntryDTO]
    public var approvalId: UUID?
    /// Whether the caller may add and change lines (their own open sheet).
    public var editable: Bool
    public var version: Int
    public init(id: UUID?, employeeId: UUID, employeeName: String, weekStart: String, state: String, dayTotals: [String], totalHours: String,
                entries: [TimesheetEntryDTO], approvalId: UUID?, editable: Bool, version: Int) {
        self.id = id
        self.employeeId = employeeId
        self.employeeName = employeeName
        self.weekStart = weekStart
        self.state = state
        self.dayTotals = dayTotals
        self.totalHours = totalHours
        self.entries = entries
        self.approvalId = approvalId
        self.editable = editable
        self.version = version
    }
}

/// `POST /api/v1/projects/timesheet-entries` (a line of the caller's own timesheet) and, with
/// `version`, `PATCH …/{id}`. `day` (`YYYY-MM-DD`, not after today where the caller is) and
/// `hours` (0.25–24, at most two decimals; a day holds at most 24 hours) are required on create;
/// `taskId` (a task the caller may change; its project is taken) or `projectId` (a project the
/// caller belongs to); `note` one line of at most 200 characters.
public struct TimesheetEntryInput: Codable, Sendable {
    public var version: Int?
    public var day: String?
    public var hours: DecimalText?
    public var taskId: UUID?
    public var projectId: UUID?
    public var note: String?
    public init(version: Int? = nil, day: String? = nil, hours: DecimalText? = nil, taskId: UUID? = nil, projectId: UUID? = nil, note: String? = nil) {
        self.version = version
        self.day = day
        self.hours = hours
        self.taskId = taskId
        self.projectId = projectId
        self.note = note
    }
}

/// `POST /api/v1/projects/timesheets/{week}/submit` and `…/withdraw`: the version of the sheet read.
public struct TimesheetActionInput: Codable, Sendable {
    public var version: Int?
    public init(version: Int?) { self.version = version }
}

/// One cost kind of a project's budget against its actual cost (decimal text in `currency`).
/// `percent`: actual ÷ budget in whole percent, half up (nil without a budget). `warning`:
/// `none`; `near` from 80 %; `over` from 100 % (or any cost against no budget).
public struct ProjectCostLineDTO: Codable, Sendable, Equatable {
    public var kind: String
    public var budget: String
    public var actual: String
    public var remaining: String
    public var percent: Int?
    public var warning: String
    public init(kind: String, budget: String, actual: String, remaining: String, percent: Int?, warning: String) {
        self.kind = kind
        self.budget = budget
        self.actual = actual
        self.remaining = remaining
        self.percent = percent
        self.warning = warning
    }
}

/// A project's budget against its actual cost (预算 vs 实际): `labour` from approved timesheets,
/// `expenses` from approved and paid expense claims booked to it, `purchases` from purchasing
/// (none yet), `other` (budget only); then the total.
public struct ProjectCostsDTO: Codable, Sendable, Equatable {
    public var projectId: UUID
    public var currency: String
    public var lines: [ProjectCostLineDTO]
    public var total: ProjectCostLineDTO
    /// Approved timesheet hours, and those still waiting (submitted).
    public var approvedHours: String
    public var pendingHours: String
    public init(projectId: UUID, currency: String, lines: [ProjectCostLineDTO], total: ProjectCostLineDTO, approvedHours: String, pendingHours: String) {
        self.projectId = projectId
        self.currency = currency
        self.lines = lines
        self.total = total
        self.approvedHours = approvedHours
        self.pendingHours = pendingHours
    }
}
