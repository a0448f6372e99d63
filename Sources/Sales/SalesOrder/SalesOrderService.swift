import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Creating, pricing and moving sales orders through their states, for the actor of `context`
/// (a route, a job, an import or the command line alike): permissions and data scopes are checked
/// here, not only by the route.
struct SalesOrderService: Sendable {
    let context: ServiceContext

    /// Validates and prices `input` without storing anything.
    /// - Throws: 403 without `sales.order.create`; 422 as ``create(_:)``.
    func preview(_ input: OrderInput) async throws -> OrderPreview {
        try context.require(SalesModule.orderCreate)
        return try await OrderDraft.validate(input, actor: context.actor, customerScope: try await context.recordScope("partners.customer"),
                                             orderScope: try await context.recordScope(SalesModule.orderResource), today: context.today(),
                                             db: context.database).preview
    }

    /// Stores a new draft order with a fresh number (`SO-<year>-<n>`, year of the order date; the
    /// order date defaults to today by the context's clock, where the actor is).
    /// - Throws: 403 without `sales.order.create`; 422 `validation_failed` (a customer outside the
    ///   actor's customer scope or a salesperson outside their order scope is "unknown").
    func create(_ input: OrderInput) async throws -> OrderDetail {
        try context.require(SalesModule.orderCreate)
        let actor = context.actor
        let audit = context.audit
        let now = context.now()
        let draft = try await OrderDraft.validate(input, actor: actor, customerScope: try await context.recordScope("partners.customer"),
                                                  orderScope: try await context.recordScope(SalesModule.orderResource), today: context.today(),
                                                  db: context.database)
        let numbering = context.numbering
        let period = String(draft.orderDate.prefix(4))
        let early = try await numbering.early(prefix: "SO", period: period, key: "sales.order", tenantID: actor.tenantID)
        let created = try await context.write { db in
            let number = if let early { early } else {
                try await numbering.next(prefix: "SO", period: period, key: "sales.order", tenantID: actor.tenantID, on: db)
            }
            let order = SalesOrder()
            order.tenantID = actor.tenantID
            order.number = number
            order.state = .draft
            order.orderDate = draft.orderDate
            order.requiredDate = draft.requiredDate
            order.setCustomer(id: draft.customer.id, name: draft.customer.name)
            order.salespersonID = draft.salespersonID
            order.salespersonName = draft.salespersonName
            order.departmentID = draft.departmentID
            order.carrierID = draft.carrier?.id
            order.currency = draft.untaxed.currency.code
            order.untaxedMinor = draft.untaxed.minorUnits
            order.freightMinor = draft.freight.minorUnits
            order.shipName = draft.customer.name
            order.shipAddress = draft.customer.address
            order.shipCity = draft.customer.city
            order.shipRegion = draft.customer.region
            order.shipPostalCode = draft.customer.postalCode
            order.shipCountry = draft.customer.country
            order.notes = draft.notes
            order.createdBy = actor.userID
            order.updatedBy = actor.userID
            order.version = 1
            if let id = input.id, try await SalesOrder.find(id, on: db) != nil { throw DomainError.idTaken("sales_order") }
            order.id = input.id ?? UUID()
            // Multi-row inserts of the order and its lines, stamped by the context's clock: one
            // statement for all lines instead of one each, and no reflection over model fields.
            var orderRow = try InsertRows(SalesOrder.self, columns: SalesOrder.insertColumns)
            orderRow.append(order.insertValues(at: now))
            try await orderRow.insert(on: db)
            let lines = draft.lineRows(orderID: order.id!, tenantID: actor.tenantID)
            var lineRows = try InsertRows(SalesOrderLine.self, columns: SalesOrderLine.insertColumns)
            for line in lines { lineRows.append(line.insertValues) }
            try await lineRows.insert(on: db)
            var changes = AuditChanges()
            for (field, value) in SalesOrderImport.auditValues(order) { changes.set(field, nil, value) }
            changes.set("notes", nil, draft.notes)
            changes.set("lines", nil, String(draft.lines.count))
            try await AuditLog.append(entity: SalesModule.auditEntity, entityID: order.id, action: "create", changes: changes, context: audit, on: db, now: now)
            try await Revisions.bump(SalesModule.revisionKey, tenantID: actor.tenantID, on: db)
            order.$lines.value = lines
            return order
        }
        // What was stored, with the names validation read: no second reading of the order.
        return SalesOrderPresenter.detail(created, products: draft.products, carrierName: draft.carrier?.name)
    }

