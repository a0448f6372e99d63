import Fluent
import Foundation
import Platform

/// Who holds work meant for a person on one company day: the person, their delegate while they
/// are away (代理审批), or — once they are no longer active — their delegate, else the nearest
/// active manager above them, else the approval administrator. The engine, the hand-over at
/// deactivation and the route previews all ask here, so they never disagree.
struct StandIns {
    let org: OrgDirectory
    /// `YYYY-MM-DD` in the company's time zone: delegations are by company day.
    let today: String

    /// Who takes `person`'s part, and on whose behalf.
    struct Holder: Equatable {
        var assignee: UUID
        /// Set when a delegate holds the task for `person`.
        var onBehalfOf: UUID?
        /// `person` is no longer active and someone else took their place (the timeline says so).
        var replacesInactive: Bool
    }

    /// The holder for `person` in a request by `requester`, who never stands in for anyone.
    func holder(for person: UUID, requester: UUID) async throws -> Holder {
        let active = try await org.person(person)?.active ?? false
        if let delegate = try await activeDelegate(of: person), delegate != requester {
            return Holder(assignee: delegate, onBehalfOf: person, replacesInactive: !active)
        }
        guard !active else { return Holder(assignee: person, onBehalfOf: nil, replacesInactive: false) }
        for manager in try await org.managerChain(ofUser: person) where manager != requester {
            if try await org.person(manager)?.active == true { return Holder(assignee: manager, onBehalfOf: nil, replacesInactive: true) }
        }
        if let administrator = try await administrators().first(where: { $0 != requester && $0 != person }) {
            return Holder(assignee: administrator, onBehalfOf: nil, replacesInactive: true)
        }
        // Nobody at all can take it: it stays where it was, for an administrator to transfer.
        return Holder(assignee: person, onBehalfOf: nil, replacesInactive: false)
    }

    /// The active delegate `person` named for today, if any.
    func activeDelegate(of person: UUID) async throws -> UUID? {
        let tenantID = org.tenantID
        guard let delegation = try await ApprovalDelegation.query(on: org.db).filter(\.$tenantID == tenantID).filter(\.$userID == person)
            .filter(\.$startsOn <= today).filter(\.$endsOn >= today).first(),
              try await org.person(delegation.delegateID)?.active == true else { return nil }
        return delegation.delegateID
    }

    /// The company's approval administrator when set and active, else its active administrators.
    func administrators() async throws -> [UUID] {
        let tenantID = org.tenantID
        if let settings = try await ApprovalSettings.query(on: org.db).filter(\.$tenantID == tenantID).first(),
           let admin = settings.administratorID, try await org.person(admin)?.active == true {
            return [admin]
        }
        return try await org.administrators()
    }
}
