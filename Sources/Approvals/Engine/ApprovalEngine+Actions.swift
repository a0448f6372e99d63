import AfieldAPI
import Fluent
import Foundation
import Platform

extension ApprovalEngine {
    /// 退回: back to an earlier step of this round (it and every step after it wait again and
    /// the earlier one opens anew), or to the requester (`toNodeID` nil), who changes the
    /// request and resubmits; the flow then resumes at the returning step.
    /// - Throws: 422 `approvals.return_target_invalid` when the node is not an earlier step.
    func returnTask(_ taskID: UUID, toNodeID: String?, comment: String?) async throws -> ApprovalInstance {
        guard let actorID = context.actorID else { throw DomainError(status: 403, code: "auth.forbidden") }
        let (task, step, instance, onBehalfOf) = try await openTask(taskID, actorID: actorID)
        let all = try await steps(of: instance)
        var target: ApprovalStep?
        if let toNodeID {
            target = all.last { $0.nodeID == toNodeID && $0.position < step.position && $0.type != FlowNodeType.cc.rawValue }
            guard target != nil else { throw DomainError.invalid([.init("toNodeId", "approvals.return_target_invalid")]) }
        }
        task.state = ApprovalTaskState.returned.rawValue
        task.comment = comment
        task.decidedAt = now
        try await task.save(on: db)
        for other in try await ApprovalTask.query(on: db).filter(\.$instanceID == instance.requireID())
            .filter(\.$state ~~ [ApprovalTaskState.open.rawValue, ApprovalTaskState.waiting.rawValue]).all() {
            other.state = ApprovalTaskState.cancelled.rawValue
            other.decidedAt = now
            try await other.save(on: db)
            effects.cancelledTimers.append(try other.requireID())
        }
        effects.cancelledTimers.append(try task.requireID())
        step.state = ApprovalStepState.returned.rawValue
        try await step.save(on: db)
        try await record(instance, action: "return", actorID: actorID, actorName: context.actorName, onBehalfOf: onBehalfOf, step: step,
                         comment: comment, detail: target == nil ? "approvals.event.returned.requester" : "approvals.event.returned.step",
                         params: ["step": target?.name ?? ""])
        instance.version += 1
        if let target {
            // Every step from the target on waits again; their earlier approvals stay in history.
            // CC steps informed people already; they are not sent again.
            for later in all where later.position >= target.position && later.state != ApprovalStepState.skipped.rawValue
                && later.type != FlowNodeType.cc.rawValue {
                later.state = ApprovalStepState.waiting.rawValue
                try await later.save(on: db)
                for old in try await tasks(of: later) where old.state == ApprovalTaskState.approved.rawValue {
                    old.state = ApprovalTaskState.returned.rawValue
                    try await old.save(on: db)
                }
            }
            try await instance.save(on: db)
            try await advance(instance)
        } else {
            instance.state = ApprovalState.returned.rawValue
            instance.resumePosition = step.position
            try await instance.save(on: db)
            effects.notices.append(.init(users: [instance.requesterID], code: "approvals.notice.returned", params: ["title": instance.title],
                                         instanceID: try instance.requireID()))
            if let document = instance.documentID, !instance.subject.hasPrefix("form.") {
                effects.outcomes.append(.init(subject: instance.subject, documentID: document, outcome: "returned", context: context))
            }
        }
        return instance
    }