    /// Applies `action` (e.g. `confirm`) if the state table allows it from the current state.
    ///
    /// The change is one conditional `UPDATE … WHERE state = <current> AND version = <read>`:
    /// of two users confirming at once exactly one succeeds; the other gets 409.
    /// - Throws: 404 (unknown, other company, outside the actor's order scope); 403 without the
    ///   transition's permission; 409 (not allowed from the current state, or changed meanwhile).
    func apply(_ action: String, to id: UUID) async throws -> OrderDetail {
        let actor = context.actor
        let audit = context.audit
        let now = context.now()
        guard let order = try await SalesOrder.query(on: context.database).filter(\.$tenantID == actor.tenantID).filter(\.$id == id)
            .filter(scope: try await context.recordScope(SalesModule.orderResource), employee: "salesperson_id").with(\.$lines).first()
        else { throw DomainError.notFound("sales_order") }
        let transition = try SalesModule.orderStates.transition(for: action, from: order.state)
        try context.require(transition.permission)
        let gate = context.application.approvalGate
        let moved = try await context.write { db -> SalesOrderState? in
            guard let sql = db as? any SQLDatabase else { return nil }
            // An order that needs approval waits in `pending` before its flow starts, so that every
            // ending of the flow — one that decides at once included — moves it on through
            // ``SalesOrderApproval`` (P-09).
            let gated = action == "confirm" ? try await gate.requiresApproval(subject: SalesOrderApproval.subject, tenantID: actor.tenantID, on: db) : false
            let reached = gated ? SalesOrderState.pending : transition.to
            let row = try await sql.raw("""
                UPDATE sales_orders SET state = \(bind: reached.rawValue), version = version + 1,
                       updated_at = \(bind: now), updated_by = \(bind: actor.userID)
                WHERE id = \(bind: id) AND tenant_id = \(bind: actor.tenantID) AND state = \(bind: order.state.rawValue)
                      AND version = \(bind: order.version)
                RETURNING id
                """).first()
            guard row != nil else { return nil }
            if SalesFigures.counts(order.state) != SalesFigures.counts(reached) {
                try await SalesFigures.post([id], tenantID: actor.tenantID, sign: SalesFigures.counts(reached) ? 1 : -1, on: sql)
            }
            var changes = AuditChanges()
            changes.set("state", order.state.rawValue, reached.rawValue)
            try await AuditLog.append(entity: SalesModule.auditEntity, entityID: id, action: action, changes: changes, context: audit, on: db, now: now)
            try await Revisions.bump(SalesModule.revisionKey, tenantID: actor.tenantID, on: db)
            if gated, try await gate.requestApproval(SalesOrderApproval.request(order, actor: actor), context: audit, on: db) == nil {
                throw DomainError(status: 409, code: "sales.order.approval_changed")
            }
            return reached
        }
        guard let moved else { throw DomainError.staleVersion("sales_order") }
        // A flow that decided at once has moved the order on already: read it again then.
        if moved == .pending { return try await detail(id) }
        order.state = moved
        order.version += 1
        order.updatedBy = actor.userID
        return try await SalesOrderPresenter(db: context.database, tenantID: actor.tenantID).detail(order)
    }

    /// The order `id` with lines, if it is in the caller's order scope (`scope`, when the caller
    /// already has it); else 404.
    func detail(_ id: UUID, scope: RecordScope? = nil) async throws -> OrderDetail {
        let actor = context.actor
        let scope = if let scope { scope } else { try await context.recordScope(SalesModule.orderResource) }
        guard let order = try await SalesOrder.query(on: context.database).filter(\.$tenantID == actor.tenantID).filter(\.$id == id)
            .filter(scope: scope, employee: "salesperson_id")
            .with(\.$lines).first()
        else { throw DomainError.notFound("sales_order") }
        return try await SalesOrderPresenter(db: context.database, tenantID: actor.tenantID).detail(order)
    }
}
