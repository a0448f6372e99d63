import AfieldAPI
import Foundation
import Platform
import SQLKit

extension ApprovalInstance {
    /// Global search over the approval requests the caller takes part in (as requester or with a
    /// task of any kind: approver, copied, added signer) by title, number or requester, newest
    /// number first; holders of `approvals.instance.read_all` search them all.
    static var searchProvider: SearchProvider {
        SearchProvider(kind: "approvals.instance", permission: ApprovalsModule.inboxRead,
                       morePath: { "/approvals?box=mine&q=\($0)" }) { context in
            let table = ApprovalInstance.schema
            let matches = ["title", "number", "requester_name"].map { SQLContains.lowered(table: table, column: $0, text: context.text.lowered) }
            var conditions: [SQLQueryString] = []
            if !context.actor.holds(ApprovalsModule.instanceReadAll) {
                let user = context.actor.userID
                conditions.append("""
                    (\(ident: table).requester_id = \(bind: user) OR \(ident: table).id IN (SELECT instance_id FROM approval_tasks
                     WHERE tenant_id = \(bind: context.actor.tenantID) AND assignee_id = \(bind: user)))
                    """)
            }
            let rows = try await SearchQuery.rows(context, table: table, columns: ["id", "number", "title", "requester_name", "state"],
                                                  matches: matches, conditions: conditions, rankColumn: "title")
            return try rows.map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                let subtitle = [try row.decode(column: "number", as: String.self), try row.decode(column: "requester_name", as: String.self),
                                context.message("approvals.state.\(try row.decode(column: "state", as: String.self))")].joined(separator: " · ")
                return SearchHit(kind: "approvals.instance", id: id, title: try row.decode(column: "title", as: String.self), subtitle: subtitle,
                                 path: "/approvals/\(id.uuidString.lowercased())")
            }
        }
    }
}

/// What approvals puts on the home workbench: requests waiting for the caller's decision
/// (待我审批), oldest first, and the "new request" shortcut.
enum ApprovalsWorkbench {
    static var todos: [WorkbenchTodo] {
        [WorkbenchTodo(id: "approvals.waiting", permission: ApprovalsModule.inboxRead, path: "/approvals?box=todo") { context in
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
