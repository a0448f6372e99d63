import AfieldAPI
import Fluent
import Foundation
import Platform

extension ApprovalEngine {
    /// A person was deactivated: each task they hold still to decide (open, or waiting in a
    /// sequential step) goes to their stand-in (``StandIns``: their delegate, else their nearest
    /// active manager, never the requester), with a line on the instance's timeline. Steps not
    /// reached yet find the stand-in when they open.
    func handOver(tasksOf userID: UUID) async throws {
        let live = [ApprovalTaskState.open.rawValue, ApprovalTaskState.waiting.rawValue]
        let held = try await ApprovalTask.query(on: db).filter(\.$tenantID == tenantID).filter(\.$assigneeID == userID)
            .filter(\.$state ~~ live).filter(\.$kind != FlowNodeType.cc.rawValue).all()
        for instanceID in Set(held.map(\.instanceID)).sorted(by: { $0.uuidString < $1.uuidString }) {
            let instance = try await lock(instanceID)
            // Read again under the lock: an approver may have decided meanwhile.
            let tasks = try await ApprovalTask.query(on: db).filter(\.$instanceID == instanceID).filter(\.$assigneeID == userID)
                .filter(\.$state ~~ live).filter(\.$kind != FlowNodeType.cc.rawValue).sort(\.$sequence).all()
            for task in tasks { try await handOver(task, of: instance) }
        }
    }

    private func handOver(_ found: ApprovalTask, of instance: ApprovalInstance) async throws {
        // An earlier hand-over in this instance may have settled the step or ended the flow.
        guard instance.state == ApprovalState.pending.rawValue, let task = try await ApprovalTask.find(found.requireID(), on: db),
              task.state == ApprovalTaskState.open.rawValue || task.state == ApprovalTaskState.waiting.rawValue,
              let step = try await ApprovalStep.find(task.stepID, on: db) else { return }
        let meantFor = task.onBehalfOfID ?? task.assigneeID
        var holder = try await standIns().holder(for: meantFor, requester: instance.requesterID)
        if holder.assignee == instance.requesterID, try !allowsRequester(step) {
            guard let manager = try await org.managerChain(ofUser: instance.requesterID).first else { return }
            holder = StandIns.Holder(assignee: manager, onBehalfOf: nil, replacesInactive: true)
        }
        guard holder.assignee != task.assigneeID else { return }
        let wasOpen = task.state == ApprovalTaskState.open.rawValue
        let to = try await org.name(holder.assignee)
        task.state = ApprovalTaskState.transferred.rawValue
        task.decidedAt = now
        try await task.save(on: db)
        effects.cancelledTimers.append(try task.requireID())
        try await record(instance, action: "reassign", step: step, detail: "approvals.event.reassigned.deactivated",
                         params: ["from": task.assigneeName, "to": to])
        try await audit(instance, action: "reassign", changes: ["assignee": (task.assigneeName, to), "step": (nil, step.name)])
        instance.version += 1
        try await instance.save(on: db)
        let deciding = [ApprovalTaskState.open, .waiting, .approved].map(\.rawValue)
        if try await tasks(of: step).contains(where: { $0.id != task.id && deciding.contains($0.state)
            && ($0.assigneeID == holder.assignee || $0.onBehalfOfID == holder.assignee) }) {
            // The stand-in decides in this step already (会签 counts people): no second vote; the
            // step goes on without the one who left.
            if try await settle(step, of: instance) { try await advance(instance) }
            return
        }
        if holder.onBehalfOf == nil, holder.assignee != meantFor {
            try await replaceAssignee(meantFor, with: holder.assignee, in: step)
        }
        _ = try await newTask(for: holder.assignee, in: step, instance: instance, sequence: task.sequence, open: wasOpen, onBehalfOf: holder.onBehalfOf)
    }
}
