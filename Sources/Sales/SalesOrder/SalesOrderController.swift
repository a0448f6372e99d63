import AfieldAPI
import Fluent
import Partners
import Platform
import SQLKit
import Vapor

/// `/api/v1/sales/orders`: list with filters, detail, preview, create, confirm, cancel.
struct SalesOrderController: Sendable {
    /// The filters of the list and of its export.
    static let filters: [QueryParameter] = [.oneOf("state", SalesOrderState.self), .date("from"), .date("to"), .uuid("customer"), .uuid("salesperson"), "q"]

    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, "orders", permission: SalesModule.orderRead,
                  summary: "List sales orders (newest first; filter by state, order-date range, customer, salesperson, number or customer name)",
                  response: AfieldAPI.Page<OrderSummary>.self, query: Self.filters + QueryParameter.paging,
                  use: list)
        routes.on(.GET, "orders", "export.csv", permission: SalesModule.orderExport,
                  summary: "The orders list as CSV (same filters and data scope as the list)",
                  query: Self.filters, use: export)
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

    @Sendable func list(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let page = try PageRequest(from: req)
        let filter = try await Self.filter(req)
        guard let sql = req.database as? any SQLDatabase else { throw DomainError(status: 500, code: "internal") }
        return try await req.cachedJSON(revisionKey: SalesModule.revisionKey, variant: filter.scope.cacheKey) {
            try await SalesOrderList(db: sql, tenantID: actor.tenantID).page(filter, page)
        }
    }

    @Sendable func export(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let filter = try await Self.filter(req)
        guard let sql = req.database as? any SQLDatabase else { throw DomainError(status: 500, code: "internal") }
        let text = try await SalesOrderExport().csv(list: SalesOrderList(db: sql, tenantID: actor.tenantID), filter: filter)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"sales-orders.csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: "\u{FEFF}" + text))
    }

    /// The list's filters from the query string, with the caller's data scope.
    static func filter(_ req: Request) async throws -> SalesOrderList.Filter {
        var filter = SalesOrderList.Filter(scope: try await req.recordScope(SalesModule.orderResource))
        if let text = req.queryText("state") {
            guard let state = SalesOrderState(rawValue: text) else { throw DomainError.invalid([.init("state", "sales.order.invalid_state_filter")]) }
            filter.state = state
        }
        filter.from = try req.queryDay("from")
        filter.to = try req.queryDay("to")
        filter.customer = try req.queryID("customer")
        filter.salesperson = try req.queryID("salesperson")
        filter.text = req.queryText("q")
        return filter
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
