import Foundation

/// Another task as a task shows it (subtask, predecessor, successor).
public struct TaskRefDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var title: String
    /// The task's status key and its category (``TaskDTO/statusCategory``).
    public var status: String
    public var statusCategory: String
    /// `YYYY-MM-DD`, in the assignee's time zone.
    public var dueOn: String?
    public var assigneeName: String?
    public init(id: UUID, title: String, status: String, statusCategory: String, dueOn: String?, assigneeName: String?) {
        self.id = id
        self.title = title
        self.status = status
        self.statusCategory = statusCategory
        self.dueOn = dueOn
        self.assigneeName = assigneeName
    }
}

/// One line of a task's checklist.
public struct TaskChecklistItemDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var text: String
    public var done: Bool
    public init(id: UUID, text: String, done: Bool) {
        self.id = id
        self.text = text
        self.done = done
    }
}

/// A checklist line sent with a task: the whole checklist is replaced by the lines sent (an `id`
/// keeps a line's identity). `text` is one line of 1–200 characters.
public struct TaskChecklistInput: Codable, Sendable {
    public var id: UUID?
    public var text: String?
    public var done: Bool?
    public init(id: UUID? = nil, text: String?, done: Bool? = nil) {
        self.id = id
        self.text = text
        self.done = done
    }
}

/// How a task repeats (重复任务). When a repeating task is done (or cancelled), its next
/// occurrence is created with the same fields, its start and due moved to the next date of the
/// rule, in the assignee's time zone: wall-clock times stay the same across daylight-saving
/// changes.
///
/// - `frequency`: `daily`, `weekly` or `monthly`; `interval` 1–99 (every N days, weeks, months).
/// - `weekdays` (weekly): ISO weekdays 1 (Monday)…7; empty means the due day's own weekday.
/// - `monthDay` (monthly): 1–31, or -1 for the last day; a day past a month's end falls on its
///   last day (31 → 30 April, 28/29 February), as Outlook and Google Calendar do.
/// - `until`: `YYYY-MM-DD`, the last day an occurrence may fall on; nil repeats without end.
public struct TaskRecurrenceDTO: Codable, Sendable, Equatable {
    public var frequency: String
    public var interval: Int
    public var weekdays: [Int]?
    public var monthDay: Int?
    public var until: String?
    public init(frequency: String, interval: Int = 1, weekdays: [Int]? = nil, monthDay: Int? = nil, until: String? = nil) {
        self.frequency = frequency
        self.interval = interval
        self.weekdays = weekdays
        self.monthDay = monthDay
        self.until = until
    }
}

/// A task (任务): who does what by when.
///
/// - Times `startsAt`/`dueAt` are instants; `startOn`/`dueOn` are their days (`YYYY-MM-DD`) in
///   `timeZone`, the assignee's (the creator's while nobody is assigned), which is what "today",
///   "overdue" and "this week" are judged by.
/// - `status` is a status key: the built-in `not_started`, `in_progress`, `done`, `cancelled`, or a
///   company-defined one; `statusCategory` is the built-in one it maps onto.
/// - `priority`: `low`, `normal`, `high`, `urgent`.
/// - Hours are decimal text with two decimals; `spentHours` is the sum of timesheet entries.
/// - `overdue`: due before now and not done or cancelled.
public struct TaskDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var title: String
    public var description: String?
    public var projectId: UUID?
    public var projectName: String?
    public var phaseId: UUID?
    public var milestoneId: UUID?
    public var parentId: UUID?
    public var parentTitle: String?
    public var assigneeId: UUID?
    public var assigneeName: String?
    public var collaborators: [PersonRef]
    public var creatorName: String?
    public var startsAt: Date?
    public var dueAt: Date?
    public var startOn: String?
    public var dueOn: String?
    /// IANA name.
    public var timeZone: String
    public var priority: String
    public var status: String
    public var statusCategory: String
    public var labels: [String]
    public var checklist: [TaskChecklistItemDTO]
    public var subtasks: [TaskRefDTO]
    /// Finish-to-start predecessors: this task should start after each of them ends.
    public var dependsOn: [TaskRefDTO]
    /// Tasks that depend on this one.
    public var blocking: [TaskRefDTO]
    public var estimatedHours: String?
    public var spentHours: String
    public var customerId: UUID?
    public var customerName: String?
    public var orderId: UUID?
    /// The linked order's number, when the reader may open the order (else nil, with `orderId` kept).
    public var orderNumber: String?
    public var approvalId: UUID?
    /// The linked approval request's title, when the reader may open it (else nil, with `approvalId` kept).
    public var approvalTitle: String?
    /// Minutes before `dueAt` at which the assignee is reminded; nil for no reminder.
    public var remindBeforeMinutes: Int?
    public var recurrence: TaskRecurrenceDTO?
    public var completedAt: Date?
    public var overdue: Bool
    public var createdAt: Date?
    public var updatedAt: Date?
    public var version: Int
    public init(id: UUID, title: String, description: String?, projectId: UUID?, projectName: String?, phaseId: UUID?, milestoneId: UUID?,
                parentId: UUID?, parentTitle: String?, assigneeId: UUID?, assigneeName: String?, collaborators: [PersonRef], creatorName: String?,
                startsAt: Date?, dueAt: Date?, startOn: String?, dueOn: String?, timeZone: String, priority: String, status: String,
                statusCategory: String, labels: [String], checklist: [TaskChecklistItemDTO], subtasks: [TaskRefDTO], dependsOn: [TaskRefDTO],
                blocking: [TaskRefDTO], estimatedHours: String?, spentHours: String, customerId: UUID?, customerName: String?, orderId: UUID?,
                approvalId: UUID?, remindBeforeMinutes: Int?, recurrence: TaskRecurrenceDTO?, completedAt: Date?, overdue: Bool, createdAt: Date?,
                updatedAt: Date?, version: Int, orderNumber: String? = nil, approvalTitle: String? = nil) {
        self.id = id
        self.title = title
        self.description = description
        self.projectId = projectId
        self.projectName = projectName
        self.phaseId = phaseId
        self.milestoneId = milestoneId
        self.parentId = parentId
        self.parentTitle = parentTitle
        self.assigneeId = assigneeId
        self.assigneeName = assigneeName
        self.collaborators = collaborators
        self.creatorName = creatorName
        self.startsAt = startsAt
        self.dueAt = dueAt
        self.startOn = startOn
        self.dueOn = dueOn
        self.timeZone = timeZone
        self.priority = priority
        self.status = status
        self.statusCategory = statusCategory
        self.labels = labels
        self.checklist = checklist
        self.subtasks = subtasks
        self.dependsOn = dependsOn
        self.blocking = blocking
        self.estimatedHours = estimatedHours
        self.spentHours = spentHours
        self.customerId = customerId
        self.customerName = customerName
        self.orderId = orderId
        self.orderNumber = orderNumber
        self.approvalId = approvalId
        self.approvalTitle = approvalTitle
        self.remindBeforeMinutes = remindBeforeMinutes
        self.recurrence = recurrence
        self.completedAt = completedAt
        self.overdue = overdue
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.version = version
    }
}

