import Fluent
import Foundation

/// A task (任务) (issue 13 point 1): who does what by when.
///
/// `starts_at`/`due_at` are instants; `start_day`/`due_day` are their days in `time_zone` — the
/// assignee's (the creator's while nobody is assigned) — kept beside them so that "due today",
/// "overdue" and "this week" are index lookups. `department_id` is the assignee's department, for
/// department data scopes. Hours are hundredths of an hour (`estimated_ch`, `spent_ch`).
final class ProjectTask: Model, @unchecked Sendable {
    static let schema = "proj_tasks"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @OptionalField(key: "project_id") var projectID: UUID?
    @OptionalField(key: "phase_id") var phaseID: UUID?
    @OptionalField(key: "milestone_id") var milestoneID: UUID?
    @OptionalField(key: "parent_id") var parentID: UUID?
    /// 0 for a top-level task, 1 for a subtask, 2 for a subtask's subtask.
    @Field(key: "depth") var depth: Int
    @Field(key: "title") var title: String
    @OptionalField(key: "description") var details: String?
    @OptionalField(key: "assignee_id") var assigneeID: UUID?
    @OptionalField(key: "department_id") var departmentID: UUID?
    /// The creating employee, when the creator is one.
    @OptionalField(key: "creator_id") var creatorID: UUID?
    @OptionalField(key: "starts_at") var startsAt: Date?
    @OptionalField(key: "due_at") var dueAt: Date?
    @OptionalField(key: "start_day") var startDay: String?
    @OptionalField(key: "due_day") var dueDay: String?
    @Field(key: "time_zone") var timeZone: String
    @Field(key: "priority") var priority: String
    @Field(key: "status") var status: String
    @Field(key: "status_category") var statusCategory: String
    /// JSON array of label texts.
    @Field(key: "labels") var labels: String
    @OptionalField(key: "estimated_ch") var estimatedCentihours: Int?
    @Field(key: "spent_ch") var spentCentihours: Int
    @Field(key: "checklist_done") var checklistDone: Int
    @Field(key: "checklist_total") var checklistTotal: Int
    @OptionalField(key: "customer_id") var customerID: UUID?
    @OptionalField(key: "order_id") var orderID: UUID?
    @OptionalField(key: "approval_id") var approvalID: UUID?
    @OptionalField(key: "remind_minutes") var remindMinutes: Int?
    /// When the before-due reminder was sent for the current due time (reset when it moves).
    @OptionalField(key: "reminded_at") var remindedAt: Date?
    /// When the overdue notice was sent for the current due time.
    @OptionalField(key: "overdue_noticed_at") var overdueNoticedAt: Date?
    /// JSON of ``TaskRecurrenceDTO``.
    @OptionalField(key: "recurrence") var recurrence: String?
    /// The occurrence made from this one when it was closed (so it is made once).
    @OptionalField(key: "next_occurrence_id") var nextOccurrenceID: UUID?
    @OptionalField(key: "completed_at") var completedAt: Date?
    @Field(key: "search_text") var searchText: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .none) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .none) var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}

    var isOpen: Bool { statusCategory == TaskCategory.notStarted || statusCategory == TaskCategory.inProgress }
}

/// A colleague working with the assignee on a task (参与人); "tasks I follow" are these.
final class TaskCollaborator: Model, @unchecked Sendable {
    static let schema = "proj_task_collaborators"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "task_id") var taskID: UUID
    @Field(key: "employee_id") var employeeID: UUID

    init() {}
}

/// A line of a task's checklist.
final class TaskChecklistItem: Model, @unchecked Sendable {
    static let schema = "proj_task_checklist"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "task_id") var taskID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "text") var text: String
    @Field(key: "done") var done: Bool

    init() {}
}

/// A finish-to-start dependency: `task_id` should start after `predecessor_id` ends.
final class TaskDependency: Model, @unchecked Sendable {
    static let schema = "proj_task_dependencies"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "task_id") var taskID: UUID
    @Field(key: "predecessor_id") var predecessorID: UUID

    init() {}
}

/// A task status a company adds (e.g. 待验收 "awaiting acceptance" mapped onto in progress).
final class TaskStatusDefinition: Model, @unchecked Sendable {
    static let schema = "proj_task_statuses"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "key") var key: String
    @Field(key: "name") var name: String
    @Field(key: "category") var category: String
    @Field(key: "position") var position: Int
    @Field(key: "archived") var archived: Bool

    init() {}
}
