import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// The approval engine for one company inside one write transaction: submits instances,
/// activates steps, decides tasks and moves documents on (DESIGN §3).
///
/// Every action first locks its instance row (``lock(_:)``), so that two people acting on one
/// instance at once are applied one after the other and the second sees the first's result
/// (case P-07). On SQLite the write serializer already runs writes one at a time.
final class ApprovalEngine: @unchecked Sendable {
    let db: any Database
    let tenantID: UUID
    let context: AuditContext
    let now: Date
    let org: OrgDirectory
    var effects = ApprovalEffects()
    private var events = 0
    /// A person decided a task in this action; otherwise an approval that ends the flow was a
    /// rule's (or a timer's) and is audited as theirs, not as the caller's.
    var personDecided = false

    /// Who an automatic decision is audited as: the timer when a timer acts, else the rule.
    var ruleContext: AuditContext {
        guard context.actorID != nil else { return context }
        return AuditContext(tenantID: tenantID, actorID: nil, actorName: Self.ruleActorName, source: .system, requestID: context.requestID)
    }

    /// The audit actor of decisions taken by flow rules (no approver found, requester is the
    /// approver, same approver again, a branch without approvers).
    static let ruleActorName = "Approval rule"

    func eventCounter() -> Int {
        events += 1
        return events
    }

    init(db: any Database, context: AuditContext, now: Date = Date()) {
        self.db = db
        self.tenantID = context.tenantID
        self.context = context
        self.now = now
        self.org = OrgDirectory(tenantID: context.tenantID, db: db)
    }

    // MARK: Submission

    struct Submission {
        var flow: ApprovalFlow
        var version: ApprovalFlowVersion
        var subject: String
        var documentID: UUID?
        var formID: UUID?
        var title: String
        var requesterID: UUID
        var facts: [String: ApprovalFact]
        var values: [String: FormValue]?
        var chosen: [String: [UUID]]
        var summary: [CardSummaryItem] = []
    }

    /// Creates the instance, lays out its steps and activates the first.
    func submit(_ submission: Submission, companyTimeZone: TimeZone) async throws -> ApprovalInstance {
        guard let requester = try await org.person(submission.requesterID) else { throw DomainError.notFound("user") }
        let instance = ApprovalInstance()
        instance.id = UUID()
        instance.tenantID = tenantID
        instance.number = try await DocumentNumbering().next(prefix: "AP", period: String(CalendarDay.string(for: now, in: companyTimeZone).prefix(4)),
                                                             key: "approvals.instance", tenantID: tenantID, on: db)
        instance.title = submission.title
        instance.subject = submission.subject
        instance.documentID = submission.documentID
        instance.formID = submission.formID
        instance.flowID = try submission.flow.requireID()
        instance.flowVersionID = try submission.version.requireID()
        instance.flowVersionNumber = submission.version.number
        instance.requesterID = submission.requesterID
        instance.requesterName = requester.name
        instance.departmentID = try await org.departmentID(ofUser: submission.requesterID)
        instance.values = try submission.values.map(JSONText.encode)
        instance.facts = try JSONText.encode(StoredFact.encode(submission.facts))
        instance.chosen = submission.chosen.isEmpty ? nil : try JSONText.encode(submission.chosen)
        instance.summary = submission.summary.isEmpty ? nil : try JSONText.encode(submission.summary)
        instance.state = ApprovalState.pending.rawValue
        instance.round = 1
        instance.submittedAt = now
        instance.version = 1
        try await instance.create(on: db)
        try await record(instance, action: "submit", actorID: submission.requesterID, actorName: requester.name)
        try await layOut(instance, definition: try JSONText.decode(FlowDefinition.self, submission.version.definition))
        try await advance(instance)
        return instance
    }

    /// Plans the steps of the instance's current round from `definition` and stores them.
    func layOut(_ instance: ApprovalInstance, definition: FlowDefinition) async throws {
        let chosen = try instance.chosen.map { try JSONText.decode([String: [UUID]].self, $0) } ?? [:]
        let facts = StoredFact.decode(try JSONText.decode([String: StoredFact].self, instance.facts))
        var planner = FlowPlanner(org: org, requesterID: instance.requesterID, facts: facts, chosen: chosen)
        planner.requireChoices = instance.formID != nil
        let plan = try await planner.plan(definition)
        for (index, planned) in plan.steps.enumerated() {
            let step = ApprovalStep()
            step.tenantID = tenantID
            step.instanceID = try instance.requireID()
            step.round = instance.round
            step.position = (index + 1) * 1024
            step.nodeID = planned.node.id
            step.name = planned.node.name ?? ""
            step.type = planned.type.rawValue
            step.mode = planned.mode.rawValue
            step.required = planned.required
            var rules = planned.node.rules ?? NodeRules()
            if FlowPlanner.allowsRequester(planned.node) { rules.requesterIsApprover = .allow }
            // The company's rule at submission applies for the whole instance.
            if rules.sameApprover == nil { rules.sameApprover = try await settings()?.sameApproverRule ?? .approveOnce }
            step.rules = try JSONText.encode(rules)
            step.timeout = try planned.node.timeout.map(JSONText.encode)
            step.assignees = try JSONText.encode(planned.assignees)
            step.note = planned.note
            step.state = planned.state.rawValue
            if planned.state != .waiting { step.decidedAt = now }
            try await step.create(on: db)
            if let note = planned.note, planned.state != .waiting {
                try await record(instance, action: planned.state == .skipped ? "skip" : "autoApprove", step: step, detail: "approvals.event.\(note)")
            }
        }
    }

