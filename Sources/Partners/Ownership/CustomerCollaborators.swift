import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// A colleague working a customer with its owner.
final class CustomerCollaborator: Model, @unchecked Sendable {
    static let schema = "partner_collaborators"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "partner_id") var partnerID: UUID
    @Field(key: "employee_id") var employeeID: UUID
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// Collaborators (协作人, issue 12 point 2): colleagues who work a customer with its owner, as
/// 销售易's and 纷享销客's customer teams. A collaborator sees the customer whatever their data
/// scope says — in the customer list, on its page, on its timeline — and logs follow-ups and
/// visits on it; ownership, transfer and the public pool stay the owner's. The owner, or a holder
/// of `partners.customer.transfer` who sees the customer, adds and removes them; adding and
/// removing one at a time, so two people changing the team at once both keep their change.
public struct CustomerCollaborators: Sendable {
    let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    static let maximumPerCustomer = 20

    /// The SQL condition "the reader collaborates on this customer" for the list of `table`
    /// (the partners table or its alias); nil for a reader who is no employee.
    static func condition(table: String, employeeID: UUID?) -> SQLQueryString? {
        guard let employeeID else { return nil }
        return "EXISTS (SELECT 1 FROM partner_collaborators pc WHERE pc.partner_id = \(ident: table).id AND pc.employee_id = \(bind: employeeID))"
    }

    /// Of `customerIDs`, those the caller collaborates on.
    public func collaborating(_ customerIDs: Set<UUID>) async throws -> Set<UUID> {
        guard let employeeID = context.actor.employeeID, !customerIDs.isEmpty else { return [] }
        return try await Self.collaborating(customerIDs, employeeID: employeeID, tenantID: context.tenantID, on: context.database)
    }

    static func collaborating(_ customerIDs: Set<UUID>, employeeID: UUID, tenantID: UUID, on db: any Database) async throws -> Set<UUID> {
        guard !customerIDs.isEmpty else { return [] }
        return Set(try await CustomerCollaborator.query(on: db).filter(\.$tenantID == tenantID).filter(\.$employeeID == employeeID)
            .filter(\.$partnerID ~~ customerIDs).all().map(\.partnerID))
    }

    /// The customer's collaborators, in the order they were added.
    func list(_ customerID: UUID) async throws -> [CollaboratorDTO] {
        _ = try await CustomerRead(context: context).visible(customerID)
        return try await rows(customerID)
    }

    private func rows(_ customerID: UUID) async throws -> [CollaboratorDTO] {
        let rows = try await CustomerCollaborator.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$partnerID == customerID)
            .sort(\.$createdAt).sort(\.$id).all()
        let names = try await EmployeeDirectory(db: context.database).names(Set(rows.map(\.employeeID)), tenantID: context.tenantID)
        return rows.map { CollaboratorDTO(employeeId: $0.employeeID, name: names[$0.employeeID], addedAt: $0.createdAt) }
    }

    /// The customer if the caller may change its team: its owner, or a transfer holder.
    private func changeable(_ customerID: UUID) async throws -> Partner {
        let customer = try await CustomerRead(context: context).visible(customerID)
        guard customer.poolSince == nil else { throw DomainError(status: 409, code: "partners.collaborator.in_pool") }
        let owner = customer.ownerID != nil && customer.ownerID == context.actor.employeeID
        guard owner || context.actor.holds(CustomerOwnership.transfer) else {
            throw DomainError(status: 403, code: "partners.collaborator.owner_only")
        }
        return customer
    }

    /// Adds `employeeID` to the customer's team (already there: no change).
    /// - Throws: 404; 403 `partners.collaborator.owner_only`; 422 `partners.collaborator.unknown`
    ///   (not an active employee), `partners.collaborator.owner` (the owner himself); 409
    ///   `partners.collaborator.too_many`, `partners.collaborator.in_pool`.
    func add(_ employeeID: UUID, to customerID: UUID) async throws -> [CollaboratorDTO] {
        let customer = try await changeable(customerID)
        guard let employee = try await EmployeeDirectory(db: context.database).find(employeeID, tenantID: context.tenantID), !employee.archived else {
            throw DomainError.invalid([.init("employeeId", "partners.collaborator.unknown")])
        }
        guard customer.ownerID != employeeID else { throw DomainError.invalid([.init("employeeId", "partners.collaborator.owner")]) }
        let now = context.now()
        let context = self.context
        try await context.write { db in
            let existing = try await CustomerCollaborator.query(on: db).filter(\.$partnerID == customerID).all()
            guard !existing.contains(where: { $0.employeeID == employeeID }) else { return }
            guard existing.count < Self.maximumPerCustomer else {
                throw DomainError(status: 409, code: "partners.collaborator.too_many", params: ["max": String(Self.maximumPerCustomer)])
            }
            let row = CustomerCollaborator()
            row.id = UUID()
            row.tenantID = context.tenantID
            row.partnerID = customerID
            row.employeeID = employeeID
            row.createdBy = context.actor.userID
            row.createdAt = now
            try await row.create(on: db)
            var changes = AuditChanges()
            changes.set("collaborator", nil, employee.name)
            try await AuditLog.append(entity: PartnersModule.auditEntity, entityID: customerID, action: "collaborator_add", changes: changes,
                                      context: context.audit, on: db, now: now)
            try await Revisions.bump(PartnersModule.revisionKey, tenantID: context.tenantID, on: db)
        }
        return try await rows(customerID)
    }

    /// Removes `employeeID` from the customer's team (not in it: no change). A collaborator may
    /// also leave a team himself.
    func remove(_ employeeID: UUID, from customerID: UUID) async throws -> [CollaboratorDTO] {
        if employeeID != context.actor.employeeID { _ = try await changeable(customerID) } else { _ = try await CustomerRead(context: context).visible(customerID) }
        let name = try await EmployeeDirectory(db: context.database).names([employeeID], tenantID: context.tenantID)[employeeID]
        let now = context.now()
        let context = self.context
        try await context.write { db in
            let gone = try await CustomerCollaborator.query(on: db).filter(\.$partnerID == customerID).filter(\.$employeeID == employeeID).all()
            guard !gone.isEmpty else { return }
            try await CustomerCollaborator.query(on: db).filter(\.$partnerID == customerID).filter(\.$employeeID == employeeID).delete()
            var changes = AuditChanges()
            changes.set("collaborator", name ?? employeeID.uuidString, nil)
            try await AuditLog.append(entity: PartnersModule.auditEntity, entityID: customerID, action: "collaborator_remove", changes: changes,
                                      context: context.audit, on: db, now: now)
            try await Revisions.bump(PartnersModule.revisionKey, tenantID: context.tenantID, on: db)
        }
        return try await rows(customerID)
    }
}
