import AfieldAPI
import Fluent
import Foundation
import Platform

/// Decides branch conditions (``FlowCondition``) against the requester and the facts of a
/// submission. Numbers and money compare as exact decimals; dates (`YYYY-MM-DD`) as text.
struct ConditionEvaluator {
    let requesterID: UUID
    /// The requester's department and its ancestors: `department in [X]` holds when X is
    /// any of them (the department "or below").
    let departmentChain: [UUID]
    let facts: [String: ApprovalFact]

    func holds(_ condition: FlowCondition) -> Bool {
        switch condition.subject {
        case "requester":
            return compareSet([requesterID.uuidString.lowercased()], condition)
        case "department":
            return compareSet(departmentChain.map { $0.uuidString.lowercased() }, condition)
        default:
            let key = condition.subject.hasPrefix("field.") ? String(condition.subject.dropFirst(6)) : condition.subject
            guard let fact = facts[key] else { return condition.op == .ne || condition.op == .notIn }
            return compare(fact, condition)
        }
    }

    func holdsAll(_ conditions: [FlowCondition]) -> Bool { conditions.allSatisfy(holds) }

    private func compareSet(_ have: [String], _ condition: FlowCondition) -> Bool {
        let wanted = Set(condition.values.map { $0.lowercased() })
        let hit = have.contains { wanted.contains($0) }
        switch condition.op {
        case .eq, .in: return hit
        case .ne, .notIn: return !hit
        default: return false
        }
    }

    private func compare(_ fact: ApprovalFact, _ condition: FlowCondition) -> Bool {
        switch fact {
        case .number(let value): return compareOrdered(value, condition.values.compactMap(Self.decimal), condition.op)
        case .money(let minor, let exponent):
            let value = Decimal(minor) / pow(Decimal(10), exponent)
            return compareOrdered(value, condition.values.compactMap(Self.decimal), condition.op)
        case .date(let value): return compareOrdered(value, condition.values, condition.op)
        case .text(let value): return compareOrdered(value, condition.values, condition.op)
        case .options(let values): return compareSet(values.map { $0.lowercased() }, condition)
        case .users(let ids): return compareSet(ids.map { $0.uuidString.lowercased() }, condition)
        case .department(let id): return compareSet([id.uuidString.lowercased()], condition)
        }
    }

    private func compareOrdered<T: Comparable>(_ value: T, _ operands: [T], _ op: ConditionOperator) -> Bool {
        guard let first = operands.first else { return false }
        switch op {
        case .eq: return value == first
        case .ne: return value != first
        case .lt: return value < first
        case .le: return value <= first
        case .gt: return value > first
        case .ge: return value >= first
        case .in: return operands.contains(value)
        case .notIn: return !operands.contains(value)
        case .between: return operands.count == 2 && operands[0] <= value && value <= operands[1]
        }
    }

    /// A plain decimal literal (`5000.01`, `-3`), else nil; no exponents, no grouping.
    static func decimal(_ text: String) -> Decimal? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.range(of: #"^-?[0-9]{1,18}(\.[0-9]{1,8})?$"#, options: .regularExpression) != nil else { return nil }
        return Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
    }
}
