import Fluent
import Foundation
import Platform

/// CRM records as the platform's record pages know them (chatter, attachments and their guard).
enum CRMRecords {
    /// Visits and follow-ups: the rep's own, and those in the reader's `crm.activity` scope.
    private static func visible(_ rows: [(id: UUID, tenant: UUID, owner: UUID, department: UUID?)], reader: RecordReader, db: any Database) async throws -> Set<UUID> {
        let scope = reader.holds(CRMModule.activityRead) ? try await reader.scope(CRMModule.activityResource, on: db) : nil
        return Set(rows.filter { row in
            row.tenant == reader.tenantID
                && (row.owner == reader.employeeID || scope?.contains(department: row.department, employee: row.owner, createdBy: nil) == true)
        }.map(\.id))
    }

    static let visit = RecordKind(key: CRMModule.visitEntity, chatter: false, link: { id, _ in "/crm/visits/\(id.uuidString)" },
                                  readable: { reader, ids, db in
        guard !ids.isEmpty else { return [] }
        let rows = try await Visit.query(on: db).filter(\.$id ~~ ids).all()
        return try await visible(rows.map { ($0.id!, $0.tenantID, $0.ownerID, $0.departmentID) }, reader: reader, db: db)
    })
    static let followUp = RecordKind(key: CRMModule.followUpEntity, chatter: false, link: { id, db in
        let row = try await FollowUp.find(id, on: db)
        return row?.customerID.map { "/customers/\($0.uuidString)" } ?? "/crm/follow-ups/\(id.uuidString)"
    }, readable: { reader, ids, db in
        guard !ids.isEmpty else { return [] }
        let rows = try await FollowUp.query(on: db).filter(\.$id ~~ ids).all()
        return try await visible(rows.map { ($0.id!, $0.tenantID, $0.ownerID, $0.departmentID) }, reader: reader, db: db)
    })

    static let lead = RecordKind(key: CRMModule.leadEntity, names: .column("company", in: Lead.schema), link: { id, _ in "/crm/leads/\(id.uuidString)" },
                                 readable: { reader, ids, db in
        guard !ids.isEmpty else { return [] }
        let scope = try await reader.scope(CRMModule.leadResource, on: db)
        let rows = try await Lead.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$id ~~ ids).all()
        return Set(rows.filter { scope.contains(department: $0.departmentID, employee: $0.ownerID, createdBy: nil) }.compactMap(\.id))
    })

    static let opportunity = RecordKind(key: CRMModule.opportunityEntity, names: .column("name", in: Opportunity.schema),
                                        link: { id, _ in "/crm/opportunities/\(id.uuidString)" }, readable: { reader, ids, db in
        guard !ids.isEmpty else { return [] }
        let scope = try await reader.scope(CRMModule.opportunityResource, on: db)
        let rows = try await Opportunity.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$id ~~ ids).all()
        return Set(rows.filter { scope.contains(department: $0.departmentID, employee: $0.ownerID, createdBy: nil) }.compactMap(\.id))
    })

    static let contract = RecordKind(key: CRMModule.contractEntity, names: .column("title", in: Contract.schema),
                                     link: { id, _ in "/crm/contracts/\(id.uuidString)" }, readable: { reader, ids, db in
        guard !ids.isEmpty else { return [] }
        let scope = try await reader.scope(CRMModule.contractResource, on: db)
        let rows = try await Contract.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$id ~~ ids).all()
        return Set(rows.filter { scope.contains(department: $0.departmentID, employee: $0.ownerID, createdBy: nil) }.compactMap(\.id))
    })
}
