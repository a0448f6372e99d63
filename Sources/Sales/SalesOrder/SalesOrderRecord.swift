import Fluent
import Foundation
import Platform

/// Sales orders as records of the platform's chatter and attachments (``RecordKind``): readable
/// by holders of `sales.order.read` within their order scope, as the order's detail route.
enum SalesOrderRecord {
    static let kind = RecordKind(
        key: SalesModule.auditEntity,
        names: .column("number", in: SalesOrder.schema),
        // The user who created the order follows it (Odoo subscribes a document's creator).
        defaultFollowers: { id, db in
            try await SalesOrder.query(on: db).filter(\.$id == id).field(\.$id).field(\.$createdBy).first()?.createdBy.map { [$0] } ?? []
        },
        link: { id, _ in "/orders/\(id.uuidString)" },
        readable: { reader, ids, db in
            guard reader.holds(SalesModule.orderRead), !ids.isEmpty else { return [] }
            let scope = try await reader.scope(SalesModule.orderResource, on: db)
            let rows = try await SalesOrder.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$id ~~ ids)
                .filter(scope: scope, employee: "salesperson_id").field(\.$id).all()
            return Set(rows.compactMap(\.id))
        })
}
