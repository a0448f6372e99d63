import Foundation

// What the OpenAPI document says of Projects request bodies beyond their Codable shape, and the
// PATCH bodies (the create body's fields with `version` required).

/// A date-time in 1900…2999 (the server takes 1899-12-30…3000-01-02 UTC, so that every offset
/// of a documented value is accepted).
private let instant = SchemaRefinement(pattern: "^(19|2[0-9])[0-9]{2}-", format: "date-time")
private let projectDay = "^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
private func dayField(required: Bool = false) -> SchemaRefinement { SchemaRefinement(required: required, pattern: projectDay, format: "date") }
private func line(_ max: Int) -> SchemaRefinement { SchemaRefinement(maxLength: max, pattern: SchemaPattern.line) }
private let taskClearable = ["description", "assigneeId", "startsAt", "dueAt", "estimatedHours", "customerId", "orderId", "approvalId", "projectId",
                             "phaseId", "milestoneId", "parentId", "remindBeforeMinutes", "recurrence"]

private let taskFields: [String: SchemaRefinement] = [
    "title": .rename(max: 200), "description": SchemaRefinement(maxLength: 10_000, pattern: SchemaPattern.text),
    "collaboratorIds": SchemaRefinement(maxItems: 50), "startsAt": instant, "dueAt": instant,
    "priority": .oneOf(["low", "normal", "high", "urgent"]), "status": SchemaRefinement(minLength: 1, maxLength: 30, pattern: SchemaPattern.line),
    "labels": .replaced(by: ["type": "array", "maxItems": 20,
                             "items": ["type": "string", "minLength": 1, "maxLength": 30, "pattern": .string(SchemaPattern.notBlank)]]),
    "checklist": SchemaRefinement(maxItems: 100), "dependsOnIds": SchemaRefinement(maxItems: 50),
    "estimatedHours": .replaced(by: ["anyOf": [["type": "string", "pattern": "^[0-9]{1,5}(\\.[0-9]{1,2})?$"], ["type": "number", "minimum": 0, "maximum": 10000]]]),
    "remindBeforeMinutes": SchemaRefinement(minimum: 0, maximum: 43_200),
    "clear": .replaced(by: ["type": "array", "maxItems": 14, "items": ["type": "string", "enum": .array(taskClearable.map { .string($0) })]]),
]

extension TaskInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { taskFields.merging(["title": .name(max: 200)]) { _, new in new } }
}

/// `PATCH /api/v1/projects/tasks/{id}`: the fields of ``TaskInput``; `version` required.
public struct TaskUpdate: Codable, Sendable {
    public var input: TaskInput
    public init(_ input: TaskInput) { self.input = input }
    public init(from decoder: any Decoder) throws { input = try TaskInput(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try input.encode(to: encoder) }
}
extension TaskUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { taskFields.merging(["version": .required]) { _, new in new } }
}
extension TaskChecklistInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["text": .name(max: 200)] }
}
extension TaskRecurrenceDTO: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["frequency": .oneOf(["daily", "weekly", "monthly"], required: true), "interval": SchemaRefinement(required: true, minimum: 1, maximum: 99),
         "weekdays": .replaced(by: ["type": "array", "maxItems": 7, "items": ["type": "integer", "minimum": 1, "maximum": 7]]),
         "monthDay": .replaced(by: ["anyOf": [["type": "integer", "minimum": 1, "maximum": 31], ["type": "integer", "minimum": -1, "maximum": -1]]]),
         "until": dayField()]
    }
}
extension TaskMoveInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["status": SchemaRefinement(required: true, minLength: 1, maxLength: 30, pattern: SchemaPattern.line)] }
}
private let statusFields: [String: SchemaRefinement] = [
    "key": SchemaRefinement(maxLength: 30, pattern: "^[a-z][a-z0-9_]{1,29}$"), "name": .rename(max: 40),
    "category": .oneOf(["not_started", "in_progress", "done", "cancelled"]), "position": SchemaRefinement(minimum: 0, maximum: 10_000),
]
extension TaskStatusDefinitionInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        statusFields.merging(["key": SchemaRefinement(required: true, maxLength: 30, pattern: "^[a-z][a-z0-9_]{1,29}$"), "name": .name(max: 40),
                              "category": .oneOf(["not_started", "in_progress", "done", "cancelled"], required: true)]) { _, new in new }
    }
}

/// `PATCH /api/v1/projects/task-statuses/{key}`: the fields of ``TaskStatusDefinitionInput``, none required.
public struct TaskStatusDefinitionUpdate: Codable, Sendable {
    public var input: TaskStatusDefinitionInput
    public init(_ input: TaskStatusDefinitionInput) { self.input = input }
    public init(from decoder: any Decoder) throws { input = try TaskStatusDefinitionInput(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try input.encode(to: encoder) }
}
extension TaskStatusDefinitionUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { statusFields }
}

private let projectFields: [String: SchemaRefinement] = [
    "code": SchemaRefinement(maxLength: 20, pattern: "^\\s*[A-Za-z0-9][A-Za-z0-9-]{1,19}\\s*$"), "name": .rename(max: 120),
    "description": SchemaRefinement(maxLength: 10_000, pattern: SchemaPattern.text), "startsOn": dayField(), "endsOn": dayField(),
    "status": .oneOf(["planning", "active", "on_hold", "completed", "cancelled"]), "dependencyRule": .oneOf(["strict", "flexible"]),
    "members": SchemaRefinement(maxItems: 200),
    "clear": .replaced(by: ["type": "array", "maxItems": 2, "items": ["type": "string", "enum": ["description", "customerId"]]]),
]

