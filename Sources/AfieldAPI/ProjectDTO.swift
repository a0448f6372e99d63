import Foundation

/// A member of a project. `role`: `manager`, `member` or `viewer` (sees, does not edit the plan).
public struct ProjectMemberDTO: Codable, Sendable, Equatable {
    public var employeeId: UUID
    public var name: String
    public var role: String
    public init(employeeId: UUID, name: String, role: String) {
        self.employeeId = employeeId
        self.name = name
        self.role = role
    }
}

/// A phase (阶段) of a project: a named stretch its tasks can be grouped under.
public struct ProjectPhaseDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var position: Int
    /// `YYYY-MM-DD`.
    public var startsOn: String?
    public var endsOn: String?
    public init(id: UUID, name: String, position: Int, startsOn: String?, endsOn: String?) {
        self.id = id
        self.name = name
        self.position = position
        self.startsOn = startsOn
        self.endsOn = endsOn
    }
}

/// A milestone (里程碑). `state`: `open`, `done` (`doneOn` set), or `late` (open after `dueOn`
/// in the company's time zone). `tasks`/`tasksDone` count the tasks tied to it.
public struct MilestoneDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var name: String
    /// `YYYY-MM-DD`.
    public var dueOn: String
    public var ownerId: UUID?
    public var ownerName: String?
    public var doneOn: String?
    public var state: String
    public var tasks: Int
    public var tasksDone: Int
    public var version: Int
    public init(id: UUID, name: String, dueOn: String, ownerId: UUID?, ownerName: String?, doneOn: String?, state: String, tasks: Int, tasksDone: Int,
                version: Int) {
        self.id = id
        self.name = name
        self.dueOn = dueOn
        self.ownerId = ownerId
        self.ownerName = ownerName
        self.doneOn = doneOn
        self.state = state
        self.tasks = tasks
        self.tasksDone = tasksDone
        self.version = version
    }
}

/// Progress rolled up from a project's tasks (cancelled tasks left out).
/// - `percentByCount`: done tasks ÷ tasks, in whole percent rounded half up;
/// - `percentByHours`: estimated hours of done tasks ÷ all estimated hours (nil when nothing is estimated).
public struct ProjectProgressDTO: Codable, Sendable, Equatable {
    public var tasks: Int
    public var done: Int
    public var inProgress: Int
    public var overdue: Int
    public var estimatedHours: String
    public var doneHours: String
    public var spentHours: String
    public var percentByCount: Int
    public var percentByHours: Int?
    public init(tasks: Int, done: Int, inProgress: Int, overdue: Int, estimatedHours: String, doneHours: String, spentHours: String,
                percentByCount: Int, percentByHours: Int?) {
        self.tasks = tasks
        self.done = done
        self.inProgress = inProgress
        self.overdue = overdue
        self.estimatedHours = estimatedHours
        self.doneHours = doneHours
        self.spentHours = spentHours
        self.percentByCount = percentByCount
        self.percentByHours = percentByHours
    }
}

/// A project's budget by cost kind (decimal text in the project's currency).
public struct ProjectBudgetDTO: Codable, Sendable, Equatable {
    public var labour: String
    public var expenses: String
    public var purchases: String
    public var other: String
    public var total: String
    public init(labour: String, expenses: String, purchases: String, other: String, total: String) {
        self.labour = labour
        self.expenses = expenses
        self.purchases = purchases
        self.other = other
        self.total = total
    }
}

