import Fluent
import Foundation
import Platform
import SQLKit

/// Expense claims and the approval gate: before a claim is approved its budgets are checked
/// again against approved and paid claims (case E-01) — a `stop` budget exceeded meanwhile
/// makes the approval fail with the reason, and the claim stays pending; rejected or withdrawn,
/// the claim returns to draft.
struct ClaimApproval: ApprovalOutcomeHandler {
    static let subject = "expenses.claim"
    var subject: String { Self.subject }
    /// Before the company designs a flow: the requester's direct manager (DingTalk's default).
    var defaultFlow: DefaultApprovalFlow { .directManager(name: .init(en: "Expense claims", zhCN: "报销")) }

    func approved(documentID: UUID, context: AuditContext, on db: any Database) async throws {
        guard let claim = try await ExpenseClaim.query(on: db).filter(\.$id == documentID).filter(\.$tenantID == context.tenantID).first(),
              claim.state == ClaimState.pending.rawValue else { return }
        let lines = try await ExpenseLine.query(on: db).filter(\.$claimID == documentID).all()
        let findings = try await BudgetCheck.evaluate(departmentID: claim.departmentID, lines: lines.map { ($0.categoryID, $0.date, $0.amount) },
                                                      excluding: documentID, counting: ClaimState.holdingOnApproval, tenantID: claim.tenantID, on: db)
        if let over = findings.first(where: { $0.over && $0.budget.action == "stop" }) {
            let exponent = Currency(code: claim.currency)?.exponent ?? 2
            throw try await ExpenseClaimService.overBudget(over, exponent: exponent, language: .en, on: db)
        }
        try await move(claim, to: .approved, action: "approve", context: context, on: db)
    }

    func returnedToDraft(documentID: UUID, reason: String, context: AuditContext, on db: any Database) async throws {
        guard let claim = try await ExpenseClaim.query(on: db).filter(\.$id == documentID).filter(\.$tenantID == context.tenantID).first(),
              claim.state == ClaimState.pending.rawValue else { return }
        try await move(claim, to: .draft, action: reason, context: context, on: db)
    }

    private func move(_ claim: ExpenseClaim, to state: ClaimState, action: String, context: AuditContext, on db: any Database) async throws {
        let row = try await (db as! any SQLDatabase).update(ExpenseClaim.schema)
            .set("state", to: state.rawValue).set("updated_at", to: Date()).set(SQLColumn("version"), to: SQLRaw("version + 1"))
            .where("id", .equal, claim.id!).where("state", .equal, ClaimState.pending.rawValue).returning("id").first()
        guard row != nil else { return }
        var changes = AuditChanges()
        changes.set("state", ClaimState.pending.rawValue, state.rawValue)
        try await AuditLog.append(entity: ExpensesModule.claimEntity, entityID: claim.id, action: action, changes: changes, context: context, on: db)
        try await Revisions.bump(ExpensesModule.revisionKey, tenantID: claim.tenantID, on: db)
    }
}
