import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// The four inbox boxes of one user (DingTalk's 待我审批 / 我已审批 / 我发起的 / 抄送我的): their
/// conditions (the inbox list, ``InboxList``) and their counts.
///
/// Boxes are subqueries on the user's tasks, not lists of ids: a busy approver's "done" box
/// holds tens of thousands of instances (more than SQLite binds in one statement).
struct InboxQuery {
    let db: any Database
    let tenantID: UUID
    let viewer: UUID

    static let decidedStates = [ApprovalTaskState.approved, .rejected, .returned, .transferred].map(\.rawValue)

    /// The condition on the viewer's tasks that puts an instance in `box` (nil for `mine`).
    private static func taskCondition(box: String) -> SQLQueryString? {
        switch box {
        case "todo": "state = \(bind: ApprovalTaskState.open.rawValue)"
        case "done": "state IN (\(binds: Self.decidedStates))"
        case "cc": "kind = \(bind: FlowNodeType.cc.rawValue)"
        default: nil
        }
    }

    /// The condition on `table` (the instances) that keeps those in the viewer's `box`: `todo`
    /// (their open tasks, pending instances), `done` (tasks they decided), `cc` (copies to them),
    /// `mine` (any other value: their own requests).
    static func boxCondition(_ box: String, tenantID: UUID, viewer: UUID, table: String) -> SQLQueryString {
        guard let condition = taskCondition(box: box) else {
            return "\(ident: table).\(ident: "requester_id") = \(bind: viewer)"
        }
        let tasks: SQLQueryString = """
            \(ident: table).\(ident: "id") IN (SELECT instance_id FROM approval_tasks
            WHERE tenant_id = \(bind: tenantID) AND assignee_id = \(bind: viewer) AND \(condition))
            """
        guard box == "todo" else { return tasks }
        return "\(tasks) AND \(ident: table).\(ident: "state") = \(bind: ApprovalState.pending.rawValue)"
    }

    func counts() async throws -> ApprovalInboxCounts {
        guard let sql = db as? any SQLDatabase else { throw DomainError(status: 500, code: "internal") }
        func tasks(_ condition: SQLQueryString, distinct: Bool) async throws -> Int {
            let row = try await sql.raw("""
                SELECT COUNT(\(unsafeRaw: distinct ? "DISTINCT instance_id" : "*")) AS n FROM approval_tasks
                WHERE tenant_id = \(bind: tenantID) AND assignee_id = \(bind: viewer) AND \(condition)
                """).first()
            return try row?.decode(column: "n", as: Int.self) ?? 0
        }
        let todo = try await tasks("state = \(bind: ApprovalTaskState.open.rawValue)", distinct: false)
        let done = try await tasks("state IN (\(binds: Self.decidedStates))", distinct: true)
        let cc = try await tasks("state = \(bind: ApprovalTaskState.unread.rawValue)", distinct: false)
        let mine = try await ApprovalInstance.query(on: db).filter(\.$tenantID == tenantID).filter(\.$requesterID == viewer).count()
        return ApprovalInboxCounts(todo: todo, done: done, mine: mine, ccUnread: cc)
    }
}