/// A project (项目).
///
/// - `status`: `planning`, `active`, `on_hold`, `completed`, `cancelled`.
/// - `health`: `on_track`, `at_risk` (a milestone due within 7 days with under half its tasks
///   done), `late` (a milestone past due and not done, or the project open past `endsOn`).
/// - `dependencyRule`: `strict` — a task may not start before its predecessors are done, nor be
///   scheduled to start before they are due; `flexible` — dependencies are shown only.
/// - `budget` is nil for a caller without `projects.cost.read`.
/// - `myRole`: the caller's role in it (nil when they see it through their scope only);
///   `canManage`: whether the caller may change the plan.
public struct ProjectDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var code: String
    public var name: String
    public var description: String?
    public var customerId: UUID?
    public var customerName: String?
    public var managerId: UUID
    public var managerName: String?
    public var startsOn: String
    public var endsOn: String
    public var status: String
    public var health: String
    public var dependencyRule: String
    public var currency: String
    public var budget: ProjectBudgetDTO?
    public var members: [ProjectMemberDTO]
    public var phases: [ProjectPhaseDTO]
    public var milestones: [MilestoneDTO]
    public var progress: ProjectProgressDTO
    public var myRole: String?
    public var canManage: Bool
    public var createdAt: Date?
    public var version: Int
    public init(id: UUID, code: String, name: String, description: String?, customerId: UUID?, customerName: String?, managerId: UUID,
                managerName: String?, startsOn: String, endsOn: String, status: String, health: String, dependencyRule: String, currency: String,
                budget: ProjectBudgetDTO?, members: [ProjectMemberDTO], phases: [ProjectPhaseDTO], milestones: [MilestoneDTO],
                progress: ProjectProgressDTO, myRole: String?, canManage: Bool, createdAt: Date?, version: Int) {
        self.id = id
        self.code = code
        self.name = name
        self.description = description
        self.customerId = customerId
        self.customerName = customerName
        self.managerId = managerId
        self.managerName = managerName
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.status = status
        self.health = health
        self.dependencyRule = dependencyRule
        self.currency = currency
        self.budget = budget
        self.members = members
        self.phases = phases
        self.milestones = milestones
        self.progress = progress
        self.myRole = myRole
        self.canManage = canManage
        self.createdAt = createdAt
        self.version = version
    }
}

/// A member as sent with a project: an employee and a role (default `member`).
public struct ProjectMemberInput: Codable, Sendable {
    public var employeeId: UUID?
    public var role: String?
    public init(employeeId: UUID?, role: String? = nil) {
        self.employeeId = employeeId
        self.role = role
    }
}

/// A budget as sent: decimal text per cost kind, each 0 or more (absent kinds stay as they were;
/// on create, 0).
public struct ProjectBudgetInput: Codable, Sendable {
    public var labour: DecimalText?
    public var expenses: DecimalText?
    public var purchases: DecimalText?
    public var other: DecimalText?
    public init(labour: DecimalText? = nil, expenses: DecimalText? = nil, purchases: DecimalText? = nil, other: DecimalText? = nil) {
        self.labour = labour
        self.expenses = expenses
        self.purchases = purchases
        self.other = other
    }
}

/// `POST /api/v1/projects/projects` and, with `version`, `PATCH …/{id}`.
/// - `code`: 2–20 of `A-Z0-9-`, unique in the company (given from `PRJ-2026-001` style numbering
///   when left out); `name` 1–120 characters; `startsOn` ≤ `endsOn` (`YYYY-MM-DD`, required on create).
/// - `managerId`: an employee (default the creator); `members` (at most 200) replace the list; the
///   manager is always a member with role `manager`.
/// - `budget` needs `projects.cost.read` to be sent.
/// - `clear` (update only): `description`, `customerId`.
public struct ProjectInput: Codable, Sendable {
    public var id: UUID?
    public var version: Int?
    public var code: String?
    public var name: String?
    public var description: String?
    public var customerId: UUID?
    public var managerId: UUID?
    public var startsOn: String?
    public var endsOn: String?
    public var status: String?
    public var dependencyRule: String?
    public var budget: ProjectBudgetInput?
    public var members: [ProjectMemberInput]?
    public var clear: [String]?
    public init(id: UUID? = nil, version: Int? = nil, code: String? = nil, name: String? = nil, description: String? = nil, customerId: UUID? = nil,
                managerId: UUID? = nil, startsOn: String? = nil, endsOn: String? = nil, status: String? = nil, dependencyRule: String? = nil,
                budget: ProjectBudgetInput? = nil, members: [ProjectMemberInput]? = nil, clear: [String]? = nil) {
        self.id = id
        self.version = version
        self.code = code
        self.name = name
        self.description = description
        self.customerId = customerId
        self.managerId = managerId
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.status = status
        self.dependencyRule = dependencyRule
        self.budget = budget
        self.members = members
        self.clear = clear
    }
}

/// `POST /api/v1/projects/projects/{id}/milestones` and `PATCH …/milestones/{milestoneId}`
/// (`version` required): `name` 1–120 characters, `dueOn` (required on create), `ownerId` (an
/// employee), `doneOn` (`""` reopens).
public struct MilestoneInput: Codable, Sendable {
    public var version: Int?
    public var name: String?
    public var dueOn: String?
    public var ownerId: UUID?
    public var doneOn: String?
    public init(version: Int? = nil, name: String? = nil, dueOn: String? = nil, ownerId: UUID? = nil, doneOn: String? = nil) {
        self.version = version
        self.name = name
        self.dueOn = dueOn
        self.ownerId = ownerId
        self.doneOn = doneOn
    }
}

