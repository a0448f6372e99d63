import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Cancelling a sales order (`POST /api/v1/sales/orders/{id}/cancel`) through the order's
/// transition table: a draft, an order awaiting approval or a confirmed one (as in Odoo); never a
/// delivered one. Cancelled orders are not counted in the sales reports (``SalesOrderState/counted``).
struct SalesOrderCancelling: Sendable {
    let context: ServiceContext

    /// Cancels the order `id` read at `version`.
    ///
    /// One transaction withdraws the order's open approval through the ``ApprovalGate`` (a
    /// pending one, or one returned to the requester) and moves the order with
    /// `UPDATE … WHERE state = <read> AND version = <read>`; of two users acting on the same
    /// version exactly one wins, and a loser's withdrawal rolls back with it.
    /// - Throws: 404 (unknown, other tenant, outside the caller's order scope); 403 without
    ///   `sales.order.cancel`; 422 without
    ///   `version`; 409 `sales.order.invalid_transition` or `conflict.stale_version`, both with
    ///   the order as it is now under `current`.
    func cancel(_ id: UUID, version: Int?) async throws -> OrderDetail {
        let actor = context.actor
        let audit = context.audit
        let now = context.now()
        let scope = try await context.recordScope(SalesModule.orderResource)
        guard let order = try await find(id, scope: scope) else { throw DomainError.notFound("sales_order") }
        guard let version else { throw DomainError.invalid([.init("version", "field.required")]) }
        try await refuseUnlessCancellable(order, version: version)

        let gate = context.application.approvalGate
        let from = order.state
        do {
            try await context.write { db in
                // The approval first: the engine locks an instance before it moves the order, so
                // taking the locks in that order here cannot deadlock with an approver on PostgreSQL.
                if from != .confirmed {
                    _ = try await gate.documentCancelled(subject: SalesOrderApproval.subject, documentID: id,
                                                         reason: "sales.order.approval_cancelled", context: audit, on: db)
                }
                guard let sql = db as? any SQLDatabase else { throw DomainError(status: 500, code: "internal") }
                let row = try await sql.raw("""
                    UPDATE sales_orders SET state = \(bind: SalesOrderState.cancelled.rawValue), version = version + 1,
                           updated_at = \(bind: now), updated_by = \(bind: actor.userID)
                    WHERE id = \(bind: id) AND tenant_id = \(bind: actor.tenantID) AND state = \(bind: from.rawValue)
                          AND version = \(bind: version)
                    RETURNING id
                    """).first()
                guard row != nil else { throw Lost() }
                if SalesFigures.counts(from) { try await SalesFigures.post([id], tenantID: actor.tenantID, sign: -1, on: sql) }
                var changes = AuditChanges()
                changes.set("state", from.rawValue, SalesOrderState.cancelled.rawValue)
                try await AuditLog.append(entity: SalesModule.auditEntity, entityID: id, action: "cancel", changes: changes, context: audit, on: db, now: now)
                try await Revisions.bump(SalesModule.revisionKey, tenantID: actor.tenantID, on: db)
            }
        } catch is Lost {
            // Someone moved or changed it between our read and our write.
            guard let current = try await find(id, scope: scope) else { throw DomainError.notFound("sales_order") }
            try await refuseUnlessCancellable(current, version: version)
            throw DomainError.staleVersion("sales_order", current: try await present(current))
        }
        return try await SalesOrderService(context: context).detail(id, scope: scope)
    }

    /// The conditional update found the order moved on; the transaction rolls back.
    private struct Lost: Error {}

    private func find(_ id: UUID, scope: RecordScope) async throws -> SalesOrder? {
        try await SalesOrder.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id)
            .filter(scope: scope, employee: "salesperson_id").with(\.$lines).first()
    }

    private func present(_ order: SalesOrder) async throws -> OrderDetail {
        try await SalesOrderPresenter(db: context.database, tenantID: context.tenantID).detail(order)
    }

    /// 409 unless the table allows cancelling from the order's state and `version` is current;
    /// the answer carries the order as it is.
    private func refuseUnlessCancellable(_ order: SalesOrder, version: Int) async throws {
        let transition: StateMachine<SalesOrderState>.Transition
        do {
            transition = try SalesModule.orderStates.transition(for: "cancel", from: order.state)
        } catch var refused as DomainError {
            refused.current = try await present(order)
            throw refused
        }
        try context.require(transition.permission)
        guard order.version == version else { throw DomainError.staleVersion("sales_order", current: try await present(order)) }
    }
}
