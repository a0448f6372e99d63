import AfieldAPI
import Foundation
import Platform
import Vapor

/// Bulk actions of the orders list: each is the single action on one order, with its checks,
/// data scope, transaction and audit entry (see ``ListBulkAction``).
enum SalesOrderBulk {
    /// Gives the selected draft orders a salesperson (`value`: the employee id), as
    /// `PATCH /orders/{id}` with `salespersonId` would: orders outside the caller's scope are
    /// "not found", orders no longer drafts are refused with `sales.order.not_editable`.
    static let assignSalesperson = ListBulkAction("assign-salesperson", label: "sales.bulk.assign_salesperson", permission: SalesModule.orderWrite,
                                                  valueKind: "reference") { context, id, value in
        guard let salesperson = value.flatMap(UUID.init(uuidString:)) else { throw DomainError.invalid([.init("value", "list.bulk_invalid_value")]) }
        let current = try await SalesOrderService(context: context).detail(id)
        _ = try await SalesOrderEditing(context: context).update(id, with: OrderUpdate(version: current.order.version, salespersonId: salesperson))
    }
}
