import AfieldAPI
import Approvals
import Fluent
import Foundation
import Partners
import Platform
import Sales
import SQLKit

/// Creating and changing tasks (issue 13 point 1). Every change is one transaction holding the
/// task, its collaborators, checklist and dependencies, its reminder jobs, the next occurrence of
/// a repeating task, and the audit entry; an update applies only to the `version` read (409).
struct TaskService: Sendable {
    let context: ServiceContext

    static let maximumDepth = 2

    /// - Throws: 403 without `projects.work`; 422 per field; 404 a project, parent, customer or
    ///   predecessor the caller cannot see; 403 `projects.project.viewer` for a project the caller
    ///   only views; 409 `conflict.id_taken`.
    func create(_ input: TaskInput) async throws -> TaskDTO {
        try context.require(ProjectsModule.work)
        var problems: [DomainError.Field] = []
        let fields = TaskFields.check(input, creating: true, problems: &problems)
        guard problems.isEmpty, let title = fields.title else { throw DomainError.invalid(problems) }
        let task = ProjectTask()
        task.id = input.id ?? UUID()
        task.tenantID = context.tenantID
        task.depth = 0
        task.title = title
        task.assigneeID = context.actor.employeeID
        task.creatorID = context.actor.employeeID
        task.createdBy = context.actor.userID
        task.timeZone = context.actor.timeZone.identifier
        task.priority = "normal"
        task.status = TaskCategory.notStarted
        task.statusCategory = TaskCategory.notStarted
        task.labels = "[]"
        task.spentCentihours = 0
        task.checklistDone = 0
        task.checklistTotal = 0
        task.searchText = ""
        task.version = 1
        let plan = try await apply(fields, to: task, creating: true)
        let context = self.context
        let now = context.now()
        task.createdAt = now
        task.updatedAt = now
        if plan.closes { task.completedAt = now }
        try await context.write { db in
            if input.id != nil, try await ProjectTask.find(task.id, on: db) != nil { throw DomainError.idTaken("task") }
            try await task.create(on: db)
            try await Self.replaceParts(plan, of: task, on: db)
            try await TaskReminders.schedule(task, application: context.application, on: db, fresh: true)
            var changes = AuditChanges()
            changes.created([("title", task.title), ("project_id", task.projectID?.uuidString), ("assignee_id", task.assigneeID?.uuidString),
                             ("status", task.status), ("priority", task.priority), ("due_at", task.dueAt.map(Self.instantText))])
            try await AuditLog.append(entity: ProjectsModule.taskEntity, entityID: task.requireID(), action: "create", changes: changes,
                                      context: context.audit, on: db, now: now)
            try await Self.noticeAssignment(task, previous: nil, context: context, on: db)
        }
        return try await TaskRead(context: context).detail(task.requireID())
    }

    /// Applies the fields sent (`version` required).
    /// - Throws: as ``create(_:)``; 403 `projects.task.read_only`; 409 stale version.
    func update(_ id: UUID, _ input: TaskInput) async throws -> TaskDTO {
        try context.require(ProjectsModule.work)
        var problems: [DomainError.Field] = []
        if input.version == nil { problems.append(.init("version", "field.required")) }
        if input.id != nil { problems.append(.init("id", "projects.task.id_fixed")) }
        let fields = TaskFields.check(input, creating: false, problems: &problems)
        guard problems.isEmpty, let version = input.version else { throw DomainError.invalid(problems) }
        let task = try await TaskAccess(context: context).editable(id)
        let before = Snapshot(task)
        let plan = try await apply(fields, to: task, creating: false)
        return try await save(task, before: before, plan: plan, version: version, action: "update")
    }

    /// The one-tap status change (`version` optional: without it, the task as it is now).
    /// - Throws: 422 `status` `projects.task.unknown_status`, `projects.task.predecessor_open`;
    ///   409 stale version.
    func move(_ id: UUID, _ input: TaskMoveInput) async throws -> TaskDTO {
        try context.require(ProjectsModule.work)
        guard let status = input.status else { throw DomainError.invalid([.init("status", "field.required")]) }
        let task = try await TaskAccess(context: context).editable(id)
        let before = Snapshot(task)
        let plan = try await apply(TaskFields(status: status), to: task, creating: false)
        return try await save(task, before: before, plan: plan, version: input.version ?? task.version, action: "move")
    }

