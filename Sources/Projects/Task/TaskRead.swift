import AfieldAPI
import Approvals
import Fluent
import Foundation
import Partners
import Platform
import Sales

/// Tasks as the API shows them, for a caller who may see them.
struct TaskRead: Sendable {
    let context: ServiceContext

    /// - Throws: 404 `not_found` (`task`) for a task the caller cannot see.
    func detail(_ id: UUID) async throws -> TaskDTO {
        let task = try await TaskAccess(context: context).visible(id)
        let db = context.database
        let collaborators = try await TaskCollaborator.query(on: db).filter(\.$taskID == id).all().map(\.employeeID)
        let checklist = try await TaskChecklistItem.query(on: db).filter(\.$taskID == id).sort(\.$position).all()
        let subtasks = try await ProjectTask.query(on: db).filter(\.$parentID == id).sort(\.$dueDay).sort(\.$title).all()
        let predecessorIDs = try await TaskDependency.query(on: db).filter(\.$taskID == id).all().map(\.predecessorID)
        let successorIDs = try await TaskDependency.query(on: db).filter(\.$predecessorID == id).all().map(\.taskID)
        let linked = try await ProjectTask.query(on: db).filter(\.$id ~~ (predecessorIDs + successorIDs + [task.parentID].compactMap { $0 })).all()
        let byID = Dictionary(uniqueKeysWithValues: linked.compactMap { row in row.id.map { ($0, row) } })
        var employees = Set(collaborators + [task.assigneeID, task.creatorID].compactMap { $0 })
        for row in linked + subtasks { if let a = row.assigneeID { employees.insert(a) } }
        let names = try await EmployeeDirectory(db: db).names(employees, tenantID: context.tenantID)
        let statuses = try await TaskStatuses.load(tenantID: context.tenantID, db: db, catalog: context.settings.catalog, language: context.language)
        func ref(_ row: ProjectTask) -> TaskRefDTO {
            TaskRefDTO(id: row.id!, title: row.title, status: row.status, statusCategory: statuses.anyCategory(of: row.status), dueOn: row.dueDay,
                       assigneeName: row.assigneeID.flatMap { names[$0] })
        }
        let project = try await task.projectID.asyncMap { try await Project.find($0, on: db) } ?? nil
        let customerName = try await task.customerID.asyncMap { id in
            try await PartnerDirectory(db: db).references([id], tenantID: context.tenantID)[id]?.name
        } ?? nil
        // Shown only to a reader who may open the linked document (its number or title says what it is).
        let orderNumber = try await task.orderID.asyncMap { id in try await CustomerOrders(context: context).summaries([id])[id]?.number } ?? nil
        let approvalTitle = try await task.approvalID.asyncMap { id in try await ApprovalReferences(context: context).titles([id])[id] } ?? nil
        let recurrence = task.recurrence.flatMap { try? JSONDecoder().decode(TaskRecurrenceDTO.self, from: Data($0.utf8)) }
        return TaskDTO(
            id: id, title: task.title, description: task.details, projectId: task.projectID, projectName: project?.name, phaseId: task.phaseID,
            milestoneId: task.milestoneID, parentId: task.parentID, parentTitle: task.parentID.flatMap { byID[$0]?.title },
            assigneeId: task.assigneeID, assigneeName: task.assigneeID.flatMap { names[$0] },
            collaborators: collaborators.compactMap { id in names[id].map { PersonRef(id: id, name: $0) } },
            creatorName: task.creatorID.flatMap { names[$0] }, startsAt: task.startsAt, dueAt: task.dueAt, startOn: task.startDay, dueOn: task.dueDay,
            timeZone: task.timeZone, priority: task.priority, status: task.status, statusCategory: task.statusCategory,
            labels: (try? TaskService.decodeLabels(task.labels)) ?? [],
            checklist: checklist.map { TaskChecklistItemDTO(id: $0.id!, text: $0.text, done: $0.done) }, subtasks: subtasks.map(ref),
            dependsOn: predecessorIDs.compactMap { byID[$0] }.map(ref).sorted { $0.title < $1.title },
            blocking: successorIDs.compactMap { byID[$0] }.map(ref).sorted { $0.title < $1.title },
            estimatedHours: task.estimatedCentihours.map(Hours.text), spentHours: Hours.text(task.spentCentihours), customerId: task.customerID,
            customerName: customerName, orderId: task.orderID, approvalId: task.approvalID, remindBeforeMinutes: task.remindMinutes,
            recurrence: recurrence, completedAt: task.completedAt, overdue: Self.overdue(task, now: context.now()), createdAt: task.createdAt,
            updatedAt: task.updatedAt, version: task.version, orderNumber: orderNumber, approvalTitle: approvalTitle)
    }

    static func overdue(_ task: ProjectTask, now: Date) -> Bool {
        guard let due = task.dueAt else { return false }
        return task.isOpen && due < now
    }

    /// Cards of `tasks`, in their order.
    static func cards(_ tasks: [ProjectTask], tenantID: UUID, now: Date, db: any Database) async throws -> [TaskCardDTO] {
        let projectIDs = Set(tasks.compactMap(\.projectID))
        let projects = projectIDs.isEmpty ? [] : try await Project.query(on: db).filter(\.$id ~~ Array(projectIDs)).all()
        let projectNames = Dictionary(uniqueKeysWithValues: projects.compactMap { p in p.id.map { ($0, p.name) } })
        let names = try await EmployeeDirectory(db: db).names(Set(tasks.compactMap(\.assigneeID)), tenantID: tenantID)
        return tasks.map { task in
            TaskCardDTO(id: task.id!, title: task.title, projectId: task.projectID, projectName: task.projectID.flatMap { projectNames[$0] },
                        assigneeId: task.assigneeID, assigneeName: task.assigneeID.flatMap { names[$0] }, dueAt: task.dueAt, dueOn: task.dueDay,
                        priority: task.priority, status: task.status, statusCategory: task.statusCategory,
                        labels: (try? TaskService.decodeLabels(task.labels)) ?? [], checklistDone: task.checklistDone, checklistTotal: task.checklistTotal,
                        estimatedHours: task.estimatedCentihours.map(Hours.text), spentHours: Hours.text(task.spentCentihours),
                        overdue: overdue(task, now: now), version: task.version)
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
