import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform

/// Reading visits as the caller may: their own, and within their `crm.activity` scope when they
/// hold ``CRMModule/activityRead``.
struct VisitRead: Sendable {
    let context: ServiceContext

    /// - Throws: 404 `visit`.
    func detail(_ id: UUID) async throws -> VisitDTO {
        let visit = try await visible(id)
        return try await Self.dtos([visit], db: context.database, tenantID: context.tenantID)[0]
    }

    func visible(_ id: UUID) async throws -> Visit {
        guard let visit = try await Visit.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id).first(),
              try await CRMScope(context: context).canRead(owner: visit.ownerID, department: visit.departmentID)
        else { throw DomainError.notFound("visit") }
        return visit
    }

    static func dtos(_ visits: [Visit], db: any Database, tenantID: UUID) async throws -> [VisitDTO] {
        let customers = try await PartnerDirectory(db: db).references(Set(visits.map(\.customerID)), tenantID: tenantID)
        let owners = try await EmployeeDirectory(db: db).names(Set(visits.map(\.ownerID)), tenantID: tenantID)
        return visits.map { v in
            VisitDTO(id: v.id!, customerId: v.customerID, customerName: customers[v.customerID]?.name ?? "", ownerId: v.ownerID, ownerName: owners[v.ownerID],
                     plannedFor: v.plannedFor, sequence: v.sequence, purpose: v.purpose, state: v.state, checkInAt: v.checkInAt,
                     checkInDeviceAt: v.checkInDeviceAt, checkInLatitude: v.checkInLatitude, checkInLongitude: v.checkInLongitude,
                     distanceMeters: v.distanceMeters, far: v.far, photoFileId: v.photoFileID, checkOutAt: v.checkOutAt,
                     durationMinutes: v.durationMinutes, summary: v.summary, version: v.version)
        }
    }
}

/// Who may read a rep's visits and follow-ups: the rep, and holders of ``CRMModule/activityRead``
/// within their `crm.activity` data scope.
struct CRMScope: Sendable {
    let context: ServiceContext

    func canRead(owner: UUID, department: UUID?) async throws -> Bool {
        if owner == context.actor.employeeID { return true }
        guard context.actor.holds(CRMModule.activityRead) else { return false }
        return try await context.recordScope(CRMModule.activityResource).contains(department: department, employee: owner, createdBy: nil)
    }
}
