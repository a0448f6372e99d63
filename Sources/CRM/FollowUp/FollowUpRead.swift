import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform
import Sales

/// Reading follow-ups: one's own and, with ``CRMModule/activityRead``, those in one's
/// `crm.activity` scope; on a customer's page, every follow-up of a customer one may see (a new
/// owner needs the history the previous one wrote).
struct FollowUpRead: Sendable {
    let context: ServiceContext

    func detail(_ id: UUID) async throws -> FollowUpDTO {
        guard let row = try await FollowUp.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id).first(),
              try await CRMScope(context: context).canRead(owner: row.ownerID, department: row.departmentID)
        else { throw DomainError.notFound("follow_up") }
        return try await Self.dtos([row], context: context)[0]
    }

    /// The follow-ups of customer `id` (which the caller must see), newest first, at most `limit`.
    func ofCustomer(_ id: UUID, limit: Int = 200) async throws -> [FollowUpDTO] {
        _ = try await CustomerAccess(context: context).visibleCustomer(id)
        let rows = try await FollowUp.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$customerID == id)
            .sort(\.$at, .descending).sort(\.$id).limit(limit).all()
        return try await Self.dtos(rows, context: context)
    }

    /// The follow-ups of lead `id` (which the caller must see), newest first.
    func ofLead(_ id: UUID, limit: Int = 200) async throws -> [FollowUpDTO] {
        _ = try await LeadRead(context: context).visible(id)
        let rows = try await FollowUp.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$leadID == id)
            .sort(\.$at, .descending).sort(\.$id).limit(limit).all()
        return try await Self.dtos(rows, context: context)
    }

    /// The follow-ups of opportunity `id` (which the caller must see), newest first.
    func ofOpportunity(_ id: UUID, limit: Int = 200) async throws -> [FollowUpDTO] {
        _ = try await OpportunityRead(context: context).visible(id)
        let rows = try await FollowUp.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$opportunityID == id)
            .sort(\.$at, .descending).sort(\.$id).limit(limit).all()
        return try await Self.dtos(rows, context: context)
    }

    static func dtos(_ rows: [FollowUp], context: ServiceContext) async throws -> [FollowUpDTO] {
        let owners = try await EmployeeDirectory(db: context.database).names(Set(rows.map(\.ownerID)), tenantID: context.tenantID)
        return rows.map {
            FollowUpDTO(id: $0.id!, customerId: $0.customerID, leadId: $0.leadID, opportunityId: $0.opportunityID, visitId: $0.visitID, kind: $0.kind,
                        notes: $0.notes, at: $0.at, nextStep: $0.nextStep, nextAt: $0.nextAt, ownerId: $0.ownerID, ownerName: owners[$0.ownerID])
        }
    }
}

/// A customer's timeline (issue 12 point 4): follow-ups, visits, opportunities and owner changes,
/// newest first.
struct CustomerTimeline: Sendable {
    let context: ServiceContext

    func entries(_ customerID: UUID) async throws -> [TimelineEntryDTO] {
        let followUps = try await FollowUpRead(context: context).ofCustomer(customerID)
        var entries: [TimelineEntryDTO] = followUps.map {
            TimelineEntryDTO(kind: "follow_up", at: $0.at, title: $0.kind, detail: $0.notes, byName: $0.ownerName, link: nil, id: $0.id)
        }
        let visits = try await Visit.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$customerID == customerID)
            .filter(\.$state != "cancelled").sort(\.$plannedFor, .descending).limit(200).all()
        for visit in try await VisitRead.dtos(visits, db: context.database, tenantID: context.tenantID) where visit.state != "done" {
            // A done visit is on the timeline as its follow-up; a planned or running one as itself.
            entries.append(TimelineEntryDTO(kind: "visit", at: visit.checkInAt ?? Self.noon(visit.plannedFor) ?? Date(), title: visit.state,
                                            detail: visit.purpose, byName: visit.ownerName, link: "/crm/visits/\(visit.id)", id: visit.id))
        }
        for opportunity in try await OpportunityRead(context: context).ofCustomer(customerID) {
            entries.append(TimelineEntryDTO(kind: "opportunity", at: opportunity.createdAt ?? Date(), title: opportunity.name,
                                            detail: opportunity.stageName, byName: opportunity.ownerName, link: "/crm/opportunities/\(opportunity.id)",
                                            id: opportunity.id))
        }
        for change in try await CustomerOwnership(context: context).history(customerID) {
            entries.append(TimelineEntryDTO(kind: "owner", at: change.at, title: change.action, detail: change.reason,
                                            byName: change.toOwnerName ?? change.fromOwnerName, link: nil, id: nil))
        }
        let gate = context.application.approvalGate
        for contract in try await ContractRead(context: context).ofCustomer(customerID) {
            let at = contract.createdAt ?? Self.noon(contract.startsOn) ?? Date()
            entries.append(TimelineEntryDTO(kind: "contract", at: at, title: "\(contract.number) \(contract.title)", detail: contract.state,
                                            byName: contract.ownerName, link: "/crm/contracts/\(contract.id)", id: contract.id))
            if let state = contract.approvalState {
                entries.append(TimelineEntryDTO(kind: "approval", at: at.addingTimeInterval(1), title: contract.number, detail: state, byName: contract.ownerName,
                                                link: contract.approvalId.map { "/approvals/\($0.uuidString)" }, id: contract.approvalId))
            }
        }
        for order in try await CustomerOrders(context: context).ofCustomer(customerID) {
            let at = Self.noon(order.orderDate) ?? Date()
            entries.append(TimelineEntryDTO(kind: "order", at: at, title: order.number, detail: order.state, byName: order.salespersonName,
                                            link: "/sales/orders/\(order.id)", id: order.id))
            if let approval = try await gate.status(subject: "sales.order", documentID: order.id, tenantID: context.tenantID, on: context.database) {
                entries.append(TimelineEntryDTO(kind: "approval", at: at.addingTimeInterval(1), title: order.number, detail: approval.state,
                                                byName: order.salespersonName, link: "/approvals/\(approval.id.uuidString)", id: approval.id))
            }
        }
        return entries.sorted { $0.at > $1.at }
    }

    /// Noon UTC of a day, to place a planned visit on the timeline.
    static func noon(_ day: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: day + "T12:00:00Z")
    }
}