extension ProjectInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        projectFields.merging(["name": .name(max: 120), "startsOn": dayField(required: true), "endsOn": dayField(required: true)]) { _, new in new }
    }
}

/// `PATCH /api/v1/projects/projects/{id}`: the fields of ``ProjectInput``; `version` required.
public struct ProjectUpdate: Codable, Sendable {
    public var input: ProjectInput
    public init(_ input: ProjectInput) { self.input = input }
    public init(from decoder: any Decoder) throws { input = try ProjectInput(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try input.encode(to: encoder) }
}
extension ProjectUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { projectFields.merging(["version": .required]) { _, new in new } }
}
extension ProjectMemberInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["employeeId": .required, "role": .oneOf(["manager", "member", "viewer"])] }
}

private let milestoneFields: [String: SchemaRefinement] = [
    "name": .rename(max: 120), "dueOn": dayField(), "doneOn": SchemaRefinement(pattern: "^$|" + projectDay),
]
extension MilestoneInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { milestoneFields.merging(["name": .name(max: 120), "dueOn": dayField(required: true)]) { _, new in new } }
}

/// `PATCH /api/v1/projects/projects/{id}/milestones/{milestoneId}`: the fields of ``MilestoneInput``; `version` required.
public struct MilestoneUpdate: Codable, Sendable {
    public var input: MilestoneInput
    public init(_ input: MilestoneInput) { self.input = input }
    public init(from decoder: any Decoder) throws { input = try MilestoneInput(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try input.encode(to: encoder) }
}
extension MilestoneUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { milestoneFields.merging(["version": .required]) { _, new in new } }
}
extension ProjectPhasesInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["phases": SchemaRefinement(maxItems: 50)] }
}
extension ProjectPhasesInput.Phase: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["name": .name(max: 80), "startsOn": dayField(), "endsOn": dayField()] }
}

private let hoursSchema: JSONValue = ["anyOf": [["type": "string", "pattern": "^[0-9]{1,2}(\\.[0-9]{1,2})?$"], ["type": "number", "minimum": 0, "maximum": 24]]]
private let entryFields: [String: SchemaRefinement] = ["day": dayField(), "hours": .replaced(by: hoursSchema), "note": line(200)]
extension TimesheetEntryInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        entryFields.merging(["day": dayField(required: true), "hours": .replaced(by: hoursSchema, required: true)]) { _, new in new }
    }
}

/// `PATCH /api/v1/projects/timesheet-entries/{id}`: the fields of ``TimesheetEntryInput``; `version` required.
public struct TimesheetEntryUpdate: Codable, Sendable {
    public var input: TimesheetEntryInput
    public init(_ input: TimesheetEntryInput) { self.input = input }
    public init(from decoder: any Decoder) throws { input = try TimesheetEntryInput(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try input.encode(to: encoder) }
}
extension TimesheetEntryUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { entryFields.merging(["version": .required]) { _, new in new } }
}
extension TimesheetActionInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["version": .required] }
}
extension TaskImportInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["fileId": .required,
         "mapping": .replaced(by: ["type": "object", "maxProperties": 100,
                                   "propertyNames": ["minLength": 1, "maxLength": 200, "pattern": .string(SchemaPattern.line)],
                                   "additionalProperties": ["type": "string", "enum": ["", "title", "description", "assignee", "start", "due", "priority", "status",
                                                                                      "labels", "estimatedHours", "milestone", "phase", "key"]]])]
    }
}

private let logFields: [String: SchemaRefinement] = [
    "kind": .oneOf(["risk", "issue"]), "title": .rename(max: 200), "description": SchemaRefinement(maxLength: 5_000, pattern: SchemaPattern.text),
    "probability": .oneOf(["low", "medium", "high"]), "impact": .oneOf(["low", "medium", "high"]), "state": .oneOf(["open", "mitigating", "closed"]),
    "dueOn": SchemaRefinement(pattern: "^$|" + projectDay),
    "clear": .replaced(by: ["type": "array", "maxItems": 2, "items": ["type": "string", "enum": ["ownerId", "description"]]]),
]
extension ProjectLogInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        logFields.merging(["kind": .oneOf(["risk", "issue"], required: true), "title": .name(max: 200)]) { _, new in new }
    }
}

/// `PATCH /api/v1/projects/projects/{id}/log/{entryId}`: the fields of ``ProjectLogInput``; `version` required.
public struct ProjectLogUpdate: Codable, Sendable {
    public var input: ProjectLogInput
    public init(_ input: ProjectLogInput) { self.input = input }
    public init(from decoder: any Decoder) throws { input = try ProjectLogInput(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try input.encode(to: encoder) }
}
extension ProjectLogUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { logFields.merging(["version": .required]) { _, new in new } }
}
extension ProjectDocumentInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["fileId": .required, "name": .rename(max: 200), "note": SchemaRefinement(maxLength: 200, pattern: SchemaPattern.line)]
    }
}
