import Fluent
import Foundation
import Platform
import SQLKit

/// Contracts and the approval gate (subject `crm.contract`): approved, a pending contract
/// becomes active; rejected or withdrawn, it returns to draft to be edited and submitted again.
/// Until the company designs a flow, a contract goes to the requester's direct manager, as
/// DingTalk's built-in 合同审批 does.
struct ContractApproval: ApprovalOutcomeHandler {
    static let subject = "crm.contract"
    var subject: String { Self.subject }
    var defaultFlow: DefaultApprovalFlow { .directManager(name: .init(en: "Contracts", zhCN: "合同审批")) }

    func approved(documentID: UUID, context: AuditContext, on db: any Database) async throws {
        try await Self.move(documentID, from: "pending", to: "active", action: "approve", context: context, on: db)
    }

    func returnedToDraft(documentID: UUID, reason: String, context: AuditContext, on db: any Database) async throws {
        try await Self.move(documentID, from: "pending", to: "draft", action: reason == "withdrawn" ? "withdraw" : "reject", context: context, on: db)
    }

    /// Moves the contract from `from` to `to` if it is still there (the engine may call twice on
    /// a retry; the second call finds nothing to do).
    static func move(_ id: UUID, from: String, to: String, action: String, context: AuditContext, on db: any Database) async throws {
        let now = Date()
        let row = try await (db as! any SQLDatabase).update(Contract.schema)
            .set("state", to: to).set("updated_at", to: now).set(SQLColumn("version"), to: SQLRaw("version + 1"))
            .where("id", .equal, id).where("tenant_id", .equal, context.tenantID).where("state", .equal, from)
            .returning("id").first()
        guard row != nil else { return }
        var changes = AuditChanges()
        changes.set("state", from, to)
        try await AuditLog.append(entity: CRMModule.contractEntity, entityID: id, action: action, changes: changes, context: context, on: db, now: now)
    }
}
