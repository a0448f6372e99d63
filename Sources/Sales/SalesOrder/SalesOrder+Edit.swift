import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Editing a draft sales order (`PATCH /api/v1/sales/orders/{id}`): data scope, the same checks
/// as a new order, and one transaction holding a version-guarded update, the new lines, the audit
/// entry and the revision bump.
struct SalesOrderEditing: Sendable {
    let context: ServiceContext

    /// Applies `update` to the draft order `id` and answers the order as stored.
    ///
    /// The order is read inside the caller's `sales.order` scope. The update is laid over it
    /// (absent fields keep their value; `lines` replaces every line) and checked exactly like a
    /// new order by ``OrderDraft/validate(_:actor:customerScope:orderScope:today:db:)``. Keeping the
    /// current customer or salesperson is always allowed; a new customer must be in the caller's
    /// customer scope and a new salesperson in the caller's order scope, as on create (else they
    /// are "unknown").
    ///
    /// The write is one `UPDATE … WHERE state = 'draft' AND version = <sent>`: of two users saving
    /// the same version exactly one wins; the other gets 409 with the order as it is now.
    /// An update that changes nothing writes nothing (same version, no audit entry).
    /// - Throws: 403 without `sales.order.write`; 404 `not_found` (unknown, other tenant, outside scope); 422 `validation_failed`
    ///   (nothing changes); 409 `sales.order.not_editable` (not a draft) or
    ///   `conflict.stale_version`, both carrying the current ``OrderDetail`` as `current`.
    func update(_ id: UUID, with update: OrderUpdate) async throws -> OrderDetail {
        try context.require(SalesModule.orderWrite)
        let actor = context.actor
        let audit = context.audit
        let now = context.now()
        guard let version = update.version else { throw DomainError.invalid([.init("version", "field.required")]) }
        let scope = try await context.recordScope(SalesModule.orderResource)
        guard let order = try await SalesOrder.query(on: context.database).filter(\.$tenantID == actor.tenantID).filter(\.$id == id)
            .filter(scope: scope, employee: "salesperson_id").with(\.$lines).first()
        else { throw DomainError.notFound("sales_order") }
        try await refuseIfNotCurrent(order, version: version)

        let keepsCustomer = update.customerId == nil || update.customerId == order.customerID
        let customerScope = keepsCustomer ? RecordScope.all(userID: actor.userID) : try await context.recordScope("partners.customer")
        let changesSalesperson = update.salespersonId != nil && update.salespersonId != order.salespersonID
        let draft = try await OrderDraft.validate(merged(update, onto: order), actor: actor, customerScope: customerScope,
                                                  orderScope: changesSalesperson ? scope : nil, today: context.today(), db: context.database)
        let keepsSalesperson = draft.salespersonID == order.salespersonID
        let departmentID = keepsSalesperson ? order.departmentID : draft.departmentID

        let before = try await OrderLineSummary.text(of: order, db: context.database)
        let after = OrderLineSummary.text(of: draft.lines)
        var changes = AuditChanges()
        changes.set("customer", order.customerName, keepsCustomer ? order.customerName : draft.customer.name)
        changes.set("order_date", order.orderDate, draft.orderDate)
        changes.set("required_date", order.requiredDate, draft.requiredDate)
        changes.set("salesperson", order.salespersonName, keepsSalesperson ? order.salespersonName : draft.salespersonName)
        changes.set("carrier_id", order.carrierID, draft.carrier?.id)
        changes.set("notes", order.notes, draft.notes)
        changes.set("lines", before, after)
        changes.set("untaxed", Money(minorUnits: order.untaxedMinor, currency: draft.untaxed.currency).decimalText, draft.untaxed.decimalText)
        changes.set("freight", Money(minorUnits: order.freightMinor, currency: draft.freight.currency).decimalText, draft.freight.decimalText)
        guard !changes.isEmpty else { return try await SalesOrderPresenter(db: context.database, tenantID: actor.tenantID).detail(order) }

        let head = Head(order: order, draft: draft, keepsCustomer: keepsCustomer, keepsSalesperson: keepsSalesperson, departmentID: departmentID)
        let finalChanges = changes
        let newLines = draft.lineRows(orderID: id, tenantID: actor.tenantID)
        // Lines are rewritten only when they changed: most edits touch the head alone.
        let linesChanged = !Self.sameLines(order.$lines.value ?? [], newLines)
        var lineRows = try InsertRows(SalesOrderLine.self, columns: SalesOrderLine.insertColumns)
        for line in newLines { lineRows.append(line.insertValues) }
        let insertLines = lineRows
        let written = try await context.write { db in
            guard let sql = db as? any SQLDatabase else { throw DomainError(status: 500, code: "internal") }
            let row = try await head.statement(sql)
                .set(SQLColumn("updated_at"), to: SQLBind(now))
                .set(SQLColumn("updated_by"), to: SQLBind(actor.userID))
                .set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("tenant_id", .equal, actor.tenantID)
                .where("state", .equal, SalesOrderState.draft.rawValue).where("version", .equal, version)
                .returning("id").first()
            guard row != nil else { return false }
            if linesChanged {
                try await sql.delete(from: SalesOrderLine.schema).where("order_id", .equal, id).where("tenant_id", .equal, actor.tenantID).run()
                try await insertLines.insert(on: db)
            }
            try await AuditLog.append(entity: SalesModule.auditEntity, entityID: id, action: "update", changes: finalChanges, context: audit, on: db, now: now)
            try await Revisions.bump(SalesModule.revisionKey, tenantID: actor.tenantID, on: db)
            return true
        }
        guard written else {
            // Someone else saved (or confirmed) it between our read and our write.
            guard let current = try await SalesOrder.query(on: context.database).filter(\.$tenantID == actor.tenantID).filter(\.$id == id)
                .filter(scope: scope, employee: "salesperson_id").with(\.$lines).first()
            else { throw DomainError.notFound("sales_order") }
            try await refuseIfNotCurrent(current, version: version)
            throw DomainError.staleVersion("sales_order", current: try await SalesOrderPresenter(db: context.database, tenantID: actor.tenantID).detail(current))
        }
        // What was stored, with the names validation read: no second reading of the order.
        head.apply(to: order)
        order.version = version + 1
        order.updatedBy = actor.userID
        if linesChanged { order.$lines.value = newLines }
        return SalesOrderPresenter.detail(order, products: draft.products, carrierName: draft.carrier?.name)
    }