/// `PUT /api/v1/projects/projects/{id}/phases`: the whole list of phases in order (at most 50);
/// an `id` keeps a phase (and its tasks), a phase left out is removed and its tasks lose it.
public struct ProjectPhasesInput: Codable, Sendable {
    public struct Phase: Codable, Sendable {
        public var id: UUID?
        public var name: String?
        public var startsOn: String?
        public var endsOn: String?
        public init(id: UUID? = nil, name: String?, startsOn: String? = nil, endsOn: String? = nil) {
            self.id = id
            self.name = name
            self.startsOn = startsOn
            self.endsOn = endsOn
        }
    }
    public var phases: [Phase]
    public init(phases: [Phase]) { self.phases = phases }
}

/// The Gantt chart of a project: its tasks as bars, milestones as diamonds and finish-to-start
/// dependencies as arrows, on days in the company's time zone.
public struct GanttDTO: Codable, Sendable, Equatable {
    public struct Bar: Codable, Sendable, Equatable {
        public var id: UUID
        public var title: String
        public var parentId: UUID?
        public var phaseId: UUID?
        public var milestoneId: UUID?
        /// `YYYY-MM-DD`; a task with only a due day starts that day, one with neither is left out
        /// of the time axis (`startsOn`/`endsOn` nil) but listed.
        public var startsOn: String?
        public var endsOn: String?
        public var startsAt: Date?
        public var dueAt: Date?
        public var statusCategory: String
        public var assigneeName: String?
        /// Checklist share done, whole percent (100 when done).
        public var percent: Int
        public var version: Int
        public init(id: UUID, title: String, parentId: UUID?, phaseId: UUID?, milestoneId: UUID?, startsOn: String?, endsOn: String?, startsAt: Date?,
                    dueAt: Date?, statusCategory: String, assigneeName: String?, percent: Int, version: Int) {
            self.id = id
            self.title = title
            self.parentId = parentId
            self.phaseId = phaseId
            self.milestoneId = milestoneId
            self.startsOn = startsOn
            self.endsOn = endsOn
            self.startsAt = startsAt
            self.dueAt = dueAt
            self.statusCategory = statusCategory
            self.assigneeName = assigneeName
            self.percent = percent
            self.version = version
        }
    }
    public struct Link: Codable, Sendable, Equatable {
        /// The predecessor.
        public var from: UUID
        /// The task that depends on it.
        public var to: UUID
        public init(from: UUID, to: UUID) {
            self.from = from
            self.to = to
        }
    }
    public var projectId: UUID
    public var startsOn: String
    public var endsOn: String
    /// `YYYY-MM-DD` in the company's time zone: where the today line is drawn.
    public var today: String
    public var dependencyRule: String
    public var canManage: Bool
    public var bars: [Bar]
    public var milestones: [MilestoneDTO]
    public var phases: [ProjectPhaseDTO]
    public var links: [Link]
    public init(projectId: UUID, startsOn: String, endsOn: String, today: String, dependencyRule: String, canManage: Bool, bars: [Bar],
                milestones: [MilestoneDTO], phases: [ProjectPhaseDTO], links: [Link]) {
        self.projectId = projectId
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.today = today
        self.dependencyRule = dependencyRule
        self.canManage = canManage
        self.bars = bars
        self.milestones = milestones
        self.phases = phases
        self.links = links
    }
}

/// A project as its list shows it (``ProjectDTO`` has the fields' meanings).
public struct ProjectCardDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var code: String
    public var name: String
    public var customerName: String?
    public var managerId: UUID
    public var managerName: String?
    public var startsOn: String
    public var endsOn: String
    public var status: String
    public var health: String
    public var tasks: Int
    public var done: Int
    public var percentByCount: Int
    public var version: Int
    public init(id: UUID, code: String, name: String, customerName: String?, managerId: UUID, managerName: String?, startsOn: String, endsOn: String,
                status: String, health: String, tasks: Int, done: Int, percentByCount: Int, version: Int) {
        self.id = id
        self.code = code
        self.name = name
        self.customerName = customerName
        self.managerId = managerId
        self.managerName = managerName
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.status = status
        self.health = health
        self.tasks = tasks
        self.done = done
        self.percentByCount = percentByCount
        self.version = version
    }
}
