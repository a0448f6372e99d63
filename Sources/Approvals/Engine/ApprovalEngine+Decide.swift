import AfieldAPI
import Fluent
import Foundation
import Platform

extension ApprovalEngine {
    /// The caller's task `taskID`, locked with its instance, checked to be theirs and open.
    ///
    /// - Returns: the task, its step, its instance and on whose behalf the caller acts.
    /// - Throws: 404 `approval_task.not_found`; 403 `approvals.task.not_yours` when the caller
    ///   is neither the assignee nor their delegate — whatever permissions they hold (case
    ///   P-01); 409 `approvals.task.already_decided` (with `by`) when it was decided already,
    ///   by the caller or by someone else (P-07).
    func openTask(_ taskID: UUID, actorID: UUID) async throws -> (ApprovalTask, ApprovalStep, ApprovalInstance, (id: UUID, name: String)?) {
        guard let found = try await ApprovalTask.query(on: db).filter(\.$id == taskID).filter(\.$tenantID == tenantID).first() else {
            throw DomainError.notFound("approval_task")
        }
        let instance = try await lock(found.instanceID)
        guard let task = try await ApprovalTask.query(on: db).filter(\.$id == taskID).first(),
              let step = try await ApprovalStep.query(on: db).filter(\.$id == task.stepID).first() else {
            throw DomainError.notFound("approval_task")
        }
        var onBehalfOf: (id: UUID, name: String)? = task.onBehalfOfID.map { ($0, task.onBehalfOfName ?? "") }
        // The requester decides their own request only where the node allows it (P-01), whoever holds the task.
        if actorID == instance.requesterID, try !allowsRequester(step) {
            throw DomainError(status: 403, code: "approvals.task.not_yours")
        }
        if task.assigneeID != actorID {
            // A delegate acts for the task's holder; a task held by a delegate is not delegated again.
            guard task.onBehalfOfID == nil, try await isDelegate(actorID, of: task.assigneeID) else {
                throw DomainError(status: 403, code: "approvals.task.not_yours")
            }
            onBehalfOf = (task.assigneeID, task.assigneeName)
        }
        if task.kind == FlowNodeType.cc.rawValue { throw DomainError(status: 409, code: "approvals.task.is_copy") }
        guard task.state == ApprovalTaskState.open.rawValue, instance.state == ApprovalState.pending.rawValue else {
            let by = task.decidedByName ?? (task.state == ApprovalTaskState.open.rawValue ? nil : task.assigneeName)
            throw DomainError(status: 409, code: "approvals.task.already_decided", params: ["by": by ?? "—"])
        }
        return (task, step, instance, onBehalfOf)
    }

    /// Whether `userID` holds an active delegation from `assignee` today (company time zone).
    func isDelegate(_ userID: UUID, of assignee: UUID) async throws -> Bool {
        let today = CalendarDay.string(for: now, in: try await companyTimeZone())
        return try await ApprovalDelegation.query(on: db).filter(\.$tenantID == tenantID).filter(\.$userID == assignee)
            .filter(\.$delegateID == userID).filter(\.$startsOn <= today).filter(\.$endsOn >= today).first() != nil
    }

    /// Approve (同意) or reject (拒绝) the caller's open task.
    ///
    /// Approving settles the step by its mode — 或签: the first approval decides and closes
    /// the others' tasks as "decided by"; 会签: once everyone (or the minimum) approved;
    /// 依次: the next person's task opens. Rejecting rejects the whole instance at once (P-06)
    /// and the document returns to draft.
    /// - Throws: see ``openTask(_:actorID:)``; 422 `approvals.next_approvers_required` when
    ///   the next node asks this approver to choose and none were given.
    func decide(_ taskID: UUID, approve: Bool, comment: String?, attachments: [UUID], nextApprovers: [UUID]?) async throws -> ApprovalInstance {
        guard let actorID = context.actorID else { throw DomainError(status: 403, code: "auth.forbidden") }
        let (task, step, instance, onBehalfOf) = try await openTask(taskID, actorID: actorID)
        try await apply(approve ? .approved : .rejected, task: task, step: step, instance: instance, actor: (actorID, context.actorName),
                        onBehalfOf: onBehalfOf, comment: comment, attachments: attachments, nextApprovers: nextApprovers)
        return instance
    }

    /// Records a decision on an open task and moves the instance on. Also used by timeouts
    /// (the system as actor).
    func apply(_ decision: ApprovalTaskState, task: ApprovalTask, step: ApprovalStep, instance: ApprovalInstance,
               actor: (id: UUID?, name: String), onBehalfOf: (id: UUID, name: String)?, comment: String?, attachments: [UUID],
               nextApprovers: [UUID]?, detail: String? = nil) async throws {
        if actor.id != nil { personDecided = true }
        task.state = decision.rawValue
        task.comment = comment
        task.decidedAt = now
        if actor.id != task.assigneeID, let id = actor.id {
            task.decidedByID = id
            task.decidedByName = actor.name
        }
        try await task.save(on: db)
        effects.cancelledTimers.append(try task.requireID())
        let action = decision == .approved ? "approve" : "reject"
        try await record(instance, action: action, actorID: actor.id, actorName: actor.name, onBehalfOf: onBehalfOf, step: step,
                         comment: comment, attachments: attachments, detail: detail)
        if decision == .rejected {
            for other in try await tasks(of: step) where other.state == ApprovalTaskState.open.rawValue || other.state == ApprovalTaskState.waiting.rawValue {
                other.state = ApprovalTaskState.closed.rawValue
                other.decidedAt = now
                other.decidedByID = actor.id
                other.decidedByName = actor.name
                try await other.save(on: db)
                effects.cancelledTimers.append(try other.requireID())
            }
            step.state = ApprovalStepState.rejected.rawValue
            step.decidedAt = now
            try await step.save(on: db)
            try await finish(instance, as: .rejected)
            return
        }
        guard try await settle(step, of: instance) else {
            instance.version += 1
            try await instance.save(on: db)
            return
        }
        if let next = try await steps(of: instance).first(where: { $0.state == ApprovalStepState.waiting.rawValue }),
           next.note == "chosenLater", try JSONText.decode([UUID].self, next.assignees).isEmpty {
            var chosen: [UUID] = []
            for id in nextApprovers ?? [] where !chosen.contains(id) {
                let active = try await org.person(id)?.active == true
                let allowed = try allowsRequester(next)
                guard active, id != instance.requesterID || allowed else {
                    throw DomainError.invalid([.init("nextApprovers", "approvals.user_unknown")])
                }
                chosen.append(id)
            }
            if chosen.isEmpty, actor.id != nil {
                throw DomainError.invalid([.init("nextApprovers", "approvals.next_approvers_required")])
            }
            next.assignees = try JSONText.encode(chosen)
            try await next.save(on: db)
        }
        instance.version += 1
        try await instance.save(on: db)
        try await advance(instance)
    }
}
