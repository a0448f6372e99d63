import AfieldAPI
import Fluent
import Foundation
import Platform

/// The four built-in task statuses, which are also the categories every company status maps
/// onto (未开始 / 进行中 / 已完成 / 已取消).
enum TaskCategory {
    static let notStarted = "not_started"
    static let inProgress = "in_progress"
    static let done = "done"
    static let cancelled = "cancelled"
    static let all = [notStarted, inProgress, done, cancelled]
    static let closed: Set<String> = [done, cancelled]
}

/// A company's task statuses: the built-in ones, then its own.
struct TaskStatuses: Sendable {
    let all: [TaskStatusDTO]

    static let priorities = ["low", "normal", "high", "urgent"]

    /// - Parameter catalog: names the built-in statuses in `language`.
    static func load(tenantID: UUID, db: any Database, catalog: MessageCatalog, language: AppLanguage) async throws -> TaskStatuses {
        let builtIn = TaskCategory.all.enumerated().map { index, key in
            TaskStatusDTO(key: key, name: catalog.message("projects.task.status.\(key)", language), category: key, position: (index + 1) * 10,
                          builtIn: true, archived: false)
        }
        let own = try await TaskStatusDefinition.query(on: db).filter(\.$tenantID == tenantID).sort(\.$position).sort(\.$key).all()
            .map { TaskStatusDTO(key: $0.key, name: $0.name, category: $0.category, position: $0.position, builtIn: false, archived: $0.archived) }
        return TaskStatuses(all: (builtIn + own).sorted { ($0.position, $0.builtIn ? 0 : 1, $0.key) < ($1.position, $1.builtIn ? 0 : 1, $1.key) })
    }

    /// The category of status `key`; nil for an unknown or archived one.
    func category(of key: String) -> String? {
        all.first { $0.key == key && !$0.archived }?.category
    }

    /// The category of any status ever defined (archived ones stay on their tasks).
    func anyCategory(of key: String) -> String {
        all.first { $0.key == key }?.category ?? TaskCategory.notStarted
    }
}

/// Adding and changing company task statuses.
struct TaskStatusService: Sendable {
    let context: ServiceContext

    /// - Throws: 403 without `projects.status.manage`; 422 `projects.status.key` (shape or a
    ///   built-in key), `projects.status.category`; 409 `projects.status.key_taken`.
    func create(_ input: TaskStatusDefinitionInput) async throws -> TaskStatusDTO {
        try context.require(ProjectsModule.statusManage)
        var problems: [DomainError.Field] = []
        let key = input.key ?? ""
        if key.range(of: "^[a-z][a-z0-9_]{1,29}$", options: .regularExpression) == nil || TaskCategory.all.contains(key) {
            problems.append(.init("key", "projects.status.key"))
        }
        let name = ProjectsText.line(input.name, max: 40, path: "name", required: true, problems: &problems)
        let category = input.category ?? ""
        if !TaskCategory.all.contains(category) { problems.append(.init("category", "projects.status.category")) }
        let position = input.position ?? 100
        if !(0...10_000).contains(position) { problems.append(.init("position", "number.range", params: ["min": "0", "max": "10000"])) }
        guard problems.isEmpty, let name else { throw DomainError.invalid(problems) }
        let row = TaskStatusDefinition()
        row.tenantID = context.tenantID
        row.key = key
        row.name = name
        row.category = category
        row.position = position
        row.archived = input.archived ?? false
        let context = self.context
        try await context.write { db in
            if try await TaskStatusDefinition.query(on: db).filter(\.$tenantID == context.tenantID).filter(\.$key == key).first() != nil {
                throw DomainError(status: 409, code: "projects.status.key_taken", params: ["key": key])
            }
            try await row.create(on: db)
            var changes = AuditChanges()
            changes.created([("key", key), ("name", name), ("category", category), ("position", String(position))])
            try await AuditLog.append(entity: ProjectsModule.statusEntity, entityID: row.requireID(), action: "create", changes: changes,
                                      context: context.audit, on: db, now: context.now())
        }
        return TaskStatusDTO(key: key, name: name, category: category, position: position, builtIn: false, archived: row.archived)
    }

    /// Renames, re-maps, re-orders or archives a company status (built-in ones are fixed).
    /// Tasks in the status follow a new category.
    /// - Throws: 404 for an unknown or built-in key; 422 as ``create(_:)``.
    func update(_ key: String, _ input: TaskStatusDefinitionInput) async throws -> TaskStatusDTO {
        try context.require(ProjectsModule.statusManage)
        guard let row = try await TaskStatusDefinition.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$key == key).first()
        else { throw DomainError.notFound("task_status") }
        var problems: [DomainError.Field] = []
        if input.key != nil, input.key != key { problems.append(.init("key", "projects.status.key_fixed")) }
        if input.name != nil, let name = ProjectsText.line(input.name, max: 40, path: "name", required: true, problems: &problems) { row.name = name }
        if let category = input.category {
            if TaskCategory.all.contains(category) { row.category = category } else { problems.append(.init("category", "projects.status.category")) }
        }
        if let position = input.position {
            if (0...10_000).contains(position) { row.position = position } else { problems.append(.init("position", "number.range", params: ["min": "0", "max": "10000"])) }
        }
        if let archived = input.archived { row.archived = archived }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let context = self.context
        try await context.write { db in
            var changes = AuditChanges()
            changes.set("name", nil, row.name)
            changes.set("category", nil, row.category)
            changes.set("position", nil, String(row.position))
            changes.set("archived", nil, row.archived ? "true" : "false")
            try await row.update(on: db)
            try await ProjectTask.query(on: db).filter(\.$tenantID == context.tenantID).filter(\.$status == key)
                .set(\.$statusCategory, to: row.category).update()
            try await AuditLog.append(entity: ProjectsModule.statusEntity, entityID: row.requireID(), action: "update", changes: changes,
                                      context: context.audit, on: db, now: context.now())
        }
        return TaskStatusDTO(key: key, name: row.name, category: row.category, position: row.position, builtIn: false, archived: row.archived)
    }
}
