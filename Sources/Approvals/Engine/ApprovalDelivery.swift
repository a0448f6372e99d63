import Fluent
import Foundation
import Platform
import Vapor

/// Hands an action's notices to the notification centre and its timers to the job queue, in
/// the action's transaction: a rolled-back action neither notifies nor schedules.
struct ApprovalDelivery {
    let application: Application

    func deliver(_ effects: ApprovalEffects, tenantID: UUID, on db: any Database) async throws {
        for notice in effects.notices where !notice.users.isEmpty {
            let message = NotificationMessage(kind: Self.kind(notice.code), code: notice.code, params: notice.params,
                                              link: "/approvals/\(notice.instanceID.uuidString.lowercased())",
                                              entity: ApprovalsModule.auditEntity, entityID: notice.instanceID)
            try await application.notificationCentre.send(message, to: notice.users, tenantID: tenantID, on: db)
        }
        // A task decided in this action needs no timer; one opened in it gets its own.
        let opened = Set(effects.timers.map(\.taskID))
        for task in Set(effects.cancelledTimers).subtracting(opened) {
            for kind in [ApprovalJobs.remind, ApprovalJobs.act] {
                try await application.jobs.cancel(kind, key: task.uuidString, tenantID: tenantID, on: db)
            }
        }
        for timer in effects.timers {
            try await application.jobs.enqueue(timer.kind, payload: ApprovalJobs.Payload(taskID: timer.taskID), runAt: timer.at,
                                               tenantID: tenantID, key: timer.taskID.uuidString, on: db)
        }
    }

    /// The notification kind users set preferences for (Identity's notification kinds):
    /// a task for me, a decision on mine, a CC.
    static func kind(_ code: String) -> String {
        switch code {
        case "approvals.notice.approved", "approvals.notice.rejected", "approvals.notice.returned": "approval.decided"
        case "approvals.notice.cc": "approval.cc"
        default: "approval.requested"
        }
    }
}
