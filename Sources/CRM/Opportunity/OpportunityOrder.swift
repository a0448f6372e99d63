import AfieldAPI
import Fluent
import Foundation
import Platform
import Sales
import SQLKit

/// A won opportunity's sales order (issue 12 point 7): a draft order for its customer with its
/// products at its prices, the opportunity's owner as salesperson. Made once.
struct OpportunityOrder: Sendable {
    let context: ServiceContext

    /// - Throws: 404; 409 `crm.opportunity.not_won`, `crm.opportunity.has_order` (`number`… the
    ///   order id); 422 `crm.opportunity.no_lines`; Sales' own errors (403 without
    ///   `sales.order.create`, a customer outside the caller's scope).
    func create(_ id: UUID) async throws -> OrderDetail {
        try context.require(CRMModule.opportunityWrite)
        let opportunity = try await OpportunityRead(context: context).visible(id)
        guard opportunity.state == "won" else { throw DomainError(status: 409, code: "crm.opportunity.not_won") }
        guard opportunity.orderID == nil else { throw DomainError(status: 409, code: "crm.opportunity.has_order", params: ["order": opportunity.orderID!.uuidString]) }
        let lines = try await OpportunityLine.query(on: context.database).filter(\.$opportunityID == id).sort(\.$position).all()
        guard !lines.isEmpty else { throw DomainError(status: 422, code: "crm.opportunity.no_lines") }
        let currency = Currency(code: opportunity.currency) ?? context.actor.tenant.currency
        let input = OrderInput(customerId: opportunity.customerID, salespersonId: opportunity.ownerID,
                               notes: "\(opportunity.number) \(opportunity.name)",
                               lines: lines.map {
                                   OrderLineInput(productId: $0.productID, quantity: DecimalText(FixedDecimal.formatTrimmed($0.quantity, scale: 4)),
                                                  unitPrice: DecimalText(Money(minorUnits: $0.unitPrice, currency: currency).decimalText))
                               })
        let context = self.context
        return try await context.atomically {
            let order = try await SalesOrderDrafts(context: context).create(input)
            let now = context.now()
            try await context.write { db in
                let sql = db as! any SQLDatabase
                guard try await sql.update(Opportunity.schema).set("order_id", to: order.order.id).set("updated_at", to: now)
                    .set("version", to: SQLRaw("version + 1"))
                    .where("id", .equal, id).where("tenant_id", .equal, context.tenantID).where(SQLColumn("order_id"), .is, SQLLiteral.null)
                    .returning("id").first() != nil
                else { throw DomainError(status: 409, code: "crm.opportunity.has_order") }
                var changes = AuditChanges()
                changes.set("order_id", nil, order.order.id.uuidString)
                try await AuditLog.append(entity: CRMModule.opportunityEntity, entityID: id, action: "order", changes: changes, context: context.audit,
                                          on: db, now: now)
            }
            return order
        }
    }
}