    // MARK: Moving on

    /// Activates the next waiting step of the round, or finishes the instance approved.
    func advance(_ instance: ApprovalInstance) async throws {
        while instance.state == ApprovalState.pending.rawValue {
            guard let next = try await steps(of: instance).first(where: { $0.state == ApprovalStepState.waiting.rawValue }) else {
                try await finish(instance, as: .approved)
                return
            }
            let decided = try await activate(next, of: instance)
            if !decided { return }
        }
    }

    /// Opens a step's tasks. CC steps inform and pass at once. Returns true when the step was
    /// decided on the spot (everyone approved already by rule), so the caller moves on.
    func activate(_ step: ApprovalStep, of instance: ApprovalInstance) async throws -> Bool {
        step.state = ApprovalStepState.active.rawValue
        step.activatedAt = now
        let type = FlowNodeType(rawValue: step.type) ?? .approver
        var people = try JSONText.decode([UUID].self, step.assignees)
        if type == .cc {
            // A copy to someone who left would never be read.
            var reading: [UUID] = []
            for person in people where try await org.person(person)?.active == true { reading.append(person) }
            try await addCC(reading, step: step, instance: instance)
            step.state = ApprovalStepState.approved.rawValue
            step.decidedAt = now
            try await step.save(on: db)
            return true
        }
        if people.isEmpty {
            // `previousApproverChoice` left empty: the node's no-approver rule decides now.
            let rules = try step.rules.map { try JSONText.decode(NodeRules.self, $0) } ?? NodeRules()
            switch rules.noApprover ?? .administrator {
            case .autoApprove, .skip:
                step.state = (rules.noApprover == .skip ? ApprovalStepState.skipped : .approved).rawValue
                step.decidedAt = now
                try await step.save(on: db)
                try await record(instance, action: rules.noApprover == .skip ? "skip" : "autoApprove", step: step,
                                 detail: rules.noApprover == .skip ? "approvals.event.skipped.noApprover" : "approvals.event.autoApproved.noApprover")
                return true
            case .administrator:
                people = try await administratorFallback().filter { try allowsRequester(step) || $0 != instance.requesterID }
                step.assignees = try JSONText.encode(people)
                if people.isEmpty {
                    step.state = ApprovalStepState.approved.rawValue
                    step.decidedAt = now
                    try await step.save(on: db)
                    return true
                }
            }
        }
        try await step.save(on: db)
        let existing = try await tasks(of: step)
        let approvedBy = Set(existing.filter { $0.state == ApprovalTaskState.approved.rawValue }.map { $0.onBehalfOfID ?? $0.assigneeID })
        let mode = ApprovalMode(rawValue: step.mode) ?? .any
        let rules = try step.rules.map { try JSONText.decode(NodeRules.self, $0) } ?? NodeRules()
        let previousApprovers = rules.sameApprover == .approveOnce ? try await approversOfPreviousStep(before: step, in: instance) : []
        var sequence = (existing.map(\.sequence).max() ?? 0)
        var anyOpen = false
        var holders: Set<UUID> = []
        for person in people where !approvedBy.contains(person) {
            var (assignee, onBehalfOf) = try await holder(for: person, instance: instance, step: step)
            if assignee == instance.requesterID, try !allowsRequester(step) {
                // A stand-in may not be the requester either (P-01): their manager decides instead.
                guard let manager = try await org.managerChain(ofUser: instance.requesterID).first else { continue }
                (assignee, onBehalfOf) = (manager, nil)
                try await record(instance, action: "reassign", step: step, detail: "approvals.event.nextManager.requester")
            }
            guard holders.insert(assignee).inserted else { continue }
            sequence += 1
            let task = ApprovalTask()
            task.tenantID = tenantID
            task.instanceID = try instance.requireID()
            task.stepID = try step.requireID()
            task.sequence = sequence
            task.assigneeID = assignee
            task.assigneeName = try await org.name(assignee)
            task.onBehalfOfID = onBehalfOf
            task.onBehalfOfName = try await onBehalfOf.asyncMap { try await org.name($0) }
            task.kind = type.rawValue
            if previousApprovers.contains(person) {
                // P-03: their approval of the node just before counts here too.
                task.state = ApprovalTaskState.approved.rawValue
                task.decidedAt = now
                task.comment = nil
                try await task.create(on: db)
                try await record(instance, action: "autoApprove", actorID: assignee, actorName: task.assigneeName, step: step,
                                 detail: "approvals.event.autoApproved.sameApprover")
                continue
            }
            let opensNow = mode != .sequential || !anyOpen
            task.state = (opensNow ? ApprovalTaskState.open : .waiting).rawValue
            if opensNow { task.openedAt = now; anyOpen = true }
            try await task.create(on: db)
            if opensNow { try await opened(task, step: step, instance: instance) }
        }
        if try await tasks(of: step).isEmpty {
            // Nobody but the requester could decide: the node passes on the record, as when it finds nobody.
            step.state = ApprovalStepState.approved.rawValue
            step.decidedAt = now
            try await step.save(on: db)
            try await record(instance, action: "autoApprove", step: step, detail: "approvals.event.autoApproved.noApprover")
            return true
        }
        return try await settle(step, of: instance)
    }

