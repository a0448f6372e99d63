import AfieldAPI
import Foundation
import Platform
import SQLKit

/// What approvals puts on the home workbench: requests waiting for the caller's decision
/// (待我审批), oldest first, and the "new request" shortcut.
enum ApprovalsWorkbench {
    static var todos: [WorkbenchTodo] {
        [WorkbenchTodo(id: "approvals.waiting", permission: ApprovalsModule.inboxRead, priority: 0, path: "/approvals?box=todo") { context in
            guard let sql = context.db as? any SQLDatabase else { return (0, []) }
            let waiting: SQLQueryString = """
                FROM approval_instances i JOIN approval_tasks t ON t.instance_id = i.id
                WHERE t.tenant_id = \(bind: context.actor.tenantID) AND t.assignee_id = \(bind: context.actor.userID)
                  AND t.state = \(bind: ApprovalTaskState.open.rawValue) AND i.state = \(bind: ApprovalState.pending.rawValue)
                """
            let count = try await sql.raw("SELECT COUNT(DISTINCT i.id) AS n " + waiting).first()?.decode(column: "n", as: Int.self) ?? 0
            guard count > 0 else { return (0, []) }
            let rows = try await sql.raw("""
                SELECT DISTINCT i.id, i.title, i.requester_name, i.submitted_at \(waiting)
                ORDER BY i.submitted_at ASC, i.id LIMIT \(literal: WorkbenchContext.itemLimit)
                """).all()
            let items = try rows.map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                let submitted = try row.decode(column: "submitted_at", as: Date.self)
                return WorkbenchItemDTO(id: id, title: try row.decode(column: "title", as: String.self),
                                        subtitle: try row.decode(column: "requester_name", as: String.self),
                                        day: CalendarDay.string(for: submitted, in: context.actor.timeZone),
                                        path: "/approvals/\(id.uuidString.lowercased())")
            }
            return (count, items)
        }]
    }

    static var shortcuts: [WorkbenchShortcut] {
        [WorkbenchShortcut(id: "approvals.request.new", permission: ApprovalsModule.inboxAct, icon: "approvals", path: "/approvals?compose=1",
                           auditEntity: ApprovalsModule.auditEntity)]
    }
}
