import AfieldAPI
import Fluent
import Foundation
import Platform

/// Reading one customer as the caller may: inside their data scope, or in the public pool when
/// they may claim or transfer and the pool rules show it to them.
struct CustomerRead: Sendable {
    let context: ServiceContext

    /// - Throws: 404 `customer` when it does not exist or the caller may not see it.
    func detail(_ id: UUID) async throws -> PartnerDetail {
        let partner = try await visible(id)
        let owner = try await partner.ownerID.asyncMap { try await EmployeeDirectory(db: context.database).names([$0], tenantID: context.tenantID)[$0] }
        return partner.detail(currency: context.actor.tenant.currency, ownerName: owner ?? nil)
    }

    /// The customer `id` with its contacts, if the caller may see it.
    func visible(_ id: UUID) async throws -> Partner {
        let actor = context.actor
        guard actor.holds(PartnerRole.customer.readPermission) || actor.holds(CustomerOwnership.claim),
              let partner = try await Partner.query(on: context.database).filter(\.$tenantID == actor.tenantID).filter(\.$id == id)
                .filter(\.$isCustomer == true).with(\.$contacts).first()
        else { throw DomainError.notFound("customer") }
        if partner.poolSince != nil, try await CustomerPool(context: context).canSee(partner) { return partner }
        guard actor.holds(PartnerRole.customer.readPermission) else { throw DomainError.notFound("customer") }
        let scope = try await context.recordScope("partners.customer")
        // Customers are their owner's (and their department's), not their creator's: a customer
        // transferred or returned to the pool leaves the list of the rep who entered it.
        if scope.contains(department: partner.departmentID, employee: partner.ownerID, createdBy: nil) { return partner }
        // A collaborator sees the customer whoever owns it.
        guard let employeeID = actor.employeeID,
              try await !CustomerCollaborators.collaborating([id], employeeID: employeeID, tenantID: actor.tenantID, on: context.database).isEmpty
        else { throw DomainError.notFound("customer") }
        return partner
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
