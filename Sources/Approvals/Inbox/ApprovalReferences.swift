import Fluent
import Foundation
import Platform

/// Approval instances as another module refers to them (a task linked to a request): which ones the
/// actor of `context` may open — the same rule as `GET /api/v1/approvals/instances/{id}` (takes
/// part, stands in for someone who does, or holds `approvals.instance.read_all`).
public struct ApprovalReferences: Sendable {
    let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    /// The titles of the instances among `ids` the actor may open, by id; the others (unknown,
    /// another company's, not theirs to see) are absent. Checks one id at a time (a few queries
    /// each, through the inbox's own rule), so it is for the handful of links a record holds, not
    /// for a list.
    public func titles(_ ids: Set<UUID>) async throws -> [UUID: String] {
        var found: [UUID: String] = [:]
        let instances = ApprovalInstances(context: context)
        for id in ids {
            do {
                found[id] = try await instances.visible(id).title
            } catch let error as DomainError where error.status == 404 {
                continue
            }
        }
        return found
    }
}