    /// Whether the step lets the requester decide (its node names them or says `allow`).
    func allowsRequester(_ step: ApprovalStep) throws -> Bool {
        try step.rules.map { try JSONText.decode(NodeRules.self, $0) }?.requesterIsApprover == .allow
    }

    /// Notices and timers for a task that just opened.
    func opened(_ task: ApprovalTask, step: ApprovalStep, instance: ApprovalInstance) async throws {
        effects.notices.append(.init(users: [task.assigneeID], code: "approvals.notice.task",
                                     params: ["title": instance.title, "requester": instance.requesterName], instanceID: try instance.requireID()))
        if let timeout = try step.timeout.map({ try JSONText.decode(NodeTimeout.self, $0) }) {
            if let hours = timeout.remindAfterHours { effects.timers.append(.init(taskID: try task.requireID(), kind: ApprovalJobs.remind, at: now.addingTimeInterval(Double(hours) * 3600))) }
            if let hours = timeout.actAfterHours { effects.timers.append(.init(taskID: try task.requireID(), kind: ApprovalJobs.act, at: now.addingTimeInterval(Double(hours) * 3600))) }
        }
    }

    /// Decides a step from its tasks when its mode says it is decided; then moves on.
    /// Returns true when the step was approved (the caller continues with the next).
    @discardableResult
    func settle(_ step: ApprovalStep, of instance: ApprovalInstance) async throws -> Bool {
        let all = try await tasks(of: step)
        let approvals = all.filter { $0.state == ApprovalTaskState.approved.rawValue }
        // 会签 counts people, not tasks: one person holding two tasks is one vote.
        let approvers = Set(approvals.map { $0.onBehalfOfID ?? $0.assigneeID })
        let mode = ApprovalMode(rawValue: step.mode) ?? .any
        let live = all.filter { $0.state == ApprovalTaskState.open.rawValue || $0.state == ApprovalTaskState.waiting.rawValue }
        let passed: Bool
        switch mode {
        case .any: passed = !approvals.isEmpty
        case .sequential: passed = live.isEmpty && !approvals.isEmpty
        case .all: passed = approvers.count >= (step.required ?? all.count) || (live.isEmpty && !approvals.isEmpty)
        }
        guard passed else {
            if mode == .sequential, !all.contains(where: { $0.state == ApprovalTaskState.open.rawValue }),
               let next = all.filter({ $0.state == ApprovalTaskState.waiting.rawValue }).min(by: { $0.sequence < $1.sequence }) {
                next.state = ApprovalTaskState.open.rawValue
                next.openedAt = now
                try await next.save(on: db)
                try await opened(next, step: step, instance: instance)
            }
            return false
        }
        let decider = approvals.last
        for task in live {
            task.state = ApprovalTaskState.closed.rawValue
            task.decidedAt = now
            task.decidedByID = decider?.assigneeID
            task.decidedByName = decider?.assigneeName
            try await task.save(on: db)
            effects.cancelledTimers.append(try task.requireID())
        }
        step.state = ApprovalStepState.approved.rawValue
        step.decidedAt = now
        try await step.save(on: db)
        return true
    }