    /// 转交: the task goes to `to`, who decides in the caller's place.
    /// - Throws: 422 `approvals.user_unknown` for an unknown or inactive user, or the requester.
    func transfer(_ taskID: UUID, to: UUID, comment: String?) async throws -> ApprovalInstance {
        guard let actorID = context.actorID else { throw DomainError(status: 403, code: "auth.forbidden") }
        let (task, step, instance, onBehalfOf) = try await openTask(taskID, actorID: actorID)
        guard to != actorID, to != instance.requesterID, let person = try await org.person(to), person.active else {
            throw DomainError.invalid([.init("to", "approvals.user_unknown")])
        }
        // Someone already deciding in this step would get a second vote (会签 counts people).
        if try await tasks(of: step).contains(where: { ($0.assigneeID == to || $0.onBehalfOfID == to) && $0.id != task.id
            && [ApprovalTaskState.open, .waiting, .approved].map(\.rawValue).contains($0.state) }) {
            throw DomainError.invalid([.init("to", "approvals.already_in_step")])
        }
        task.state = ApprovalTaskState.transferred.rawValue
        task.comment = comment
        task.decidedAt = now
        try await task.save(on: db)
        effects.cancelledTimers.append(try task.requireID())
        try await replaceAssignee(task.onBehalfOfID ?? task.assigneeID, with: to, in: step)
        let moved = try await newTask(for: to, in: step, instance: instance, sequence: task.sequence, open: true)
        try await record(instance, action: "transfer", actorID: actorID, actorName: context.actorName, onBehalfOf: onBehalfOf, step: step,
                         comment: comment, detail: "approvals.event.transferred", params: ["to": moved.assigneeName])
        instance.version += 1
        try await instance.save(on: db)
        return instance
    }

    /// 加签: `before` — the added people decide first in a new step, then the caller's step
    /// opens again; `after` — a new step after the caller's; `alongside` — more people in the
    /// caller's step (会签 then needs them too).
    func addSigners(_ taskID: UUID, users: [UUID], position: AddSignerPosition, comment: String?) async throws -> ApprovalInstance {
        guard let actorID = context.actorID else { throw DomainError(status: 403, code: "auth.forbidden") }
        let (task, step, instance, onBehalfOf) = try await openTask(taskID, actorID: actorID)
        var people: [UUID] = []
        for id in users where id != instance.requesterID && id != actorID && id != task.onBehalfOfID && !people.contains(id) {
            guard try await org.person(id)?.active == true else { throw DomainError.invalid([.init("users", "approvals.user_unknown")]) }
            people.append(id)
        }
        guard !people.isEmpty, people.count <= 20 else { throw DomainError.invalid([.init("users", "approvals.users_required")]) }
        let names = try await people.asyncMapAll { try await self.org.name($0) }.joined(separator: ", ")
        try await record(instance, action: "addSigner", actorID: actorID, actorName: context.actorName, onBehalfOf: onBehalfOf, step: step,
                         comment: comment, detail: "approvals.event.addSigner.\(position.rawValue)", params: ["users": names])
        switch position {
        case .alongside:
            var assignees = try JSONText.decode([UUID].self, step.assignees)
            let existing = Set(try await tasks(of: step).map(\.assigneeID))
            var sequence = try await tasks(of: step).map(\.sequence).max() ?? 0
            for person in people where !existing.contains(person) {
                sequence += 1
                assignees.append(person)
                let sequentialWait = step.mode == ApprovalMode.sequential.rawValue
                _ = try await newTask(for: person, in: step, instance: instance, sequence: sequence, open: !sequentialWait)
                if let required = step.required, step.mode == ApprovalMode.all.rawValue, required >= assignees.count - 1 { step.required = required + 1 }
            }
            step.assignees = try JSONText.encode(assignees)
            try await step.save(on: db)
        case .after, .before:
            let all = try await steps(of: instance)
            let neighbour = position == .after ? all.first { $0.position > step.position } : all.last { $0.position < step.position }
            let added = ApprovalStep()
            added.tenantID = tenantID
            added.instanceID = try instance.requireID()
            added.round = instance.round
            added.position = try await gapPosition(between: position == .after ? step.position : neighbour?.position ?? 0,
                                                   and: position == .after ? neighbour?.position ?? step.position + 2048 : step.position, in: instance)
            added.nodeID = "\(step.nodeID)+\(position.rawValue)"
            added.name = step.name
            added.type = FlowNodeType.approver.rawValue
            added.mode = (people.count > 1 ? ApprovalMode.sequential : .any).rawValue
            added.assignees = try JSONText.encode(people)
            added.note = "addSigner.\(position.rawValue)"
            added.state = ApprovalStepState.waiting.rawValue
            try await added.create(on: db)
            if position == .before {
                // The caller's step waits until the added people decided; then it opens again.
                for open in try await tasks(of: step) where open.state == ApprovalTaskState.open.rawValue || open.state == ApprovalTaskState.waiting.rawValue {
                    open.state = ApprovalTaskState.cancelled.rawValue
                    try await open.save(on: db)
                    effects.cancelledTimers.append(try open.requireID())
                }
                step.state = ApprovalStepState.waiting.rawValue
                try await step.save(on: db)
                try await advance(instance)
            }
        }
        _ = task
        instance.version += 1
        try await instance.save(on: db)
        return instance
    }

