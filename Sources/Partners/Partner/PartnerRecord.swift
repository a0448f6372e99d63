import Fluent
import Foundation
import Platform

/// Partners as records of the platform's chatter and attachments (``RecordKind``): a supplier
/// or carrier is readable by holders of its role's read permission (company-wide); a customer by
/// holders of `partners.customer.read` within their customer scope — the change feed's rule.
enum PartnerRecord {
    static let kind = RecordKind(
        key: PartnersModule.auditEntity,
        names: .column("name", in: Partner.schema),
        defaultFollowers: { id, db in
            try await Partner.query(on: db).filter(\.$id == id).first()?.createdBy.map { [$0] } ?? []
        },
        link: { id, db in
            let partner = try await Partner.query(on: db).filter(\.$id == id).first()
            return partner?.isCustomer == false && partner?.isSupplier == true ? "/suppliers/\(id.uuidString)" : "/customers/\(id.uuidString)"
        },
        readable: { reader, ids, db in
            guard !ids.isEmpty else { return [] }
            let scope = try await reader.scope("partners.customer", on: db)
            let rows = try await Partner.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$id ~~ ids).all()
            var collaborating: Set<UUID> = []
            if let employeeID = reader.employeeID {
                collaborating = try await CustomerCollaborators.collaborating(Set(rows.filter(\.isCustomer).compactMap(\.id)), employeeID: employeeID,
                                                                              tenantID: reader.tenantID, on: db)
            }
            return Set(rows.filter { p in
                (p.isSupplier && reader.holds(PartnerRole.supplier.readPermission)) || (p.isCarrier && reader.holds(PartnerRole.carrier.readPermission))
                    || (p.isCustomer && reader.holds(PartnerRole.customer.readPermission)
                        && (scope.contains(department: p.departmentID, employee: p.ownerID, createdBy: nil) || collaborating.contains(p.id!)))
            }.compactMap(\.id))
        })
}
