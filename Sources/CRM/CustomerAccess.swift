import Foundation
import Partners
import Platform

/// The customers CRM records hang on, read through Partners' public ``PartnerDirectory`` and
/// checked against the caller's `partners.customer` data scope (DESIGN §1: never Partners' tables).
struct CustomerAccess: Sendable {
    let context: ServiceContext

    /// The customers `ids`, every one of which the caller may see.
    /// - Throws: 404 `customer` when one is unknown, not a customer, or outside the caller's scope.
    func visibleCustomers(_ ids: [UUID]) async throws -> [UUID: PartnerDirectory.Reference] {
        guard !ids.isEmpty else { return [:] }
        let found = try await PartnerDirectory(db: context.database).references(Set(ids), tenantID: context.tenantID)
        let scope = try await context.recordScope("partners.customer")
        let outside = ids.filter { found[$0].map { !$0.isVisible(in: scope) } ?? false }
        // A customer's collaborators work it too (Partners' ``CustomerCollaborators``).
        let collaborating = try await CustomerCollaborators(context: context).collaborating(Set(outside))
        for id in ids {
            guard let customer = found[id], customer.isCustomer, customer.isVisible(in: scope) || collaborating.contains(id) else { throw DomainError.notFound("customer") }
        }
        return found
    }

    /// The customer `id` if the caller may see it.
    func visibleCustomer(_ id: UUID) async throws -> PartnerDirectory.Reference {
        try await visibleCustomers([id])[id]!
    }
}
