import AfieldAPI
import Fluent
import Foundation
import Platform

/// Reading leads within the caller's `crm.lead` data scope (by owner and department).
struct LeadRead: Sendable {
    let context: ServiceContext

    func detail(_ id: UUID) async throws -> LeadDTO {
        try await Self.dtos([try await visible(id)], context: context)[0]
    }

    /// - Throws: 404 `lead` when unknown or outside the caller's scope.
    func visible(_ id: UUID) async throws -> Lead {
        guard context.actor.holds(CRMModule.leadRead) || context.actor.holds(CRMModule.leadWrite),
              let lead = try await Lead.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id).first(),
              try await context.recordScope(CRMModule.leadResource).contains(department: lead.departmentID, employee: lead.ownerID, createdBy: nil)
                || lead.ownerID == nil && lead.createdBy == context.actor.userID
        else { throw DomainError.notFound("lead") }
        return lead
    }

    static func dtos(_ leads: [Lead], context: ServiceContext) async throws -> [LeadDTO] {
        let owners = try await EmployeeDirectory(db: context.database).names(Set(leads.compactMap(\.ownerID)), tenantID: context.tenantID)
        return leads.map { l in
            LeadDTO(id: l.id!, number: l.number, company: l.company, contactName: l.contactName, phone: l.phone, email: l.email, source: l.source,
                    provinceCode: l.provinceCode, cityCode: l.cityCode, districtCode: l.districtCode,
                    divisionName: AdminDivisionsCN.fullName(province: l.provinceCode, city: l.cityCode, district: l.districtCode), notes: l.notes,
                    ownerId: l.ownerID, ownerName: l.ownerID.flatMap { owners[$0] }, state: l.state, invalidReason: l.invalidReason,
                    customerId: l.customerID, opportunityId: l.opportunityID, lastActivityAt: l.lastActivityAt, createdAt: l.createdAt, version: l.version)
        }
    }
}