    /// Whether `stored` (in any order) and `new` hold the same lines, position by position.
    private static func sameLines(_ stored: [SalesOrderLine], _ new: [SalesOrderLine]) -> Bool {
        let old = stored.sorted { $0.position < $1.position }
        guard old.count == new.count else { return false }
        return zip(old, new).allSatisfy { a, b in
            a.position == b.position && a.productID == b.productID && a.quantity == b.quantity && a.unitPriceMinor == b.unitPriceMinor
                && a.discount == b.discount && a.amountMinor == b.amountMinor
        }
    }

    /// 409 unless `order` is a draft at `version`; the answer carries the order as it is.
    private func refuseIfNotCurrent(_ order: SalesOrder, version: Int) async throws {
        guard order.state != .draft || order.version != version else { return }
        let current = try await SalesOrderPresenter(db: context.database, tenantID: context.tenantID).detail(order)
        if order.state != .draft {
            throw DomainError(status: 409, code: "sales.order.not_editable", params: ["state": order.state.rawValue], current: current)
        }
        throw DomainError.staleVersion("sales_order", current: current)
    }

    /// `update` laid over `order`: what a create of the edited order would have been sent.
    private func merged(_ update: OrderUpdate, onto order: SalesOrder) -> OrderInput {
        let currency = Currency(code: order.currency) ?? .usd
        let lines = update.lines ?? (order.$lines.value ?? []).sorted { $0.position < $1.position }.map { line in
            OrderLineInput(productId: line.productID, quantity: DecimalText(Quantity(scaled: line.quantity).decimalText),
                           unitPrice: DecimalText(Money(minorUnits: line.unitPriceMinor, currency: currency).decimalText),
                           discountPercent: DecimalText(Percentage(hundredths: line.discount).decimalText))
        }
        let required = update.requiredDate.map { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } ?? order.requiredDate
        return OrderInput(customerId: update.customerId ?? order.customerID, orderDate: update.orderDate ?? order.orderDate,
                          requiredDate: required, carrierId: update.carrierId ?? order.carrierID,
                          salespersonId: update.salespersonId ?? order.salespersonID,
                          freight: update.freight ?? DecimalText(Money(minorUnits: order.freightMinor, currency: currency).decimalText),
                          notes: update.notes ?? order.notes, lines: lines)
    }

