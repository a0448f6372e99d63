import Fluent
import Foundation
import Platform

extension ApprovalsModule {
    /// Instances are in the change feed (an offline device keeps its inbox and requests fresh
    /// from it) for the people who may see them: those taking part — requester, assignee, the one
    /// an assignee acts for — and holders of `approvals.instance.read_all`. A delegate sees
    /// changes through the delegator's tasks when the inbox is next read, not through the feed.
    public var feedEntities: [String: [Permission]] { [Self.auditEntity: [Self.inboxRead]] }

    public var feedFilters: [String: FeedFilter] {
        [Self.auditEntity: { context, ids in
            let actor = context.actor
            let own = try await ApprovalInstance.query(on: context.database).filter(\.$tenantID == actor.tenantID).filter(\.$id ~~ ids).all()
            if actor.holds(Self.instanceReadAll) { return Set(own.compactMap(\.id)) }
            let requested = Set(own.filter { $0.requesterID == actor.userID }.compactMap(\.id))
            let tasks = try await ApprovalTask.query(on: context.database).filter(\.$instanceID ~~ ids)
                .group(.or) { $0.filter(\.$assigneeID == actor.userID).filter(\.$onBehalfOfID == actor.userID) }.all()
            return requested.union(tasks.map(\.instanceID)).intersection(Set(own.compactMap(\.id)))
        }]
    }
}
