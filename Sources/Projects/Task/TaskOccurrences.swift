import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// The next occurrence of a repeating task, made when the current one is closed (done or
/// cancelled), like Todoist's and DingTalk's repeating to-dos: one open occurrence at a time.
enum TaskOccurrences {
    /// Makes the next occurrence of `task` (inside the closing transaction), once: a task that
    /// already made one (`next_occurrence_id`) makes none.
    static func makeNext(after task: ProjectTask, context: ServiceContext, on db: any Database) async throws {
        guard let text = task.recurrence, task.nextOccurrenceID == nil,
              let rule = try? JSONDecoder().decode(TaskRecurrenceDTO.self, from: Data(text.utf8)) else { return }
        let zone = TimeZone(identifier: task.timeZone) ?? context.actor.timeZone
        let anchor = task.dueDay ?? task.startDay ?? context.today()
        guard let nextDay = TaskRecurrence.next(after: anchor, rule: rule), let shift = CalendarDay.days(from: anchor, to: nextDay) else { return }
        let next = ProjectTask()
        next.id = UUID()
        for keyPath in [\ProjectTask.projectID, \.phaseID, \.milestoneID, \.parentID, \.assigneeID, \.departmentID, \.creatorID, \.customerID, \.orderID, \.approvalID] {
            next[keyPath: keyPath] = task[keyPath: keyPath]
        }
        next.tenantID = task.tenantID
        next.depth = task.depth
        next.title = task.title
        next.details = task.details
        next.createdBy = task.createdBy
        next.timeZone = task.timeZone
        next.priority = task.priority
        next.status = TaskCategory.notStarted
        next.statusCategory = TaskCategory.notStarted
        next.labels = task.labels
        next.estimatedCentihours = task.estimatedCentihours
        next.spentCentihours = 0
        next.remindMinutes = task.remindMinutes
        next.recurrence = task.recurrence
        next.startsAt = task.startsAt.map { TaskRecurrence.moved($0, byDays: shift, in: zone) }
        next.dueAt = task.dueAt.map { TaskRecurrence.moved($0, byDays: shift, in: zone) }
        if next.startsAt == nil, next.dueAt == nil {
            // A repeating task without times repeats on days: its next due is the end of the next day.
            next.dueAt = nil
        }
        next.startDay = next.startsAt.map { CalendarDay.string(for: $0, in: zone) }
        next.dueDay = next.dueAt.map { CalendarDay.string(for: $0, in: zone) }
        let items = try await TaskChecklistItem.query(on: db).filter(\.$taskID == task.requireID()).sort(\.$position).all()
        next.checklistTotal = items.count
        next.checklistDone = 0
        next.searchText = task.searchText
        next.version = 1
        let now = context.now()
        next.createdAt = now
        next.updatedAt = now
        try await next.create(on: db)
        let nextID = try next.requireID()
        for item in items {
            let copy = TaskChecklistItem()
            copy.tenantID = item.tenantID
            copy.taskID = nextID
            copy.position = item.position
            copy.text = item.text
            copy.done = false
            try await copy.create(on: db)
        }
        for collaborator in try await TaskCollaborator.query(on: db).filter(\.$taskID == task.requireID()).all() {
            let copy = TaskCollaborator()
            copy.tenantID = collaborator.tenantID
            copy.taskID = nextID
            copy.employeeID = collaborator.employeeID
            try await copy.create(on: db)
        }
        try await (db as! any SQLDatabase).update(ProjectTask.schema).set("next_occurrence_id", to: nextID).where("id", .equal, task.requireID()).run()
        task.nextOccurrenceID = nextID
        try await TaskReminders.schedule(next, application: context.application, on: db)
        var changes = AuditChanges()
        changes.created([("title", next.title), ("repeats", task.id?.uuidString), ("due_at", next.dueAt.map(TaskService.instantText))])
        try await AuditLog.append(entity: ProjectsModule.taskEntity, entityID: nextID, action: "repeat", changes: changes, context: context.audit, on: db, now: now)
    }
}