    /// Ends the instance: approved, rejected or withdrawn. Closes what is still open, and
    /// tells the document's module.
    func finish(_ instance: ApprovalInstance, as state: ApprovalState) async throws {
        for task in try await ApprovalTask.query(on: db).filter(\.$instanceID == instance.requireID())
            .filter(\.$state ~~ [ApprovalTaskState.open.rawValue, ApprovalTaskState.waiting.rawValue]).all() {
            task.state = (state == .withdrawn ? ApprovalTaskState.cancelled : .closed).rawValue
            task.decidedAt = now
            try await task.save(on: db)
            effects.cancelledTimers.append(try task.requireID())
        }
        for step in try await steps(of: instance) where step.state == ApprovalStepState.waiting.rawValue || step.state == ApprovalStepState.active.rawValue {
            step.state = ApprovalStepState.cancelled.rawValue
            try await step.save(on: db)
        }
        let before = instance.state
        instance.state = state.rawValue
        instance.decidedAt = now
        instance.version += 1
        try await instance.save(on: db)
        if state == .approved { try await record(instance, action: "complete", detail: "approvals.event.complete") }
        let decider = state == .approved && !personDecided ? ruleContext : context
        try await audit(instance, action: state == .approved ? "approve" : state.rawValue, changes: ["state": (before, state.rawValue)], as: decider)
        let requesterNotice = state == .approved ? "approvals.notice.approved" : state == .rejected ? "approvals.notice.rejected" : nil
        if let code = requesterNotice {
            effects.notices.append(.init(users: [instance.requesterID], code: code, params: ["title": instance.title], instanceID: try instance.requireID()))
        }
        if state == .approved, instance.subject.hasPrefix("form.") { effects.approvedForms.append(try instance.requireID()) }
        if let document = instance.documentID, !instance.subject.hasPrefix("form.") {
            effects.outcomes.append(.init(subject: instance.subject, documentID: document, outcome: state.rawValue, context: decider))
        }
    }

    // MARK: Reading

    func steps(of instance: ApprovalInstance) async throws -> [ApprovalStep] {
        try await ApprovalStep.query(on: db).filter(\.$instanceID == instance.requireID()).filter(\.$round == instance.round)
            .sort(\.$position).all()
    }

    func tasks(of step: ApprovalStep) async throws -> [ApprovalTask] {
        try await ApprovalTask.query(on: db).filter(\.$stepID == step.requireID()).sort(\.$sequence).all()
    }

    /// Who approved, themselves, the approver step just before `step` (for "approve once").
    private func approversOfPreviousStep(before step: ApprovalStep, in instance: ApprovalInstance) async throws -> Set<UUID> {
        let earlier = try await steps(of: instance).filter { $0.position < step.position && $0.type != FlowNodeType.cc.rawValue }
        guard let previous = earlier.last, previous.state == ApprovalStepState.approved.rawValue else { return [] }
        return Set(try await tasks(of: previous).filter { $0.state == ApprovalTaskState.approved.rawValue }.map { $0.onBehalfOfID ?? $0.assigneeID })
    }

    /// Who holds a task meant for `person` (``StandIns``); a deactivated approver's stand-in is
    /// on the timeline.
    private func holder(for person: UUID, instance: ApprovalInstance, step: ApprovalStep) async throws -> (UUID, UUID?) {
        let holder = try await standIns().holder(for: person, requester: instance.requesterID)
        if holder.replacesInactive {
            try await record(instance, action: "reassign", step: step, detail: "approvals.event.reassigned.deactivated",
                             params: ["from": try await org.name(person), "to": try await org.name(holder.assignee)])
        }
        return (holder.assignee, holder.onBehalfOf)
    }

    /// The approval administrator of last resort: the company's setting, else an administrator.
    func administratorFallback() async throws -> [UUID] {
        Array(try await standIns().administrators().prefix(1))
    }

    func standIns() async throws -> StandIns {
        StandIns(org: org, today: CalendarDay.string(for: now, in: try await companyTimeZone()))
    }

    private var settingsCache: ApprovalSettings??
    /// The company's approval settings row, if it has one.
    func settings() async throws -> ApprovalSettings? {
        if let settingsCache { return settingsCache }
        let found = try await ApprovalSettings.query(on: db).filter(\.$tenantID == tenantID).first()
        settingsCache = .some(found)
        return found
    }

    private var timeZoneCache: TimeZone?
    func companyTimeZone() async throws -> TimeZone {
        if let timeZoneCache { return timeZoneCache }
        let zone = try await Tenant.find(tenantID, on: db).flatMap { TimeZone(identifier: $0.timeZone) } ?? TimeZone(identifier: "UTC")!
        timeZoneCache = zone
        return zone
    }

    // MARK: Locking

    /// Locks the instance's row until the transaction ends (PostgreSQL `FOR UPDATE`), and
    /// reads it fresh.
    /// - Throws: 404 `approval_instance.not_found` for another company's or an unknown id.
    func lock(_ id: UUID) async throws -> ApprovalInstance {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            _ = try await sql.raw("SELECT id FROM approval_instances WHERE id = \(bind: id) FOR UPDATE").first()
        }
        guard let instance = try await ApprovalInstance.query(on: db).filter(\.$id == id).filter(\.$tenantID == tenantID).first() else {
            throw DomainError.notFound("approval_instance")
        }
        return instance
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