    // MARK: - Applying fields

    /// What the write must do besides the task row.
    struct Plan: Sendable {
        var collaborators: [UUID]?
        var checklist: [(id: UUID?, text: String, done: Bool)]?
        var dependsOn: [UUID]?
        /// The task moves into done or cancelled with this change.
        var closes = false
        var reopens = false
    }

    /// Checks `fields` against the records they name and applies them to `task`.
    private func apply(_ fields: TaskFields, to task: ProjectTask, creating: Bool) async throws -> Plan {
        let db = context.database
        let access = TaskAccess(context: context)
        var problems: [DomainError.Field] = []
        var plan = Plan()
        if let title = fields.title { task.title = title }
        if let details = fields.details { task.details = details }
        if let priority = fields.priority { task.priority = priority }
        if let estimated = fields.estimated { task.estimatedCentihours = estimated }
        if let minutes = fields.remindMinutes { task.remindMinutes = minutes }
        if let labels = fields.labels { task.labels = Self.json(labels) }
        let projectBefore = task.projectID
        if let projectID = fields.projectID { task.projectID = projectID }
        var project: Project?
        if let projectID = task.projectID {
            project = try await ProjectAccess(context: context).visible(projectID)
            if projectID != projectBefore || creating {
                let projectAccess = ProjectAccess(context: context)
                let role = try await projectAccess.role(in: project!)
                if role != "manager", role != "member", !(try await projectAccess.canManage(project!, role: role)) {
                    throw DomainError(status: 403, code: "projects.project.viewer", params: ["name": project!.name])
                }
                if !project!.isOpen { problems.append(.init("projectId", "projects.project.closed", params: ["name": project!.name])) }
            }
        }
        if task.projectID != projectBefore, !creating {
            // Moving to another project drops what belonged to the old one.
            if fields.phaseID == nil { task.phaseID = nil }
            if fields.milestoneID == nil { task.milestoneID = nil }
            let taskID = try task.requireID()
            if fields.dependsOn == nil, try await TaskDependency.query(on: db).group(.or, { $0.filter(\.$taskID == taskID).filter(\.$predecessorID == taskID) }).first() != nil {
                problems.append(.init("projectId", "projects.task.move_with_dependencies"))
            }
        }
        if let phaseID = fields.phaseID { task.phaseID = phaseID }
        if let milestoneID = fields.milestoneID { task.milestoneID = milestoneID }
        if let phaseID = task.phaseID {
            let phase = try await ProjectPhase.find(phaseID, on: db)
            if phase == nil || phase?.projectID != task.projectID || phase?.tenantID != context.tenantID { problems.append(.init("phaseId", "projects.task.phase_other_project")) }
        }
        if let milestoneID = task.milestoneID {
            let milestone = try await Milestone.find(milestoneID, on: db)
            if milestone == nil || milestone?.projectID != task.projectID || milestone?.tenantID != context.tenantID {
                problems.append(.init("milestoneId", "projects.task.milestone_other_project"))
            }
        }
        if let parentID = fields.parentID { task.parentID = parentID }
        if let parentID = task.parentID, fields.parentID != nil || task.projectID != projectBefore {
            if parentID == task.id { problems.append(.init("parentId", "projects.task.parent_itself")) } else {
                let parent = try await access.visible(parentID)
                if parent.projectID != task.projectID { problems.append(.init("parentId", "projects.task.parent_other_project")) }
                if parent.depth >= Self.maximumDepth { problems.append(.init("parentId", "projects.task.too_deep", params: ["max": String(Self.maximumDepth + 1)])) }
                // The parent may not be one of this task's own subtasks.
                var ancestor: ProjectTask? = parent
                while let current = ancestor, let next = current.parentID {
                    if next == task.id { problems.append(.init("parentId", "projects.task.parent_loop")); break }
                    ancestor = try await ProjectTask.find(next, on: db)
                }
                task.depth = parent.depth + 1
                if !creating, try await ProjectTask.query(on: db).filter(\.$parentID == task.requireID()).first() != nil, task.depth >= Self.maximumDepth {
                    problems.append(.init("parentId", "projects.task.too_deep", params: ["max": String(Self.maximumDepth + 1)]))
                }
            }
        } else if task.parentID == nil { task.depth = 0 }
        let assigneeBefore = task.assigneeID
        if let assigneeID = fields.assigneeID { task.assigneeID = assigneeID }
        var wanted: Set<UUID> = Set(fields.collaboratorIDs ?? [])
        if let assignee = task.assigneeID { wanted.insert(assignee) }
        let people = try await People.load(wanted, tenantID: context.tenantID, companyZone: context.actor.tenant.timeZone, db: db)
        if let assigneeID = task.assigneeID, people[assigneeID] == nil { problems.append(.init("assigneeId", "projects.task.unknown_employee")) }
        if let ids = fields.collaboratorIDs {
            for (index, id) in ids.enumerated() where people[id] == nil { problems.append(.init("collaboratorIds[\(index)]", "projects.task.unknown_employee")) }
            plan.collaborators = ids
        }
        if task.assigneeID != assigneeBefore || creating {
            let person = people[task.assigneeID]
            task.departmentID = person?.departmentID ?? (task.assigneeID == nil ? context.actor.departmentID : nil)
            task.timeZone = (person?.timeZone ?? context.actor.timeZone).identifier
        }
        if let customerID = fields.customerID { task.customerID = customerID }
        if let customerID = fields.customerID ?? nil {
            if try await PartnerDirectory(db: db).references([customerID], tenantID: context.tenantID)[customerID] == nil {
                problems.append(.init("customerId", "projects.task.unknown_customer"))
            }
        }
        if let orderID = fields.orderID { task.orderID = orderID }
        if let orderID = fields.orderID ?? nil, try await CustomerOrders(context: context).summaries([orderID])[orderID] == nil {
            problems.append(.init("orderId", "projects.task.unknown_order"))
        }
        if let approvalID = fields.approvalID { task.approvalID = approvalID }
        if let approvalID = fields.approvalID ?? nil, try await ApprovalReferences(context: context).titles([approvalID])[approvalID] == nil {
            problems.append(.init("approvalId", "projects.task.unknown_approval"))
        }
        let dueBefore = task.dueAt
        if let startsAt = fields.startsAt { task.startsAt = startsAt }
        if let dueAt = fields.dueAt { task.dueAt = dueAt }
        if let start = task.startsAt, let due = task.dueAt, due < start, !problems.contains(where: { $0.path == "dueAt" }) {
            problems.append(.init("dueAt", "projects.task.due_before_start"))
        }
        let zone = TimeZone(identifier: task.timeZone) ?? context.actor.timeZone
        task.startDay = task.startsAt.map { CalendarDay.string(for: $0, in: zone) }
        task.dueDay = task.dueAt.map { CalendarDay.string(for: $0, in: zone) }
        if task.dueAt != dueBefore {
            task.remindedAt = nil
            task.overdueNoticedAt = nil
        }
        if let rule = fields.recurrence {
            task.recurrence = rule.map { rule in
                Self.json(TaskRecurrence.anchored(rule, on: task.dueDay ?? task.startDay ?? context.today()))
            }
        }
        if let checklist = fields.checklist {
            plan.checklist = checklist
            task.checklistTotal = checklist.count
            task.checklistDone = checklist.filter(\.done).count
        }
        let categoryBefore = creating ? nil : task.statusCategory
        if let status = fields.status {
            let statuses = try await TaskStatuses.load(tenantID: context.tenantID, db: db, catalog: context.settings.catalog, language: context.language)
            if let category = statuses.category(of: status) {
                task.status = status
                task.statusCategory = category
            } else { problems.append(.init("status", "projects.task.unknown_status", params: ["status": status])) }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        if let dependsOn = fields.dependsOn {
            try await TaskDependencies.check(task: task, predecessors: dependsOn, access: access, db: db)
            plan.dependsOn = dependsOn
        }
        let closed = TaskCategory.closed
        plan.closes = !closed.contains(categoryBefore ?? "") && closed.contains(task.statusCategory)
        plan.reopens = closed.contains(categoryBefore ?? "") && !closed.contains(task.statusCategory)
        if plan.reopens { task.completedAt = nil }
        if project?.dependencyRule == "strict" {
            let startsWork = task.statusCategory == TaskCategory.inProgress || task.statusCategory == TaskCategory.done
            let predecessors: [UUID] = try await {
                if let ids = plan.dependsOn { return ids }
                return creating ? [] : try await TaskDependency.query(on: db).filter(\.$taskID == task.requireID()).all().map(\.predecessorID)
            }()
            if startsWork, categoryBefore != task.statusCategory || plan.dependsOn != nil, !predecessors.isEmpty {
                let open = try await ProjectTask.query(on: db).filter(\.$id ~~ predecessors).all()
                    .filter { $0.statusCategory != TaskCategory.done && $0.statusCategory != TaskCategory.cancelled }.map(\.title).sorted()
                if !open.isEmpty {
                    throw DomainError.invalid([.init("status", "projects.task.predecessor_open", params: ["titles": open.joined(separator: "、")])])
                }
            }
            if fields.startsAt != nil || fields.dueAt != nil || plan.dependsOn != nil {
                let problems = try await TaskDependencies.scheduleProblems(task: task, predecessors: predecessors, db: db)
                if !problems.isEmpty { throw DomainError.invalid(problems) }
            }
        }
        task.searchText = [task.title, (try? Self.decodeLabels(task.labels))?.joined(separator: " ") ?? ""].joined(separator: " ").lowercased()
        return plan
    }

    // MARK: - Writing

    /// What the audit entry compares.
    struct Snapshot: Sendable {
        let title: String, details: String?, projectID: UUID?, phaseID: UUID?, milestoneID: UUID?, parentID: UUID?, assigneeID: UUID?
        let startsAt: Date?, dueAt: Date?, priority: String, status: String, labels: String, estimated: Int?, customerID: UUID?
        let orderID: UUID?, approvalID: UUID?, remindMinutes: Int?, recurrence: String?, checklistDone: Int, checklistTotal: Int

        init(_ t: ProjectTask) {
            title = t.title; details = t.details; projectID = t.projectID; phaseID = t.phaseID; milestoneID = t.milestoneID; parentID = t.parentID
            assigneeID = t.assigneeID; startsAt = t.startsAt; dueAt = t.dueAt; priority = t.priority; status = t.status; labels = t.labels
            estimated = t.estimatedCentihours; customerID = t.customerID; orderID = t.orderID; approvalID = t.approvalID
            remindMinutes = t.remindMinutes; recurrence = t.recurrence; checklistDone = t.checklistDone; checklistTotal = t.checklistTotal
        }

        func changes(to t: ProjectTask) -> AuditChanges {
            var c = AuditChanges()
            func text(_ id: UUID?) -> String? { id?.uuidString }
            if title != t.title { c.set("title", title, t.title) }
            if details != t.details { c.set("description", details, t.details) }
            if projectID != t.projectID { c.set("project_id", text(projectID), text(t.projectID)) }
            if phaseID != t.phaseID { c.set("phase_id", text(phaseID), text(t.phaseID)) }
            if milestoneID != t.milestoneID { c.set("milestone_id", text(milestoneID), text(t.milestoneID)) }
            if parentID != t.parentID { c.set("parent_id", text(parentID), text(t.parentID)) }
            if assigneeID != t.assigneeID { c.set("assignee_id", text(assigneeID), text(t.assigneeID)) }
            if startsAt != t.startsAt { c.set("starts_at", startsAt.map(TaskService.instantText), t.startsAt.map(TaskService.instantText)) }
            if dueAt != t.dueAt { c.set("due_at", dueAt.map(TaskService.instantText), t.dueAt.map(TaskService.instantText)) }
            if priority != t.priority { c.set("priority", priority, t.priority) }
            if status != t.status { c.set("status", status, t.status) }
            if labels != t.labels { c.set("labels", labels, t.labels) }
            if estimated != t.estimatedCentihours { c.set("estimated_hours", estimated.map(Hours.text), t.estimatedCentihours.map(Hours.text)) }
            if customerID != t.customerID { c.set("customer_id", text(customerID), text(t.customerID)) }
            if orderID != t.orderID { c.set("order_id", text(orderID), text(t.orderID)) }
            if approvalID != t.approvalID { c.set("approval_id", text(approvalID), text(t.approvalID)) }
            if remindMinutes != t.remindMinutes { c.set("remind_minutes", remindMinutes.map(String.init), t.remindMinutes.map(String.init)) }
            if recurrence != t.recurrence { c.set("recurrence", recurrence, t.recurrence) }
            if checklistDone != t.checklistDone || checklistTotal != t.checklistTotal {
                c.set("checklist", "\(checklistDone)/\(checklistTotal)", "\(t.checklistDone)/\(t.checklistTotal)")
            }
            return c
        }
    }

    private func save(_ task: ProjectTask, before: Snapshot, plan: Plan, version: Int, action: String) async throws -> TaskDTO {
        var changes = before.changes(to: task)
        if let ids = plan.collaborators { changes.set("collaborators", nil, String(ids.count)) }
        if let ids = plan.dependsOn { changes.set("depends_on", nil, ids.map(\.uuidString).joined(separator: ",")) }
        if let lines = plan.checklist, before.checklistTotal == lines.count, before.checklistDone == lines.filter(\.done).count {
            changes.set("checklist", nil, "\(lines.filter(\.done).count)/\(lines.count)")
        }
        let id = try task.requireID()
        guard !changes.isEmpty else { return try await TaskRead(context: context).detail(id) }
        let context = self.context
        let now = context.now()
        if plan.closes { task.completedAt = now }
        task.updatedAt = now
        let finalChanges = changes
        try await context.write { db in
            let sql = db as! any SQLDatabase
            guard try await sql.update(ProjectTask.schema).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("tenant_id", .equal, context.tenantID).where("version", .equal, version).returning("id").first() != nil
            else { throw DomainError.staleVersion("task") }
            task.version = version + 1
            try await task.update(on: db)
            try await Self.replaceParts(plan, of: task, on: db)
            try await TaskReminders.schedule(task, application: context.application, on: db)
            var actionName = action
            if action == "move" { actionName = plan.closes ? (task.statusCategory == TaskCategory.done ? "complete" : "cancel") : (plan.reopens ? "reopen" : "move") }
            try await AuditLog.append(entity: ProjectsModule.taskEntity, entityID: id, action: actionName, changes: finalChanges, context: context.audit, on: db, now: now)
            try await Self.noticeAssignment(task, previous: before.assigneeID, context: context, on: db)
            if plan.closes { try await TaskOccurrences.makeNext(after: task, context: context, on: db) }
        }
        return try await TaskRead(context: context).detail(id)
    }

    /// Replaces the collaborators, checklist and dependencies sent.
    static func replaceParts(_ plan: Plan, of task: ProjectTask, on db: any Database) async throws {
        let id = try task.requireID()
        if let ids = plan.collaborators {
            try await TaskCollaborator.query(on: db).filter(\.$taskID == id).delete()
            for employeeID in ids {
                let row = TaskCollaborator()
                row.tenantID = task.tenantID
                row.taskID = id
                row.employeeID = employeeID
                try await row.create(on: db)
            }
        }
        if let lines = plan.checklist {
            try await TaskChecklistItem.query(on: db).filter(\.$taskID == id).delete()
            for (index, line) in lines.enumerated() {
                let row = TaskChecklistItem()
                row.id = line.id ?? UUID()
                row.tenantID = task.tenantID
                row.taskID = id
                row.position = index + 1
                row.text = line.text
                row.done = line.done
                try await row.create(on: db)
            }
        }
        if let ids = plan.dependsOn {
            try await TaskDependency.query(on: db).filter(\.$taskID == id).delete()
            for predecessorID in ids {
                let row = TaskDependency()
                row.tenantID = task.tenantID
                row.taskID = id
                row.predecessorID = predecessorID
                try await row.create(on: db)
            }
        }
    }

    /// Tells a new assignee (not the one acting) that the task is theirs.
    static func noticeAssignment(_ task: ProjectTask, previous: UUID?, context: ServiceContext, on db: any Database) async throws {
        guard let assigneeID = task.assigneeID, assigneeID != previous, assigneeID != context.actor.employeeID,
              let userID = try await EmployeeDirectory(db: db).find(assigneeID, tenantID: task.tenantID)?.userID
        else { return }
        try await context.application.notificationCentre.send(
            NotificationMessage(kind: "task.assigned", code: "projects.task.assigned", params: ["title": task.title, "by": context.actor.name],
                                link: "/tasks/\(try task.requireID().uuidString)", entity: ProjectsModule.taskEntity, entityID: task.id),
            to: [userID], tenantID: task.tenantID, on: db)
    }

    static func instantText(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    static func decodeLabels(_ text: String) throws -> [String] { try JSONDecoder().decode([String].self, from: Data(text.utf8)) }
}