    /// The new head columns of the order.
    private struct Head: Sendable {
        let customerID: UUID, customerName: String, searchText: String
        let orderDate: String, requiredDate: String?
        let salespersonID: UUID?, salespersonName: String?, departmentID: UUID?
        let carrierID: UUID?
        let untaxedMinor: Int64, freightMinor: Int64
        let ship: [String: String?]
        let notes: String?

        init(order: SalesOrder, draft: OrderDraft, keepsCustomer: Bool, keepsSalesperson: Bool, departmentID: UUID?) {
            customerID = draft.customer.id
            customerName = keepsCustomer ? order.customerName : draft.customer.name
            searchText = "\(order.number) \(customerName)".lowercased()
            orderDate = draft.orderDate
            requiredDate = draft.requiredDate
            salespersonID = draft.salespersonID
            salespersonName = keepsSalesperson ? order.salespersonName : draft.salespersonName
            self.departmentID = departmentID
            carrierID = draft.carrier?.id
            untaxedMinor = draft.untaxed.minorUnits
            freightMinor = draft.freight.minorUnits
            // The delivery address follows a new customer, as on create; otherwise it stays.
            ship = keepsCustomer ? [:] : [
                "ship_name": draft.customer.name, "ship_address": draft.customer.address, "ship_city": draft.customer.city,
                "ship_region": draft.customer.region, "ship_postal_code": draft.customer.postalCode, "ship_country": draft.customer.country,
            ]
            notes = draft.notes
        }

        /// Sets on `order` in memory what ``statement(_:)`` stores.
        func apply(to order: SalesOrder) {
            order.customerID = customerID
            order.customerName = customerName
            order.searchText = searchText
            order.orderDate = orderDate
            order.requiredDate = requiredDate
            order.salespersonID = salespersonID
            order.salespersonName = salespersonName
            order.departmentID = departmentID
            order.carrierID = carrierID
            order.untaxedMinor = untaxedMinor
            order.freightMinor = freightMinor
            order.notes = notes
            if !ship.isEmpty {
                order.shipName = ship["ship_name"] ?? nil
                order.shipAddress = ship["ship_address"] ?? nil
                order.shipCity = ship["ship_city"] ?? nil
                order.shipRegion = ship["ship_region"] ?? nil
                order.shipPostalCode = ship["ship_postal_code"] ?? nil
                order.shipCountry = ship["ship_country"] ?? nil
            }
        }

        func statement(_ sql: any SQLDatabase) -> SQLUpdateBuilder {
            let update = sql.update(SalesOrder.schema)
                .set(SQLColumn("customer_id"), to: SQLBind(customerID))
                .set(SQLColumn("customer_name"), to: SQLBind(customerName))
                .set(SQLColumn("search_text"), to: SQLBind(searchText))
                .set(SQLColumn("order_date"), to: SQLBind(orderDate))
                .set(SQLColumn("required_date"), to: SQLBind(requiredDate))
                .set(SQLColumn("salesperson_id"), to: SQLBind(salespersonID))
                .set(SQLColumn("salesperson_name"), to: SQLBind(salespersonName))
                .set(SQLColumn("department_id"), to: SQLBind(departmentID))
                .set(SQLColumn("carrier_id"), to: SQLBind(carrierID))
                .set(SQLColumn("untaxed_minor"), to: SQLBind(untaxedMinor))
                .set(SQLColumn("freight_minor"), to: SQLBind(freightMinor))
                .set(SQLColumn("notes"), to: SQLBind(notes))
            for (column, value) in ship.sorted(by: { $0.key < $1.key }) { update.set(SQLColumn(column), to: SQLBind(value)) }
            return update
        }
    }
}
