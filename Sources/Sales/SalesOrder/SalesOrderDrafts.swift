import AfieldAPI
import Foundation
import Platform

/// What other modules may ask of Sales: a draft order made from their document (CRM's won
/// opportunity), with every check of `POST /api/v1/sales/orders` — the caller's permission, the
/// customer in their scope, the products and prices.
public struct SalesOrderDrafts: Sendable {
    let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    /// Stores `input` as a new draft order.
    /// - Throws: as `POST /api/v1/sales/orders` (403 without `sales.order.create`, 422 fields).
    public func create(_ input: OrderInput) async throws -> OrderDetail {
        try await SalesOrderService(context: context).create(input)
    }
}
