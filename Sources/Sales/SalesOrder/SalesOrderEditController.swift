import AfieldAPI
import Platform
import Vapor

/// `PATCH /api/v1/sales/orders/{id}`: changing a draft order (see ``SalesOrderEditing``).
struct SalesOrderEditController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.PATCH, "orders", ":id", permission: SalesModule.orderWrite,
                  summary: "Change a draft order's customer, days, salesperson, freight, notes or lines (send the version you read; 409 when stale or no longer a draft)",
                  body: OrderUpdate.self, use: update)
    }

    @Sendable func update(_ req: Request) async throws -> OrderDetail {
        try await SalesOrderEditing(context: try req.serviceContext).update(try req.pathID(entity: "sales_order"), with: try req.content.decode(OrderUpdate.self))
    }
}
