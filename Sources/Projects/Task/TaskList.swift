import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// `projects.tasks` on the shared list mechanism (DESIGN §1): the tasks the caller may see
/// (``TaskAccess``), soonest due first; `q` searches titles and labels; `mine` narrows to tasks
/// assigned to, created by or followed by the caller; bulk assign, move and close.
enum TaskList {
    private struct Row: Decodable { let id: UUID }

    static let definition = ListDefinition<TaskCardDTO>(
        key: "projects.tasks", table: ProjectTask.schema, fileName: "tasks",
        columns: [
            ListColumn("title", header: "projects.list.title", kind: .text, expression: "proj_tasks.title") { .text($0.title) },
            ListColumn("projectName", header: "projects.list.project", kind: .reference, filterExpression: "proj_tasks.project_id",
                       parameterNames: ["project"]) { .of($0.projectName) },
            ListColumn("assigneeName", header: "projects.list.assignee", kind: .reference, filterExpression: "proj_tasks.assignee_id",
                       parameterNames: ["assignee"]) { .of($0.assigneeName) },
            ListColumn("dueOn", header: "projects.list.due_on", kind: .day, expression: "proj_tasks.due_day") { $0.dueOn.map(ListCell.day) ?? .empty },
            ListColumn("priority", header: "projects.list.priority", kind: .enumeration, expression: "proj_tasks.priority", values: TaskStatuses.priorities,
                       valueLabels: "projects.task.priority.") { .text($0.priority) },
            ListColumn("status", header: "projects.list.status", kind: .text, expression: "proj_tasks.status", filterable: false) { .text($0.status) },
            ListColumn("statusCategory", header: "projects.list.status_category", kind: .enumeration, expression: "proj_tasks.status_category",
                       values: TaskCategory.all, valueLabels: "projects.task.category.") { .text($0.statusCategory) },
            ListColumn("estimatedHours", header: "projects.list.estimated_hours", kind: .number, expression: "proj_tasks.estimated_ch", scale: 2) {
                $0.estimatedHours.map(ListCell.number) ?? .empty
            },
            ListColumn("spentHours", header: "projects.list.spent_hours", kind: .number, expression: "proj_tasks.spent_ch", scale: 2) { .number($0.spentHours) },
        ],
        defaultColumns: ["title", "projectName", "assigneeName", "dueOn", "priority", "status"],
        defaultSort: [ListSort("dueOn")],
        scope: ListScopeRule(resource: ProjectsModule.projectResource, employee: "assignee_id", createdBy: "created_by", alsoVisible: { table, scope in
            guard let condition = TaskAccess.condition(alias: table, scope: scope) else { return nil }
            return condition
        }),
        conditions: [],
        extraFilters: [
            .search(),
            ListExtraFilter(.text("status"), condition: { value, table in
                value.map { "\(ident: table).status = \(bind: $0)" }
            }),
            ListExtraFilter(.text("label"), condition: { value, table in
                value.map { label in "\(ident: table).labels LIKE \(bind: "%" + TaskService.json(label).replacingOccurrences(of: "%", with: "") + "%")" }
            }),
            // By the reader's day and the application's clock: overdue (due before now, open), today,
            // the rest of this ISO week from today, or no due time.
            ListExtraFilter(.oneOf("due", ["overdue", "today", "week", "none"]), readerCondition: { value, table in
                guard let value else { return nil }
                guard ["overdue", "today", "week", "none"].contains(value) else { throw DomainError.invalid([.init("due", "request.invalid_value")]) }
                return { reader in
                    let now = reader.settings?.clock.now() ?? Date()
                    let today = CalendarDay.string(for: now, in: reader.timeZone)
                    let sunday = CalendarDay.adding(7 - (TaskRecurrence.isoWeekday(today) ?? 7), to: today) ?? today
                    switch value {
                    case "overdue": return "\(ident: table).due_at < \(bind: now) AND \(ident: table).status_category IN ('not_started', 'in_progress')"
                    case "today": return "\(ident: table).due_day = \(bind: today)"
                    case "week": return "\(ident: table).due_day >= \(bind: today) AND \(ident: table).due_day <= \(bind: sunday)"
                    default: return "\(ident: table).due_at IS NULL"
                    }
                }
            }),
            ListExtraFilter(.oneOf("mine", ["assigned", "created", "following"]), readerCondition: { value, table in
                guard let value else { return nil }
                guard ["assigned", "created", "following"].contains(value) else { throw DomainError.invalid([.init("mine", "request.invalid_value")]) }
                return { reader in
                    let employee = reader.actor?.employeeID ?? UUID()
                    switch value {
                    case "assigned": return "\(ident: table).assignee_id = \(bind: employee)"
                    case "created": return "\(ident: table).created_by = \(bind: reader.userID)"
                    default: return "EXISTS (SELECT 1 FROM proj_task_collaborators mc WHERE mc.task_id = \(ident: table).id AND mc.employee_id = \(bind: employee))"
                    }
                }
            }),
        ],
        bulkActions: [assign, move, close],
        select: { $0.column(SQLColumn("id", table: ProjectTask.schema)) },
        decode: { row in
            let r = try row.decode(model: Row.self, keyDecodingStrategy: .useDefaultKeys)
            return TaskCardDTO(id: r.id, title: "", projectId: nil, projectName: nil, assigneeId: nil, assigneeName: nil, dueAt: nil, dueOn: nil,
                               priority: "", status: "", statusCategory: "", labels: [], checklistDone: 0, checklistTotal: 0, estimatedHours: nil,
                               spentHours: "", overdue: false, version: 0)
        },
        finish: { items, context in
            let rows = try await ProjectTask.query(on: context.db).filter(\.$id ~~ items.map(\.id)).all()
            let cards = try await TaskRead.cards(rows, tenantID: context.tenantID, now: context.settings?.clock.now() ?? Date(), db: context.db)
            let byID = Dictionary(uniqueKeysWithValues: cards.map { ($0.id, $0) })
            return items.compactMap { byID[$0.id] }
        })

    static let assign = ListBulkAction("assign", label: "projects.bulk.assign", permission: ProjectsModule.work, valueKind: "reference") { context, id, value in
        let task = try await TaskAccess(context: context).editable(id)
        _ = try await TaskService(context: context).update(id, TaskInput(version: task.version, assigneeId: value.flatMap(UUID.init(uuidString:))))
    }
    static let move = ListBulkAction("move", label: "projects.bulk.move", permission: ProjectsModule.work, valueKind: "text") { context, id, value in
        _ = try await TaskService(context: context).move(id, TaskMoveInput(status: value))
    }
    static let close = ListBulkAction("close", label: "projects.bulk.close", permission: ProjectsModule.work) { context, id, _ in
        _ = try await TaskService(context: context).move(id, TaskMoveInput(status: TaskCategory.done))
    }
}
