import AfieldAPI
import Fluent
import Foundation
import Platform

/// A step the planner laid out for one submission: the node, its people in order, and what a
/// special rule already decided.
struct PlannedStep: Sendable {
    var node: FlowNode
    var type: FlowNodeType
    var mode: ApprovalMode
    var required: Int?
    var assignees: [UUID]
    /// `waiting`, or `approved` / `skipped` when a rule decided at planning.
    var state: ApprovalStepState
    var note: String?
}

/// Walks a flow definition for one submission (DESIGN §3): takes one branch per condition
/// group (by priority, else the default), resolves each node's people and applies the
/// planning-time rules: no approver found, and the requester among the approvers.
struct FlowPlanner {
    let org: OrgDirectory
    let requesterID: UUID
    let facts: [String: ApprovalFact]
    /// Users chosen at submission for `requesterChoice` nodes, by node id.
    let chosen: [String: [UUID]]
    /// A form submission: a `requesterChoice` node without a choice is an error, not a node
    /// that finds nobody.
    var requireChoices = false

    struct Plan: Sendable {
        var steps: [PlannedStep]
        var branches: [String]
    }

    func plan(_ definition: FlowDefinition) async throws -> Plan {
        let department = try await org.departmentID(ofUser: requesterID)
        let evaluator = ConditionEvaluator(requesterID: requesterID, departmentChain: try await org.departmentChain(department), facts: facts)
        var plan = Plan(steps: [], branches: [])
        _ = try await walk(definition.nodes, evaluator: evaluator, into: &plan)
        return plan
    }

    /// Adds the steps of `nodes`; false once an `end` node stopped the flow.
    private func walk(_ nodes: [FlowNode], evaluator: ConditionEvaluator, into plan: inout Plan) async throws -> Bool {
        for node in nodes {
            switch node.type {
            case .end:
                return false
            case .condition:
                let branches = node.branches ?? []
                let ordered = branches.filter { !$0.isDefault }.sorted { $0.priority < $1.priority } + branches.filter(\.isDefault)
                guard let taken = ordered.first(where: { $0.isDefault || evaluator.holdsAll($0.conditions) }) else { continue }
                plan.branches.append(taken.name ?? taken.id)
                guard try await walk(taken.nodes, evaluator: evaluator, into: &plan) else { return false }
            case .approver, .handler, .cc:
                plan.steps.append(try await step(for: node))
            }
        }
        return true
    }

    private func step(for node: FlowNode) async throws -> PlannedStep {
        var people: [UUID] = []
        var chosenLater = false
        for rule in node.approvers ?? [] {
            if rule.kind == .previousApproverChoice { chosenLater = true }
            for id in try await resolve(rule, node: node) where !people.contains(id) { people.append(id) }
        }
        let choosing = (node.approvers ?? []).contains { $0.kind == .requesterChoice }
        if choosing && (chosen[node.id] ?? []).isEmpty {
            if requireChoices { throw DomainError.invalid([.init("chosenApprovers.\(node.id)", "approvals.choice_required")]) }
            if people.isEmpty {
                return PlannedStep(node: node, type: node.type, mode: node.mode ?? .any, required: nil, assignees: [], state: .waiting, note: "requesterChoice")
            }
        }
        let forcedSequential = (node.approvers ?? []).contains { $0.kind == .managerChain }
        var mode = node.mode ?? (people.count > 1 ? .sequential : .any)
        if forcedSequential && node.mode == nil { mode = .sequential }
        var step = PlannedStep(node: node, type: node.type, mode: mode, required: nil, assignees: people, state: .waiting, note: nil)
        if node.type == .cc {
            step.assignees.removeAll { $0 == requesterID }
            return step
        }
        let rules = node.rules ?? NodeRules()
        let allowsRequester = Self.allowsRequester(node)
        if step.assignees.contains(requesterID) && !allowsRequester {
            switch rules.requesterIsApprover ?? .nextManager {
            case .allow:
                break
            case .autoApprove:
                step.assignees.removeAll { $0 == requesterID }
                if step.assignees.isEmpty {
                    step.state = .approved
                    step.note = "autoApproved.requester"
                    return step
                }
            case .nextManager:
                // P-08: the requester's own manager decides in their place.
                let manager = try await org.managerChain(ofUser: requesterID).first
                step.assignees = step.assignees.compactMap { $0 == requesterID ? manager : $0 }
                step.assignees = step.assignees.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
                step.note = "nextManager.requester"
            }
        }
        if step.assignees.isEmpty && !chosenLater {
            switch rules.noApprover ?? .administrator {
            case .autoApprove:
                step.state = .approved
                step.note = "autoApproved.noApprover"
            case .skip:
                step.state = .skipped
                step.note = "skipped.noApprover"
            case .administrator:
                // Never the requester, unless the node allows it (P-01): a company whose only
                // administrator asks finds nobody, and the node passes on the record.
                step.assignees = try await administrator().filter { allowsRequester || $0 != requesterID }
                step.note = "administrator.noApprover"
                if step.assignees.isEmpty {
                    step.state = .approved
                    step.note = "autoApproved.noApprover"
                }
            }
        } else if chosenLater && step.assignees.isEmpty {
            step.note = "chosenLater"
        }
        if mode == .all {
            let count = step.assignees.count
            if let minimum = node.minimum?.count { step.required = min(max(1, minimum), max(count, 1)) }
            else if let percent = node.minimum?.percent { step.required = max(1, (count * percent + 99) / 100) }
            else { step.required = count }
        }
        return step
    }