/// `POST /api/v1/projects/tasks` and, with `version`, `PATCH /api/v1/projects/tasks/{id}`.
///
/// - `title` 1–200 characters, one line (required on create); `description` up to 10,000.
/// - `assigneeId`, `collaboratorIds` (at most 50): employees; the assignee defaults to the creator.
/// - `startsAt`/`dueAt`: instants, the due not before the start.
/// - `status`: a status key (default `not_started`); `priority` default `normal`.
/// - `labels`: at most 20, each one line of 1–30 characters.
/// - `checklist` (at most 100 lines) and `dependsOnIds` (at most 50) replace what the task had.
/// - `estimatedHours`: 0–10,000 with at most two decimals.
/// - `parentId`: a task of the same project, at most three levels deep.
/// - `clear` (update only): names of optional fields to empty — `description`, `assigneeId`,
///   `startsAt`, `dueAt`, `estimatedHours`, `customerId`, `orderId`, `approvalId`, `projectId`,
///   `phaseId`, `milestoneId`, `parentId`, `remindBeforeMinutes`, `recurrence`.
public struct TaskInput: Codable, Sendable {
    public var id: UUID?
    public var version: Int?
    public var title: String?
    public var description: String?
    public var projectId: UUID?
    public var phaseId: UUID?
    public var milestoneId: UUID?
    public var parentId: UUID?
    public var assigneeId: UUID?
    public var collaboratorIds: [UUID]?
    public var startsAt: Date?
    public var dueAt: Date?
    public var priority: String?
    public var status: String?
    public var labels: [String]?
    public var checklist: [TaskChecklistInput]?
    public var dependsOnIds: [UUID]?
    public var estimatedHours: DecimalText?
    public var customerId: UUID?
    public var orderId: UUID?
    public var approvalId: UUID?
    public var remindBeforeMinutes: Int?
    public var recurrence: TaskRecurrenceDTO?
    public var clear: [String]?
    public init(id: UUID? = nil, version: Int? = nil, title: String? = nil, description: String? = nil, projectId: UUID? = nil, phaseId: UUID? = nil,
                milestoneId: UUID? = nil, parentId: UUID? = nil, assigneeId: UUID? = nil, collaboratorIds: [UUID]? = nil, startsAt: Date? = nil,
                dueAt: Date? = nil, priority: String? = nil, status: String? = nil, labels: [String]? = nil, checklist: [TaskChecklistInput]? = nil,
                dependsOnIds: [UUID]? = nil, estimatedHours: DecimalText? = nil, customerId: UUID? = nil, orderId: UUID? = nil, approvalId: UUID? = nil,
                remindBeforeMinutes: Int? = nil, recurrence: TaskRecurrenceDTO? = nil, clear: [String]? = nil) {
        self.id = id
        self.version = version
        self.title = title
        self.description = description
        self.projectId = projectId
        self.phaseId = phaseId
        self.milestoneId = milestoneId
        self.parentId = parentId
        self.assigneeId = assigneeId
        self.collaboratorIds = collaboratorIds
        self.startsAt = startsAt
        self.dueAt = dueAt
        self.priority = priority
        self.status = status
        self.labels = labels
        self.checklist = checklist
        self.dependsOnIds = dependsOnIds
        self.estimatedHours = estimatedHours
        self.customerId = customerId
        self.orderId = orderId
        self.approvalId = approvalId
        self.remindBeforeMinutes = remindBeforeMinutes
        self.recurrence = recurrence
        self.clear = clear
    }
}

