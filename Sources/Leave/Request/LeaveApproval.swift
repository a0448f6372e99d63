import Fluent
import Foundation
import Platform
import SQLKit

/// Leave requests and the approval gate: approved, the days are taken from the balance (a
/// `taken` ledger entry); rejected or withdrawn, the request closes in that state (a new request
/// is filed rather than the old one edited, as in DingTalk).
struct LeaveApproval: ApprovalOutcomeHandler {
    static let subject = "leave.request"
    var subject: String { Self.subject }
    /// Before the company designs a flow: the requester's direct manager (DingTalk's default).
    var defaultFlow: DefaultApprovalFlow { .directManager(name: .init(en: "Leave requests", zhCN: "请假")) }

    func approved(documentID: UUID, context: AuditContext, on db: any Database) async throws {
        guard let request = try await move(documentID, to: .approved, action: "approve", context: context, on: db) else { return }
        let tracks = try await LeaveType.query(on: db).filter(\.$tenantID == request.tenantID).filter(\.$key == request.typeKey).first()?.tracksBalance ?? false
        guard tracks else { return }
        try await LeaveLedgerEntry(tenantID: request.tenantID, employeeID: request.employeeID, typeKey: request.typeKey, kind: "taken", amount: -request.amount,
                                   date: request.startDate, expiresOn: nil, dedupeKey: "taken:\(documentID)", requestID: documentID, by: context.actorID,
                                   at: Date()).create(on: db)
    }

    func returnedToDraft(documentID: UUID, reason: String, context: AuditContext, on db: any Database) async throws {
        _ = try await move(documentID, to: reason == "withdrawn" ? .withdrawn : .rejected, action: reason, context: context, on: db)
    }

    /// Moves a pending request; nil when it was not pending (already decided or cancelled).
    private func move(_ id: UUID, to state: LeaveState, action: String, context: AuditContext, on db: any Database) async throws -> LeaveRequest? {
        let row = try await (db as! any SQLDatabase).update(LeaveRequest.schema)
            .set("state", to: state.rawValue).set("updated_at", to: Date()).set(SQLColumn("version"), to: SQLRaw("version + 1"))
            .where("id", .equal, id).where("tenant_id", .equal, context.tenantID).where("state", .equal, LeaveState.pending.rawValue)
            .returning("id").first()
        guard row != nil, let request = try await LeaveRequest.query(on: db).filter(\.$id == id).first() else { return nil }
        var changes = AuditChanges()
        changes.set("state", LeaveState.pending.rawValue, state.rawValue)
        try await AuditLog.append(entity: LeaveModule.requestEntity, entityID: id, action: action, changes: changes, context: context, on: db)
        try await Revisions.bump(LeaveModule.revisionKey, tenantID: context.tenantID, on: db)
        return request
    }
}
