import Fluent
import Foundation
import Platform
import SQLKit

/// Sales orders and the approval gate: what the flow sees of an order, and what happens to the
/// order when its flow ends (DESIGN §3).
struct SalesOrderApproval: ApprovalOutcomeHandler {
    /// The approval subject of sales orders; a company's flow for it gates confirmation.
    static let subject = "sales.order"
    var subject: String { Self.subject }

    /// Facts for conditions: `amount` (the order total, money), `customer` (its name),
    /// `orderDate`; the inbox card shows the number, customer and total.
    static func request(_ order: SalesOrder, actor: RequestActor) throws -> ApprovalRequest {
        let total = order.untaxedMinor + order.freightMinor
        let exponent = actor.tenant.currency.exponent
        return ApprovalRequest(tenantID: actor.tenantID, subject: subject, documentID: try order.requireID(),
                               title: "\(order.number) · \(order.customerName) · \(FixedDecimal.format(total, scale: exponent)) \(actor.tenant.currency.code)",
                               requesterID: actor.userID,
                               facts: ["amount": .money(total, exponent: exponent), "customer": .text(order.customerName), "orderDate": .date(order.orderDate)],
                               summary: [ApprovalSummaryLine(labelCode: "sales.summary.number", value: .text(order.number)),
                                         ApprovalSummaryLine(labelCode: "sales.summary.customer", value: .text(order.customerName)),
                                         ApprovalSummaryLine(labelCode: "sales.summary.total", value: .money(total, exponent: exponent),
                                                             currency: actor.tenant.currency.code)])
    }

    func approved(documentID: UUID, context: AuditContext, on db: any Database) async throws {
        try await move(documentID, to: .confirmed, action: "approve", context: context, on: db)
    }

    func returnedToDraft(documentID: UUID, reason: String, context: AuditContext, on db: any Database) async throws {
        try await move(documentID, to: .draft, action: reason, context: context, on: db)
    }

    private func move(_ id: UUID, to state: SalesOrderState, action: String, context: AuditContext, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let row = try await sql.raw("""
            UPDATE sales_orders SET state = \(bind: state.rawValue), version = version + 1, updated_at = \(bind: Date())
            WHERE id = \(bind: id) AND tenant_id = \(bind: context.tenantID) AND state = \(bind: SalesOrderState.pending.rawValue)
            RETURNING id
            """).first()
        guard row != nil else { return }
        if SalesFigures.counts(state) { try await SalesFigures.post([id], tenantID: context.tenantID, sign: 1, on: sql) }
        var changes = AuditChanges()
        changes.set("state", SalesOrderState.pending.rawValue, state.rawValue)
        try await AuditLog.append(entity: SalesModule.auditEntity, entityID: id, action: action, changes: changes, context: context, on: db)
        try await Revisions.bump(SalesModule.revisionKey, tenantID: context.tenantID, on: db)
    }
}
