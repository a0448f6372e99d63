import AfieldAPI
import Fluent
import Foundation
import Platform

/// What other modules may read of Sales orders (CRM's contracts and customer timeline): order
/// heads in the caller's `sales.order` data scope, never the tables themselves.
public struct CustomerOrders: Sendable {
    let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    /// The orders `ids` the caller may read (`sales.order.read` and the order scope); others
    /// (unknown, another company's, out of scope) are absent.
    public func summaries(_ ids: [UUID]) async throws -> [UUID: OrderSummary] {
        guard !ids.isEmpty, context.actor.holds(SalesModule.orderRead) else { return [:] }
        let scope = try await context.recordScope(SalesModule.orderResource)
        let rows = try await SalesOrder.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ ids)
            .filter(scope: scope, employee: "salesperson_id").all()
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id!, SalesOrderPresenter.summary($0)) })
    }

    /// The customer's newest orders (up to `limit`) the caller may read; empty without `sales.order.read`.
    public func ofCustomer(_ customerID: UUID, limit: Int = 100) async throws -> [OrderSummary] {
        guard context.actor.holds(SalesModule.orderRead) else { return [] }
        let scope = try await context.recordScope(SalesModule.orderResource)
        return try await SalesOrder.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$customerID == customerID)
            .filter(scope: scope, employee: "salesperson_id").sort(\.$orderDate, .descending).limit(limit).all()
            .map(SalesOrderPresenter.summary)
    }
}
