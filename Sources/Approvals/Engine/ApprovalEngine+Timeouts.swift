import AfieldAPI
import Fluent
import Foundation
import Platform

/// Job kinds of approval timers.
enum ApprovalJobs {
    /// Remind the holder of a task still open `remindAfterHours` after it opened.
    static let remind = "approvals.remind"
    /// Act on a task still open `actAfterHours` after it opened: escalate, approve or reject.
    static let act = "approvals.timeout"

    struct Payload: Codable, Sendable {
        var taskID: UUID
    }
}

extension ApprovalEngine {
    /// A reminder timer fired: the task's holder is reminded if it is still open.
    func remind(_ taskID: UUID) async throws {
        guard let found = try await ApprovalTask.query(on: db).filter(\.$id == taskID).filter(\.$tenantID == tenantID).first() else { return }
        let instance = try await lock(found.instanceID)
        guard let task = try await ApprovalTask.find(taskID, on: db), task.state == ApprovalTaskState.open.rawValue,
              instance.state == ApprovalState.pending.rawValue else { return }
        try await record(instance, action: "remind", detail: "approvals.event.reminded", params: ["user": task.assigneeName])
        effects.notices.append(.init(users: [task.assigneeID], code: "approvals.notice.remind", params: ["title": instance.title],
                                     instanceID: try instance.requireID()))
    }

    /// A timeout fired: by the node's rule the task is escalated to its holder's manager
    /// (else the approval administrator), approved or rejected — by the system, on the record.
    func timeOut(_ taskID: UUID) async throws {
        guard let found = try await ApprovalTask.query(on: db).filter(\.$id == taskID).filter(\.$tenantID == tenantID).first() else { return }
        let instance = try await lock(found.instanceID)
        guard let task = try await ApprovalTask.find(taskID, on: db), task.state == ApprovalTaskState.open.rawValue,
              instance.state == ApprovalState.pending.rawValue,
              let step = try await ApprovalStep.find(task.stepID, on: db) else { return }
        let timeout = try step.timeout.map { try JSONText.decode(NodeTimeout.self, $0) }
        switch timeout?.action ?? .escalate {
        case .approve:
            try await apply(.approved, task: task, step: step, instance: instance, actor: (nil, context.actorName), onBehalfOf: nil,
                            comment: nil, attachments: [], nextApprovers: nil, detail: "approvals.event.timeout.approved")
        case .reject:
            try await apply(.rejected, task: task, step: step, instance: instance, actor: (nil, context.actorName), onBehalfOf: nil,
                            comment: nil, attachments: [], nextApprovers: nil, detail: "approvals.event.timeout.rejected")
        case .escalate:
            // Up the holder's reporting line, passing over the requester (who never decides their own request).
            var target = try await org.managerChain(ofUser: task.assigneeID).first { $0 != instance.requesterID }
            if target == nil { target = try await administratorFallback().first }
            guard let target, target != task.assigneeID, target != instance.requesterID else { return }
            task.state = ApprovalTaskState.transferred.rawValue
            task.decidedAt = now
            try await task.save(on: db)
            try await replaceAssignee(task.onBehalfOfID ?? task.assigneeID, with: target, in: step)
            let moved = try await newTask(for: target, in: step, instance: instance, sequence: task.sequence, open: true)
            try await record(instance, action: "timeout", step: step, detail: "approvals.event.timeout.escalated",
                             params: ["from": task.assigneeName, "to": moved.assigneeName])
            instance.version += 1
            try await instance.save(on: db)
        }
    }
}
