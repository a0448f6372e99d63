import AfieldAPI
import Fluent
import Foundation
import Platform

/// Checks a flow definition before it is saved or previewed, and lists every problem with the
/// path of the node, branch or condition it belongs to (`nodes[1].branches[0].conditions[0].values`).
///
/// Problems found: no approver node at all; a node without approvers; unknown users or roles;
/// bad levels, quorums or timeouts; a condition group without exactly one default branch or
/// with fewer than two branches; a branch (other than the default) without conditions; equal
/// priorities; a condition with an unknown subject, operator arity or a non-number where a
/// number is compared; nodes after an `end` (unreachable); duplicate node ids.
struct FlowValidator {
    let tenantID: UUID
    let db: any Database
    /// Keys of the bound form's fields (nil for documents: any `field.<key>` is accepted).
    let formFields: Set<String>?

    static let maxNodes = 200
    static let maxBranches = 20

    /// Ids named in `requester` / `department` conditions, with the path that names them,
    /// checked against the company at the end.
    private final class References {
        var users: [(path: String, id: UUID)] = []
        var departments: [(path: String, id: UUID)] = []
    }
    private let references = References()

    func validate(_ definition: FlowDefinition) async throws -> [DomainError.Field] {
        var problems: [DomainError.Field] = []
        var ids: Set<String> = []
        var count = 0
        var decisionNodes = 0
        try await check(definition.nodes, path: "nodes", ids: &ids, count: &count, decisionNodes: &decisionNodes, problems: &problems)
        let userIDs = Set(references.users.map(\.id)), departmentIDs = Set(references.departments.map(\.id))
        let knownUsers = userIDs.isEmpty ? [] : Set(try await User.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ userIDs).all().compactMap(\.id))
        let knownDepartments = departmentIDs.isEmpty ? []
            : Set(try await Department.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ departmentIDs).all().compactMap(\.id))
        var unknownPaths: [String] = []
        for (path, id) in references.users where !knownUsers.contains(id) && !unknownPaths.contains(path) { unknownPaths.append(path) }
        for (path, id) in references.departments where !knownDepartments.contains(id) && !unknownPaths.contains(path) { unknownPaths.append(path) }
        problems += unknownPaths.map { DomainError.Field($0, "approvals.flow.values_unknown") }
        if decisionNodes == 0 { problems.append(.init("nodes", "approvals.flow.no_approver_node")) }
        if count > Self.maxNodes { problems.append(.init("nodes", "approvals.flow.too_many_nodes", params: ["max": String(Self.maxNodes)])) }
        return problems
    }

    /// True when the list always ends at an `end` node (so what follows it is unreachable).
    @discardableResult
    private func check(_ nodes: [FlowNode], path: String, ids: inout Set<String>, count: inout Int, decisionNodes: inout Int,
                       problems: inout [DomainError.Field]) async throws -> Bool {
        var ended = false
        for (index, node) in nodes.enumerated() {
            let here = "\(path)[\(index)]"
            count += 1
            if ended {
                problems.append(.init(here, "approvals.flow.unreachable"))
                continue
            }
            if node.id.range(of: #"^[A-Za-z0-9_-]{1,40}$"#, options: .regularExpression) == nil {
                problems.append(.init("\(here).id", "approvals.flow.node_id_invalid"))
            } else if !ids.insert(node.id).inserted {
                problems.append(.init("\(here).id", "approvals.flow.node_id_duplicate"))
            }
            if case .failure(let problem) = TextInput.name(node.name, max: 40, required: false) { problems.append(problem.field("\(here).name")) }
            switch node.type {
            case .end:
                ended = true
            case .approver, .handler, .cc:
                if node.type != .cc { decisionNodes += 1 }
                try await checkPeople(node, path: here, problems: &problems)
            case .condition:
                let branches = node.branches ?? []
                if branches.count < 2 { problems.append(.init("\(here).branches", "approvals.flow.branches_too_few")) }
                let defaults = branches.filter(\.isDefault).count
                if defaults != 1 { problems.append(.init("\(here).branches", defaults == 0 ? "approvals.flow.default_missing" : "approvals.flow.default_several")) }
                if branches.count > Self.maxBranches {
                    problems.append(.init("\(here).branches", "approvals.flow.too_many_branches", params: ["max": String(Self.maxBranches)]))
                }
                var priorities: Set<Int> = []
                var branchIDs: Set<String> = []
                var allEnd = !branches.isEmpty
                for (b, branch) in branches.enumerated() {
                    let branchPath = "\(here).branches[\(b)]"
                    if branch.id.range(of: #"^[A-Za-z0-9_-]{1,40}$"#, options: .regularExpression) == nil {
                        problems.append(.init("\(branchPath).id", "approvals.flow.node_id_invalid"))
                    } else if !branchIDs.insert(branch.id).inserted {
                        problems.append(.init("\(branchPath).id", "approvals.flow.branch_id_duplicate"))
                    }
                    if case .failure(let problem) = TextInput.name(branch.name, max: 40, required: false) { problems.append(problem.field("\(branchPath).name")) }
                    if !branch.isDefault {
                        if !priorities.insert(branch.priority).inserted { problems.append(.init("\(branchPath).priority", "approvals.flow.priority_duplicate")) }
                        if branch.conditions.isEmpty { problems.append(.init("\(branchPath).conditions", "approvals.flow.conditions_missing")) }
                    }
                    for (c, condition) in branch.conditions.enumerated() {
                        checkCondition(condition, path: "\(branchPath).conditions[\(c)]", problems: &problems)
                    }
                    let branchEnds = try await check(branch.nodes, path: "\(branchPath).nodes", ids: &ids, count: &count, decisionNodes: &decisionNodes,
                                                     problems: &problems)
                    allEnd = allEnd && branchEnds
                }
                if allEnd { ended = true }
            }
        }
        return ended
    }

    private func checkPeople(_ node: FlowNode, path: String, problems: inout [DomainError.Field]) async throws {
        let rules = node.approvers ?? []
        if rules.isEmpty {
            problems.append(.init("\(path).approvers", "approvals.flow.approver_missing"))
            return
        }
        for (r, rule) in rules.enumerated() {
            let here = "\(path).approvers[\(r)]"
            switch rule.kind {
            case .users:
                let ids = rule.userIds ?? []
                if ids.isEmpty || ids.count > 50 {
                    problems.append(.init("\(here).userIds", "approvals.flow.users_missing"))
                } else if try await User.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ ids).filter(\.$active == true).count() != Set(ids).count {
                    problems.append(.init("\(here).userIds", "approvals.user_unknown"))
                }
            case .role:
                if let key = rule.roleKey, try await TenantRole.query(on: db).filter(\.$tenantID == tenantID).filter(\.$key == key).first() != nil {
                } else {
                    problems.append(.init("\(here).roleKey", "approvals.flow.role_unknown"))
                }
            case .manager, .departmentHead:
                if let level = rule.level, !(1...20).contains(level) { problems.append(.init("\(here).level", "approvals.flow.level_invalid")) }
            case .managerChain:
                if let level = rule.level, !(1...20).contains(level) { problems.append(.init("\(here).level", "approvals.flow.level_invalid")) }
            case .formField:
                if let field = rule.field, !field.isEmpty, formFields.map({ $0.contains(field) }) ?? true {
                } else {
                    problems.append(.init("\(here).field", "approvals.flow.field_unknown"))
                }
            case .requesterChoice, .requester, .previousApproverChoice:
                break
            }
        }
        if let minimum = node.minimum {
            if node.mode != .all { problems.append(.init("\(path).minimum", "approvals.flow.minimum_needs_all")) }
            if let count = minimum.count, !(1...50).contains(count) { problems.append(.init("\(path).minimum.count", "approvals.flow.minimum_invalid")) }
            if let percent = minimum.percent, !(1...100).contains(percent) { problems.append(.init("\(path).minimum.percent", "approvals.flow.minimum_invalid")) }
            if minimum.count != nil && minimum.percent != nil { problems.append(.init("\(path).minimum", "approvals.flow.minimum_one_kind")) }
        }
        if let timeout = node.timeout {
            for (key, hours) in [("remindAfterHours", timeout.remindAfterHours), ("actAfterHours", timeout.actAfterHours)] {
                if let hours, !(1...720).contains(hours) { problems.append(.init("\(path).timeout.\(key)", "approvals.flow.hours_invalid")) }
            }
            if let remind = timeout.remindAfterHours, let act = timeout.actAfterHours, act <= remind {
                problems.append(.init("\(path).timeout.actAfterHours", "approvals.flow.act_before_remind"))
            }
        }
    }

    private func checkCondition(_ condition: FlowCondition, path: String, problems: inout [DomainError.Field]) {
        let subject = condition.subject
        let known: Bool
        var numeric = false
        if subject == "requester" || subject == "department" {
            known = true
            if ![.eq, .ne, .in, .notIn].contains(condition.op) { problems.append(.init("\(path).op", "approvals.flow.operator_invalid")) }
            if condition.values.contains(where: { UUID(uuidString: $0) == nil }) {
                problems.append(.init("\(path).values", "approvals.flow.values_invalid"))
            } else {
                let ids = condition.values.compactMap(UUID.init(uuidString:)).map { (path: "\(path).values", id: $0) }
                if subject == "requester" { references.users += ids } else { references.departments += ids }
            }
        } else if subject.hasPrefix("field.") {
            let key = String(subject.dropFirst(6))
            known = !key.isEmpty && (formFields?.contains(key) ?? true)
        } else if subject.range(of: #"^sum\([A-Za-z][A-Za-z0-9_]*\.[A-Za-z][A-Za-z0-9_]*\)$"#, options: .regularExpression) != nil {
            known = formFields.map { fields in fields.contains(String(subject.dropFirst(4).prefix { $0 != "." })) } ?? true
            numeric = true
        } else {
            known = false
        }
        if !known { problems.append(.init("\(path).subject", "approvals.flow.subject_unknown")) }
        let arity: ClosedRange<Int> = switch condition.op {
        case .in, .notIn: 1...100
        case .between: 2...2
        default: 1...1
        }
        if !arity.contains(condition.values.count) {
            problems.append(.init("\(path).values", "approvals.flow.values_count"))
        } else if numeric || [.lt, .le, .gt, .ge, .between].contains(condition.op),
                  condition.values.contains(where: { ConditionEvaluator.decimal($0) == nil && $0.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil }) {
            problems.append(.init("\(path).values", "approvals.flow.values_invalid"))
        } else if condition.op == .between, condition.values.count == 2 {
            let (low, high) = (condition.values[0], condition.values[1])
            let reversed = if let a = ConditionEvaluator.decimal(low), let b = ConditionEvaluator.decimal(high) { a > b } else { low > high }
            if reversed { problems.append(.init("\(path).values", "approvals.flow.between_reversed")) }
        }
    }
}
