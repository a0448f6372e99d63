import Fluent
import Foundation
import Platform

/// Audit entries of visits (entity ``CRMModule/visitEntity``).
enum VisitAudit {
    static func created(_ visit: Visit, customerName: String, context: ServiceContext, on db: any Database) async throws {
        var changes = AuditChanges()
        changes.created([("customer_id", visit.customerID.uuidString), ("planned_for", visit.plannedFor), ("sequence", visit.sequence),
                         ("purpose", visit.purpose), ("owner_id", visit.ownerID.uuidString)])
        try await AuditLog.append(entity: CRMModule.visitEntity, entityID: visit.id, action: "create", changes: changes, context: context.audit, on: db,
                                  now: context.now())
    }

    static func changed(_ visit: Visit, action: String, changes: AuditChanges, context: ServiceContext, on db: any Database) async throws {
        try await AuditLog.append(entity: CRMModule.visitEntity, entityID: visit.id, action: action, changes: changes, context: context.audit, on: db,
                                  now: context.now())
    }
}
