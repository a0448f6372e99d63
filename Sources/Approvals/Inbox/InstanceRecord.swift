import Fluent
import Foundation
import Platform

/// Approval instances as records of the platform (``RecordKind``) — only so that files in their
/// comments, decisions and forms are read under the instance's rule: by those who take part
/// (requester, approvers, people copied, those acting on their behalf, delegates of an
/// approver) and holders of `approvals.instance.read_all`. Their comments stay on the engine's
/// own timeline (评论), so the platform's chatter is off (``RecordKind/chatter``).
enum InstanceRecord {
    static let kind = RecordKind(
        key: ApprovalsModule.auditEntity, names: .column("number", in: ApprovalInstance.schema), chatter: false,
        link: { id, _ in "/approvals/\(id.uuidString)" },
        readable: { reader, ids, db in
            guard !ids.isEmpty else { return [] }
            let instances = try await ApprovalInstance.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$id ~~ ids).all()
            if reader.holds(ApprovalsModule.instanceReadAll) { return Set(instances.compactMap(\.id)) }
            var open: Set<UUID> = []
            for instance in instances {
                if try await InstanceViews.takesPart(reader.userID, in: instance, on: db) {
                    open.insert(instance.id!)
                } else if try await isDelegate(reader, of: instance, on: db) {
                    open.insert(instance.id!)
                }
            }
            return open
        })

    /// Whether `reader` stands in today (the company's day) for someone with a task on the instance.
    private static func isDelegate(_ reader: RecordReader, of instance: ApprovalInstance, on db: any Database) async throws -> Bool {
        guard let tenant = try await Tenant.find(reader.tenantID, on: db) else { return false }
        let today = CalendarDay.string(for: Date(), in: TimeZone(identifier: tenant.timeZone) ?? .gmt)
        let delegators = try await ApprovalDelegation.query(on: db).filter(\.$tenantID == instance.tenantID).filter(\.$delegateID == reader.userID)
            .filter(\.$startsOn <= today).filter(\.$endsOn >= today).all().map(\.userID)
        guard !delegators.isEmpty else { return false }
        return try await ApprovalTask.query(on: db).filter(\.$instanceID == instance.requireID()).filter(\.$assigneeID ~~ delegators).first() != nil
    }
}
