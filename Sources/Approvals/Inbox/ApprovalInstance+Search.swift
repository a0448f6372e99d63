import AfieldAPI
import Foundation
import Platform
import SQLKit

extension ApprovalInstance {
    /// Global search over the approval requests the caller takes part in (as requester or with a
    /// task of any kind: approver, copied, added signer) by title, number or requester, newest
    /// number first; holders of `approvals.instance.read_all` search them all.
    static var searchProvider: SearchProvider {
        SearchProvider(kind: "approvals.instance", permission: ApprovalsModule.inboxRead, priority: 60,
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