    /// Whether the node lets the requester decide: it names them (kind `requester`) or its
    /// rule says `allow` — the only ways a requester approves their own request (P-01).
    static func allowsRequester(_ node: FlowNode) -> Bool {
        node.rules?.requesterIsApprover == .allow || (node.approvers ?? []).contains { $0.kind == .requester }
    }

    /// The approval administrator of the company, else its administrators (the requester last).
    private func administrator() async throws -> [UUID] {
        let tenantID = org.tenantID
        if let settings = try await ApprovalSettings.query(on: org.db).filter(\ApprovalSettings.$tenantID == tenantID).first(),
           let admin = settings.administratorID, let person = try await org.person(admin), person.active {
            return [admin]
        }
        let admins = try await org.administrators()
        return Array((admins.filter { $0 != requesterID } + admins.filter { $0 == requesterID }).prefix(1))
    }

    private func resolve(_ rule: ApproverRule, node: FlowNode) async throws -> [UUID] {
        switch rule.kind {
        case .users:
            var found: [UUID] = []
            for id in rule.userIds ?? [] where try await org.person(id) != nil { found.append(id) }
            return found
        case .role:
            guard let key = rule.roleKey else { return [] }
            let holders = try await org.roleHolders(key)
            guard rule.roleScope == .requesterDepartment else { return holders }
            // The nearest department, from the requester's up, that has holders of the role.
            let chain = try await org.departmentChain(try await org.departmentID(ofUser: requesterID))
            for department in chain {
                var inDepartment: [UUID] = []
                for holder in holders where try await org.departmentID(ofUser: holder) == department { inDepartment.append(holder) }
                if !inDepartment.isEmpty { return inDepartment }
            }
            return []
        case .manager:
            let level = max(1, rule.level ?? 1)
            let chain = try await org.managerChain(ofUser: requesterID)
            let ordered = rule.fromTop == true ? chain.reversed() : chain
            return ordered.count >= level ? [ordered[level - 1]] : []
        case .departmentHead:
            let level = max(1, rule.level ?? 1)
            let chain = try await org.departmentChain(try await org.departmentID(ofUser: requesterID))
            guard chain.count >= level, let head = try await org.headUser(of: chain[level - 1]) else { return [] }
            return [head]
        case .managerChain:
            let chain = try await org.managerChain(ofUser: requesterID)
            return Array(chain.prefix(rule.level ?? chain.count))
        case .requesterChoice:
            var found: [UUID] = []
            for id in chosen[node.id] ?? [] {
                if try await org.person(id)?.active == true, id != requesterID || Self.allowsRequester(node) {
                    found.append(id)
                } else if requireChoices {
                    throw DomainError.invalid([.init("chosenApprovers.\(node.id)", "approvals.user_unknown")])
                }
            }
            return found
        case .requester:
            return [requesterID]
        case .formField:
            guard let field = rule.field, case .users(let ids)? = facts[field] else { return [] }
            var found: [UUID] = []
            for id in ids where try await org.person(id) != nil { found.append(id) }
            return found
        case .previousApproverChoice:
            return []
        }
    }
}
