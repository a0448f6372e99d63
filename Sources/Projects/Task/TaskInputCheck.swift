import AfieldAPI
import Foundation
import Platform

/// The fields of a ``TaskInput`` checked one by one, before anything is read or written: what
/// was sent (`nil`: not sent; `.some(nil)`: cleared).
struct TaskFields: Sendable {
    var title: String?
    var details: String??
    var projectID: UUID??
    var phaseID: UUID??
    var milestoneID: UUID??
    var parentID: UUID??
    var assigneeID: UUID??
    var collaboratorIDs: [UUID]?
    var startsAt: Date??
    var dueAt: Date??
    var priority: String?
    var status: String?
    var labels: [String]?
    var checklist: [(id: UUID?, text: String, done: Bool)]?
    var dependsOn: [UUID]?
    var estimated: Int??
    var customerID: UUID??
    var orderID: UUID??
    var approvalID: UUID??
    var remindMinutes: Int??
    var recurrence: TaskRecurrenceDTO??

    static let maximumCollaborators = 50
    static let maximumLabels = 20
    static let maximumChecklist = 100
    static let maximumDependencies = 50
    static let clearable: Set<String> = ["description", "assigneeId", "startsAt", "dueAt", "estimatedHours", "customerId", "orderId", "approvalId",
                                         "projectId", "phaseId", "milestoneId", "parentId", "remindBeforeMinutes", "recurrence"]

    /// Checks `input` field by field, appending one problem per mistake.
    static func check(_ input: TaskInput, creating: Bool, problems: inout [DomainError.Field]) -> TaskFields {
        var fields = TaskFields()
        let clear = Set(input.clear ?? [])
        if creating, !clear.isEmpty { problems.append(.init("clear", "projects.task.clear_on_create")) }
        for (index, name) in (input.clear ?? []).enumerated() where !clearable.contains(name) {
            problems.append(.init("clear[\(index)]", "projects.task.not_clearable", params: ["field": name]))
        }
        func cleared<T>(_ name: String, _ value: T?) -> T?? {
            if clear.contains(name) {
                if value != nil { problems.append(.init(name, "projects.task.clear_and_set")) }
                return .some(nil)
            }
            return value.map { .some($0) }
        }
        if creating || input.title != nil { fields.title = ProjectsText.line(input.title, max: 200, path: "title", required: true, problems: &problems) }
        if let description = input.description {
            fields.details = .some(ProjectsText.note(description, max: 10_000, path: "description", problems: &problems))
        } else if clear.contains("description") { fields.details = .some(nil) }
        fields.projectID = cleared("projectId", input.projectId)
        fields.phaseID = cleared("phaseId", input.phaseId)
        fields.milestoneID = cleared("milestoneId", input.milestoneId)
        fields.parentID = cleared("parentId", input.parentId)
        fields.assigneeID = cleared("assigneeId", input.assigneeId)
        fields.startsAt = cleared("startsAt", input.startsAt)
        fields.dueAt = cleared("dueAt", input.dueAt)
        for (name, value) in [("startsAt", input.startsAt), ("dueAt", input.dueAt)] {
            // Years 1900…2999 as documented, with a day's margin for any offset (1899-12-30…3000-01-02 UTC).
            if let value, value.timeIntervalSince1970 < -2_209_161_600 || value.timeIntervalSince1970 > 32_503_766_400 {
                problems.append(.init(name, "request.invalid_date"))
            }
        }
        if let start = input.startsAt, let due = input.dueAt, due < start { problems.append(.init("dueAt", "projects.task.due_before_start")) }
        fields.customerID = cleared("customerId", input.customerId)
        fields.orderID = cleared("orderId", input.orderId)
        fields.approvalID = cleared("approvalId", input.approvalId)
        if let ids = input.collaboratorIds {
            var unique: [UUID] = []
            for id in ids where !unique.contains(id) { unique.append(id) }
            if unique.count > maximumCollaborators { problems.append(.init("collaboratorIds", "list.too_many_ids", params: ["max": String(maximumCollaborators)])) }
            fields.collaboratorIDs = unique
        }
        if let priority = input.priority {
            if TaskStatuses.priorities.contains(priority) { fields.priority = priority } else { problems.append(.init("priority", "projects.task.priority")) }
        }
        fields.status = input.status
        if let labels = input.labels {
            if labels.count > maximumLabels { problems.append(.init("labels", "list.too_many_ids", params: ["max": String(maximumLabels)])) }
            var kept: [String] = []
            for (index, label) in labels.enumerated() {
                if let text = ProjectsText.line(label, max: 30, path: "labels[\(index)]", required: true, problems: &problems),
                   !kept.contains(where: { $0.lowercased() == text.lowercased() }) { kept.append(text) }
            }
            fields.labels = kept
        }
        if let checklist = input.checklist {
            if checklist.count > maximumChecklist { problems.append(.init("checklist", "list.too_many_ids", params: ["max": String(maximumChecklist)])) }
            var lines: [(id: UUID?, text: String, done: Bool)] = []
            for (index, line) in checklist.enumerated() {
                if let text = ProjectsText.line(line.text, max: 200, path: "checklist[\(index)].text", required: true, problems: &problems) {
                    if let id = line.id, lines.contains(where: { $0.id == id }) {
                        problems.append(.init("checklist[\(index)].id", "projects.task.checklist_repeated"))
                    }
                    lines.append((line.id, text, line.done ?? false))
                }
            }
            fields.checklist = lines
        }
        if let ids = input.dependsOnIds {
            var unique: [UUID] = []
            for id in ids where !unique.contains(id) { unique.append(id) }
            if unique.count > maximumDependencies { problems.append(.init("dependsOnIds", "list.too_many_ids", params: ["max": String(maximumDependencies)])) }
            fields.dependsOn = unique
        }
        if let hours = input.estimatedHours {
            fields.estimated = Hours.parse(hours.text, path: "estimatedHours", problems: &problems).map { .some($0) }
            if clear.contains("estimatedHours") { problems.append(.init("estimatedHours", "projects.task.clear_and_set")) }
        } else if clear.contains("estimatedHours") { fields.estimated = .some(nil) }
        if let minutes = input.remindBeforeMinutes {
            if (0...43_200).contains(minutes) { fields.remindMinutes = .some(minutes) } else {
                problems.append(.init("remindBeforeMinutes", "number.range", params: ["min": "0", "max": "43200"]))
            }
        } else if clear.contains("remindBeforeMinutes") { fields.remindMinutes = .some(nil) }
        if let rule = input.recurrence {
            if let problem = TaskRecurrence.problem(rule) { problems.append(problem) } else { fields.recurrence = .some(rule) }
        } else if clear.contains("recurrence") { fields.recurrence = .some(nil) }
        return fields
    }
}
