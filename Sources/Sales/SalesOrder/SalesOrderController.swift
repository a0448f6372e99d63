import AfieldAPI
import Fluent
import Partners
import Platform
import SQLKit
import Vapor

/// `/api/v1/sales/orders`: list with filters, detail, preview, create, confirm, cancel.
struct SalesOrderController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        // The list, its export (CSV/XLSX), background export and bulk actions: the shared list mechanism.
        routes.list(SalesOrderList.definition, "orders", permission: SalesModule.orderRead, exportPermission: SalesModule.orderExport,
                    summary: "List sales orders (newest first; filter by state, order-date range, customer, salesperson, number or customer name)",
                    revisionKey: SalesModule.revisionKey)
        routes.on(.GET, "orders", "export.csv", permission: SalesModule.orderExport,
                  summary: "The orders list as CSV (same as GET /orders/export?format=csv; kept for existing clients)",
                  query: SalesOrderList.definition.filterParameters + [SalesOrderList.definition.sortParameter, SalesOrderList.definition.columnsParameter],
                  use: export)
        routes.on(.GET, "orders", ":id", permission: SalesModule.orderRead, summary: "A sales order with lines and totals", use: detail)
        routes.on(.GET, "orders", ":id", "history", permission: SalesModule.orderRead, summary: "The order's audit history, newest first",
                  use: history)
        routes.on(.POST, "orders", "preview", permission: SalesModule.orderCreate,
                  summary: "Validate and price an order without saving it", body: OrderInput.self, mutates: false, use: preview)
        routes.on(.POST, "orders", permission: SalesModule.orderCreate, summary: "Create a draft sales order",
                  body: OrderInput.self, status: .created, use: create)
        routes.on(.POST, "orders", ":id", "confirm", permission: SalesModule.orderConfirm, summary: "Confirm a draft order",
                  use: confirm)
        routes.on(.POST, "orders", ":id", "cancel", permission: SalesModule.orderCancel,
                  summary: "Cancel a draft, awaiting-approval (its approval is withdrawn) or confirmed order (send the version read; 409 when stale or delivered)",
                  body: OrderCancelRequest.self, use: cancel)
    }

    @Sendable func export(_ req: Request) async throws -> Response {
        try await req.exportList(SalesOrderList.definition, format: .csv)
    }

    @Sendable func detail(_ req: Request) async throws -> OrderDetail {
        try await SalesOrderService(context: try req.serviceContext).detail(try req.pathID(entity: "sales_order"))
    }

    @Sendable func history(_ req: Request) async throws -> [AuditEntryDTO] {
        let detail = try await SalesOrderService(context: try req.serviceContext).detail(try req.pathID(entity: "sales_order"))
        return try await AuditViewer.history(entity: SalesModule.auditEntity, id: detail.order.id, for: req)
    }

    @Sendable func preview(_ req: Request) async throws -> OrderPreview {
        try await SalesOrderService(context: try req.serviceContext).preview(try req.content.decode(OrderInput.self))
    }

    @Sendable func create(_ req: Request) async throws -> OrderDetail {
        try await SalesOrderService(context: try req.serviceContext).create(try req.content.decode(OrderInput.self))
    }

    @Sendable func confirm(_ req: Request) async throws -> OrderDetail {
        try await SalesOrderService(context: try req.serviceContext).apply("confirm", to: try req.pathID(entity: "sales_order"))
    }

    @Sendable func cancel(_ req: Request) async throws -> OrderDetail {
        let id = try req.pathID(entity: "sales_order")
        // No body at all is a missing version (422), not an unsupported media type.
        let body = req.body.data == nil ? nil : try req.content.decode(OrderCancelRequest.self)
        return try await SalesOrderCancelling(context: try req.serviceContext).cancel(id, version: body?.version)
    }
}