/// `POST /api/v1/projects/tasks/{id}/status`: one tap on a phone. `version` is optional here:
/// without it the move applies to the task as it is now.
public struct TaskMoveInput: Codable, Sendable {
    public var status: String?
    public var version: Int?
    public init(status: String?, version: Int? = nil) {
        self.status = status
        self.version = version
    }
}

/// A task status: the four built-in ones (`builtIn`) and those a company adds, each mapped onto
/// a built-in `category` (`not_started`, `in_progress`, `done`, `cancelled`). `name` is shown as
/// is for company statuses; built-in ones are named by the app's catalog.
public struct TaskStatusDTO: Codable, Sendable, Equatable {
    public var key: String
    public var name: String
    public var category: String
    public var position: Int
    public var builtIn: Bool
    public var archived: Bool
    public init(key: String, name: String, category: String, position: Int, builtIn: Bool, archived: Bool) {
        self.key = key
        self.name = name
        self.category = category
        self.position = position
        self.builtIn = builtIn
        self.archived = archived
    }
}

/// `POST /api/v1/projects/task-statuses` and `PATCH …/{key}`: `key` 2–30 of `a-z0-9_` (create
/// only, not a built-in key), `name` 1–40 characters, `category`, `position`, `archived`.
public struct TaskStatusDefinitionInput: Codable, Sendable {
    public var key: String?
    public var name: String?
    public var category: String?
    public var position: Int?
    public var archived: Bool?
    public init(key: String? = nil, name: String? = nil, category: String? = nil, position: Int? = nil, archived: Bool? = nil) {
        self.key = key
        self.name = name
        self.category = category
        self.position = position
        self.archived = archived
    }
}

/// "My work" (我的任务): the caller's open tasks by when they are due, in the caller's time
/// zone, and the counts of each section. Each list holds at most 100 tasks, soonest due first.
/// - `today`: due today; `overdue`: due before now; `week`: due from tomorrow to Sunday of this
///   ISO week; `later`: due after this week or without a due time; `created`: open tasks the caller
///   created for others; `following`: open tasks the caller collaborates on.
public struct MyWorkDTO: Codable, Sendable, Equatable {
    public struct Section: Codable, Sendable, Equatable {
        public var count: Int
        public var tasks: [TaskCardDTO]
        public init(count: Int, tasks: [TaskCardDTO]) {
            self.count = count
            self.tasks = tasks
        }
    }
    /// `YYYY-MM-DD` in the caller's time zone.
    public var today: String
    public var overdue: Section
    public var dueToday: Section
    public var week: Section
    public var later: Section
    public var created: Section
    public var following: Section
    public init(today: String, overdue: Section, dueToday: Section, week: Section, later: Section, created: Section, following: Section) {
        self.today = today
        self.overdue = overdue
        self.dueToday = dueToday
        self.week = week
        self.later = later
        self.created = created
        self.following = following
    }
}

/// A task as lists, the kanban and "my work" show it.
public struct TaskCardDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var title: String
    public var projectId: UUID?
    public var projectName: String?
    public var assigneeId: UUID?
    public var assigneeName: String?
    public var dueAt: Date?
    public var dueOn: String?
    public var priority: String
    public var status: String
    public var statusCategory: String
    public var labels: [String]
    /// Checklist lines done and in all.
    public var checklistDone: Int
    public var checklistTotal: Int
    public var estimatedHours: String?
    public var spentHours: String
    public var overdue: Bool
    public var version: Int
    public init(id: UUID, title: String, projectId: UUID?, projectName: String?, assigneeId: UUID?, assigneeName: String?, dueAt: Date?, dueOn: String?,
                priority: String, status: String, statusCategory: String, labels: [String], checklistDone: Int, checklistTotal: Int,
                estimatedHours: String?, spentHours: String, overdue: Bool, version: Int) {
        self.id = id
        self.title = title
        self.projectId = projectId
        self.projectName = projectName
        self.assigneeId = assigneeId
        self.assigneeName = assigneeName
        self.dueAt = dueAt
        self.dueOn = dueOn
        self.priority = priority
        self.status = status
        self.statusCategory = statusCategory
        self.labels = labels
        self.checklistDone = checklistDone
        self.checklistTotal = checklistTotal
        self.estimatedHours = estimatedHours
        self.spentHours = spentHours
        self.overdue = overdue
        self.version = version
    }
}