    /// A position strictly between two, renumbering the round's steps when no gap is left.
    private func gapPosition(between low: Int, and high: Int, in instance: ApprovalInstance) async throws -> Int {
        if high - low >= 2 { return low + (high - low) / 2 }
        let all = try await steps(of: instance)
        var newLow = low, newHigh = high
        for (index, step) in all.enumerated() {
            let position = (index + 1) * 1024
            if step.position == low { newLow = position }
            if step.position == high { newHigh = position }
            step.position = position
            try await step.save(on: db)
        }
        return newLow + (newHigh - newLow) / 2
    }

    /// Puts `replacement` in `person`'s place in the step's planned people, so that the step,
    /// if it opens again (after a return or an added signer), asks the replacement.
    func replaceAssignee(_ person: UUID, with replacement: UUID, in step: ApprovalStep) async throws {
        var people = try JSONText.decode([UUID].self, step.assignees)
        if let index = people.firstIndex(of: person) { people[index] = replacement } else { people.append(replacement) }
        step.assignees = try JSONText.encode(people.reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } })
        try await step.save(on: db)
    }

    /// A new task in `step` for `person` (a delegate holding it for `onBehalfOf`).
    func newTask(for person: UUID, in step: ApprovalStep, instance: ApprovalInstance, sequence: Int, open: Bool,
                 onBehalfOf: UUID? = nil) async throws -> ApprovalTask {
        let task = ApprovalTask()
        task.tenantID = tenantID
        task.instanceID = try instance.requireID()
        task.stepID = try step.requireID()
        task.sequence = sequence
        task.assigneeID = person
        task.assigneeName = try await org.name(person)
        task.onBehalfOfID = onBehalfOf
        task.onBehalfOfName = try await onBehalfOf.asyncMap { try await self.org.name($0) }
        task.kind = step.type
        task.state = (open ? ApprovalTaskState.open : .waiting).rawValue
        if open { task.openedAt = now }
        try await task.create(on: db)
        if open { try await opened(task, step: step, instance: instance) }
        return task
    }

    /// 撤回 by the requester before the final decision; the document returns to draft.
    /// - Throws: 403 `approvals.not_requester`; 409 `approvals.instance.not_pending`.
    func withdraw(_ instanceID: UUID, comment: String?) async throws -> ApprovalInstance {
        let instance = try await lock(instanceID)
        guard instance.requesterID == context.actorID else { throw DomainError(status: 403, code: "approvals.not_requester") }
        guard instance.state == ApprovalState.pending.rawValue || instance.state == ApprovalState.returned.rawValue else {
            throw DomainError(status: 409, code: "approvals.instance.not_pending", params: ["state": instance.state])
        }
        try await record(instance, action: "withdraw", actorID: context.actorID, actorName: context.actorName, comment: comment)
        try await finish(instance, as: .withdrawn)
        return instance
    }

    /// 催办: reminds the people the instance waits for, at most once per `interval`.
    /// - Throws: 429 `approvals.urge_too_soon` with `minutes` to wait.
    func urge(_ instanceID: UUID, interval: TimeInterval) async throws -> ApprovalInstance {
        let instance = try await lock(instanceID)
        guard instance.requesterID == context.actorID else { throw DomainError(status: 403, code: "approvals.not_requester") }
        guard instance.state == ApprovalState.pending.rawValue else {
            throw DomainError(status: 409, code: "approvals.instance.not_pending", params: ["state": instance.state])
        }
        if let last = instance.lastUrgedAt, now.timeIntervalSince(last) < interval {
            let minutes = Int(((interval - now.timeIntervalSince(last)) / 60).rounded(.up))
            throw DomainError(status: 429, code: "approvals.urge_too_soon", params: ["minutes": String(max(1, minutes))])
        }
        let waiting = try await ApprovalTask.query(on: db).filter(\.$instanceID == instance.requireID())
            .filter(\.$state == ApprovalTaskState.open.rawValue).all().map(\.assigneeID)
        instance.lastUrgedAt = now
        try await instance.save(on: db)
        try await record(instance, action: "urge", actorID: context.actorID, actorName: context.actorName)
        effects.notices.append(.init(users: waiting, code: "approvals.notice.urge", params: ["title": instance.title, "requester": instance.requesterName],
                                     instanceID: try instance.requireID()))
        return instance
    }

    /// 评论 with attachments, by anyone taking part.
    func comment(_ instanceID: UUID, text: String, attachments: [UUID]) async throws -> ApprovalInstance {
        let instance = try await lock(instanceID)
        try await record(instance, action: "comment", actorID: context.actorID, actorName: context.actorName, comment: text, attachments: attachments)
        return instance
    }

    /// Ad-hoc 抄送: copies `users` in now.
    /// - Throws: 403 `approvals.cc_not_allowed` for anyone but the requester and the people
    ///   deciding (a copy does not pass itself on).
    func carbonCopy(_ instanceID: UUID, users: [UUID]) async throws -> ApprovalInstance {
        let instance = try await lock(instanceID)
        if instance.requesterID != context.actorID {
            let deciding = try await ApprovalTask.query(on: db).filter(\.$instanceID == instance.requireID())
                .filter(\.$kind != FlowNodeType.cc.rawValue).all()
                .contains { $0.assigneeID == context.actorID || $0.onBehalfOfID == context.actorID }
            guard deciding else { throw DomainError(status: 403, code: "approvals.cc_not_allowed") }
        }
        var people: [UUID] = []
        for id in users where !people.contains(id) {
            guard try await org.person(id)?.active == true else { throw DomainError.invalid([.init("users", "approvals.user_unknown")]) }
            people.append(id)
        }
        guard !people.isEmpty, people.count <= 50 else { throw DomainError.invalid([.init("users", "approvals.users_required")]) }
        let all = try await steps(of: instance)
        let anchor = all.first { $0.state == ApprovalStepState.active.rawValue } ?? all.last
        let step = ApprovalStep()
        step.tenantID = tenantID
        step.instanceID = try instance.requireID()
        step.round = instance.round
        step.position = (anchor?.position ?? 0) - 1
        step.nodeID = "cc+adhoc"
        step.name = ""
        step.type = FlowNodeType.cc.rawValue
        step.mode = ApprovalMode.any.rawValue
        step.assignees = try JSONText.encode(people)
        step.note = "cc.adhoc"
        step.state = ApprovalStepState.approved.rawValue
        step.activatedAt = now
        step.decidedAt = now
        try await step.create(on: db)
        try await addCC(people, step: step, instance: instance)
        return instance
    }

    /// CC tasks (unread) and their notices; the timeline names who was copied.
    func addCC(_ people: [UUID], step: ApprovalStep, instance: ApprovalInstance) async throws {
        guard !people.isEmpty else { return }
        var names: [String] = []
        for (index, person) in people.enumerated() {
            let task = ApprovalTask()
            task.tenantID = tenantID
            task.instanceID = try instance.requireID()
            task.stepID = try step.requireID()
            task.sequence = index + 1
            task.assigneeID = person
            task.assigneeName = try await org.name(person)
            task.kind = FlowNodeType.cc.rawValue
            task.state = ApprovalTaskState.unread.rawValue
            task.openedAt = now
            try await task.create(on: db)
            names.append(task.assigneeName)
        }
        try await record(instance, action: "cc", actorID: step.note == "cc.adhoc" ? context.actorID : nil,
                         actorName: step.note == "cc.adhoc" ? context.actorName : nil, step: step,
                         detail: "approvals.event.cc", params: ["users": names.joined(separator: ", ")])
        effects.notices.append(.init(users: people, code: "approvals.notice.cc", params: ["title": instance.title, "requester": instance.requesterName],
                                     instanceID: try instance.requireID()))
    }

    /// The requester changed what is being approved. A pending or approved instance is voided
    /// and its flow restarts from the first node as a new round, history kept (case P-04); a
    /// returned one resumes at the step that returned it.
    ///
    /// - Parameters:
    ///   - own: the definition of the version the instance runs on (a resumed return keeps it);
    ///   - latest: the flow's current version, which a new round takes.
    func restart(_ instance: ApprovalInstance, values: [String: FormValue]?, facts: [String: ApprovalFact], chosen: [String: [UUID]]?,
                 summary: [CardSummaryItem], own: FlowDefinition, latest: ApprovalFlowVersion) async throws {
        let before = instance.state
        instance.values = try values.map(JSONText.encode)
        instance.summary = summary.isEmpty ? nil : try JSONText.encode(summary)
        instance.facts = try JSONText.encode(StoredFact.encode(facts))
        if let chosen { instance.chosen = chosen.isEmpty ? nil : try JSONText.encode(chosen) }
        let route = try await plannedNodes(instance, definition: own)
        let current = try await steps(of: instance).filter { $0.note?.hasPrefix("addSigner") != true && $0.note != "cc.adhoc" }.map(\.nodeID)
        if before == ApprovalState.returned.rawValue, let resume = instance.resumePosition, route == current {
            instance.state = ApprovalState.pending.rawValue
            instance.resumePosition = nil
            instance.version += 1
            try await instance.save(on: db)
            for step in try await steps(of: instance) where step.position >= resume && step.state != ApprovalStepState.skipped.rawValue
                && step.type != FlowNodeType.cc.rawValue {
                step.state = ApprovalStepState.waiting.rawValue
                try await step.save(on: db)
            }
            try await record(instance, action: "resubmit", actorID: context.actorID, actorName: context.actorName)
            try await advance(instance)
            return
        }
        try await void(instance, reason: "approvals.event.voided.edited")
        instance.flowVersionID = try latest.requireID()
        instance.flowVersionNumber = latest.number
        instance.round += 1
        instance.state = ApprovalState.pending.rawValue
        instance.decidedAt = nil
        instance.version += 1
        try await instance.save(on: db)
        try await record(instance, action: "resubmit", actorID: context.actorID, actorName: context.actorName)
        try await layOut(instance, definition: try JSONText.decode(FlowDefinition.self, latest.definition))
        try await advance(instance)
    }

    /// The node ids the instance's values would take through `definition` now; a resubmission
    /// that changes them (a larger amount crossing a branch) starts a new round instead of resuming.
    func plannedNodes(_ instance: ApprovalInstance, definition: FlowDefinition) async throws -> [String] {
        let chosen = try instance.chosen.map { try JSONText.decode([String: [UUID]].self, $0) } ?? [:]
        let facts = StoredFact.decode(try JSONText.decode([String: StoredFact].self, instance.facts))
        return try await FlowPlanner(org: org, requesterID: instance.requesterID, facts: facts, chosen: chosen).plan(definition).steps.map(\.node.id)
    }

    /// Voids the instance's current round: open tasks cancelled, state `voided`, a timeline line.
    func void(_ instance: ApprovalInstance, reason: String) async throws {
        for task in try await ApprovalTask.query(on: db).filter(\.$instanceID == instance.requireID())
            .filter(\.$state ~~ [ApprovalTaskState.open.rawValue, ApprovalTaskState.waiting.rawValue]).all() {
            task.state = ApprovalTaskState.cancelled.rawValue
            task.decidedAt = now
            try await task.save(on: db)
            effects.cancelledTimers.append(try task.requireID())
        }
        for step in try await steps(of: instance) where step.state == ApprovalStepState.waiting.rawValue || step.state == ApprovalStepState.active.rawValue {
            step.state = ApprovalStepState.cancelled.rawValue
            try await step.save(on: db)
        }
        let before = instance.state
        instance.state = ApprovalState.voided.rawValue
        instance.version += 1
        try await instance.save(on: db)
        try await record(instance, action: "void", actorID: context.actorID, actorName: context.actorName, detail: reason,
                         params: ["state": before])
        try await audit(instance, action: "void", changes: ["state": (before, "voided")])
    }
}

extension Sequence {
    func asyncMapAll<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
