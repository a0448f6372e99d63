import AfieldAPI
import Fluent
import Partners
import Platform
import Vapor

/// `/api/v1/sales/orders`: list with filters, detail, preview, create, confirm.
struct SalesOrderController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, "orders", permission: SalesModule.orderRead,
                  summary: "List sales orders (newest first; filter by state, order-date range, customer, salesperson, number or customer name)",
                  query: ["state", "from", "to", "customer", "salesperson", "q", "page", "limit"], use: list)
        routes.on(.GET, "orders", ":id", permission: SalesModule.orderRead, summary: "A sales order with lines and totals", use: detail)
        routes.on(.POST, "orders", "preview", permission: SalesModule.orderCreate,
                  summary: "Validate and price an order without saving it", body: OrderInput.self, use: preview)
        routes.on(.POST, "orders", permission: SalesModule.orderCreate, summary: "Create a draft sales order",
                  body: OrderInput.self, status: .created, use: create)
        routes.on(.POST, "orders", ":id", "confirm", permission: SalesModule.orderConfirm, summary: "Confirm a draft order",
                  use: confirm)
    }

    @Sendable func list(_ req: Request) async throws -> AfieldAPI.Page<OrderSummary> {
        let actor = try req.actor
        let page = try PageRequest(from: req)
        let query = SalesOrder.query(on: req.db).filter(\.$tenantID == actor.tenantID)
        if let text = req.queryText("state") {
            guard let state = SalesOrderState(rawValue: text) else { throw DomainError.invalid([.init("state", "sales.order.invalid_state_filter")]) }
            query.filter(\.$state == state)
        }
        if let from = try req.queryDay("from") { query.filter(\.$orderDate >= from) }
        if let to = try req.queryDay("to") { query.filter(\.$orderDate <= to) }
        if let customer = try req.queryID("customer") { query.filter(\.$customerID == customer) }
        if let salesperson = try req.queryID("salesperson") { query.filter(\.$salespersonID == salesperson) }
        if let q = req.queryText("q") {
            let customers = try await PartnerDirectory(db: req.db).ids(matching: q, tenantID: actor.tenantID)
            query.group(.or) { group in
                group.filter("number", containsLiteral: q.uppercased())
                if !customers.isEmpty { group.filter(\.$customerID ~~ customers) }
            }
        }
        let total = try await query.count()
        let rows = try await query.sort(\.$orderDate, .descending).sort(\.$number, .descending).sort(\.$id)
            .range(page.range).all()
        let items = try await SalesOrderPresenter(db: req.db, tenantID: actor.tenantID).summaries(rows)
        return AfieldAPI.Page(items: items, page: page.page, limit: page.limit, total: total)
    }

    @Sendable func detail(_ req: Request) async throws -> OrderDetail {
        try await SalesOrderService(req: req).detail(try req.pathID(entity: "sales_order"))
    }

    @Sendable func preview(_ req: Request) async throws -> OrderPreview {
        try await SalesOrderService(req: req).preview(try req.content.decode(OrderInput.self))
    }

    @Sendable func create(_ req: Request) async throws -> OrderDetail {
        try await SalesOrderService(req: req).create(try req.content.decode(OrderInput.self))
    }

    @Sendable func confirm(_ req: Request) async throws -> OrderDetail {
        try await SalesOrderService(req: req).apply("confirm", to: try req.pathID(entity: "sales_order"))
    }
}
