import Fluent
import Foundation
import Platform
import SQLKit

/// Advances and the approval gate (subject `expenses.advance`): approved, an advance waits for
/// finance to pay it; rejected or withdrawn, it ends in that state (asking again is a new
/// advance: nothing was paid and there is nothing to edit but the amount and purpose). Until
/// the company designs a flow, an advance goes to the requester's direct manager, as claims do
/// (DingTalk's built-in 借款 approval).
struct AdvanceApproval: ApprovalOutcomeHandler {
    static let subject = "expenses.advance"
    var subject: String { Self.subject }
    var defaultFlow: DefaultApprovalFlow { .directManager(name: .init(en: "Advances", zhCN: "借款")) }

    func approved(documentID: UUID, context: AuditContext, on db: any Database) async throws {
        try await move(documentID, to: .approved, action: "approve", context: context, on: db)
    }

    func returnedToDraft(documentID: UUID, reason: String, context: AuditContext, on db: any Database) async throws {
        try await move(documentID, to: reason == "withdrawn" ? .withdrawn : .rejected, action: reason, context: context, on: db)
    }

    private func move(_ id: UUID, to state: AdvanceState, action: String, context: AuditContext, on db: any Database) async throws {
        let row = try await (db as! any SQLDatabase).update(ExpenseAdvance.schema)
            .set("state", to: state.rawValue).set("updated_at", to: Date()).set(SQLColumn("version"), to: SQLRaw("version + 1"))
            .where("id", .equal, id).where("tenant_id", .equal, context.tenantID).where("state", .equal, AdvanceState.pending.rawValue)
            .returning("id").first()
        guard row != nil else { return }
        var changes = AuditChanges()
        changes.set("state", AdvanceState.pending.rawValue, state.rawValue)
        try await AuditLog.append(entity: ExpensesModule.advanceEntity, entityID: id, action: action, changes: changes, context: context, on: db)
        try await Revisions.bump(ExpensesModule.revisionKey, tenantID: context.tenantID, on: db)
    }
}
