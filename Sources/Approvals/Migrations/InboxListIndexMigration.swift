import Fluent
import SQLKit

/// `approvals.0010_inbox_list_indexes`: a page of "my requests" (我发起的), newest first, reads
/// `approval_instances_requester_list` in the list's order (`submitted_at, id`, backwards) with
/// no sort of the requester's instances (issue 9: a page costs the page). The other boxes start
/// from the reader's tasks (`approval_tasks_inbox`). Replaces `approval_instances_requester`, a
/// prefix of the new one.
struct IndexApprovalInboxList: AsyncMigration {
    var name: String { "approvals.0010_inbox_list_indexes" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX approval_instances_requester_list ON approval_instances (tenant_id, requester_id, submitted_at, id)").run()
        try await sql.raw("DROP INDEX approval_instances_requester").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX approval_instances_requester ON approval_instances (tenant_id, requester_id, submitted_at)").run()
        try await sql.raw("DROP INDEX approval_instances_requester_list").run()
    }
}
