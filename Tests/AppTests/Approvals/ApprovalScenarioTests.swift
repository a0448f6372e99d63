import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Issue 4 point 10: one form and flow, run through the API for three Northwind requesters.
///
/// The flow: amount ≤ 5,000 → the requester's manager; amount > 5,000 → the manager, then
/// finance 或签 of two (Janet Leverling and Laura Callahan hold the finance role), and CC the
/// requester's department head.
@Suite("Approval scenario: Northwind payment requests")
struct ApprovalScenarioTests {
    typealias F = ApprovalFixtures

    static func flow(_ f: F) -> [FlowNode] {
        [FlowNode(id: "amount", type: .condition, branches: [
            FlowBranch(id: "small", name: "≤ 5,000", priority: 1, conditions: [FlowCondition(subject: "field.amount", op: .le, values: ["5000"])],
                       nodes: [F.approver("manager", [ApproverRule(kind: .manager, level: 1)], name: "Manager")]),
            FlowBranch(id: "large", name: "> 5,000", priority: 2, isDefault: true, nodes: [
                F.approver("manager2", [ApproverRule(kind: .manager, level: 1)], name: "Manager"),
                F.approver("finance", [ApproverRule(kind: .role, roleKey: "finance")], mode: .any, name: "Finance"),
                FlowNode(id: "head", type: .cc, name: "Department head", approvers: [ApproverRule(kind: .departmentHead)]),
            ]),
        ])]
    }

    /// Who decides, in order, and who is copied, for one requester and amount.
    struct Expectation {
        var requester: String
        var amount: String
        var deciders: [[String]]
        var copied: [String]
    }

    @Test("three requesters, small and large amounts: the right people decide in order, finance decides once, the head is copied")
    func northwind() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            try await f.setRoles("janet.leverling", ["sales", "finance"])
            try await f.setRoles("laura.callahan", ["sales", "finance"])
            let form: ApprovalFormDTO = try await f.admin.post("/api/v1/approvals/forms", json: NewApprovalFormRequest(
                name: "Payment request", schema: FormSchema(fields: [
                    FormField(key: "payee", type: .text, label: "Payee", required: true),
                    FormField(key: "amount", type: .money, label: "Amount", required: true),
                ]))).decode()
            try await f.flow("form.\(form.id)", Self.flow(f), name: "Payments")

            let cases: [Expectation] = [
                // Nancy (Sales USA, headed by Andrew; reports to Andrew).
                .init(requester: "nancy.davolio", amount: "1200.00", deciders: [["Andrew Fuller"]], copied: []),
                .init(requester: "nancy.davolio", amount: "8000.00", deciders: [["Andrew Fuller"], ["Janet Leverling", "Laura Callahan"]],
                      copied: ["Andrew Fuller"]),
                // Michael (Sales UK, headed by Steven; reports to Steven).
                .init(requester: "michael.suyama", amount: "5000.00", deciders: [["Steven Buchanan"]], copied: []),
                .init(requester: "michael.suyama", amount: "5000.01", deciders: [["Steven Buchanan"], ["Janet Leverling", "Laura Callahan"]],
                      copied: ["Steven Buchanan"]),
                // Steven heads Sales UK himself and reports to Andrew: he is not copied on his own request.
                .init(requester: "steven.buchanan", amount: "9999.99", deciders: [["Andrew Fuller"], ["Janet Leverling", "Laura Callahan"]],
                      copied: []),
            ]
            for (index, expected) in cases.enumerated() {
                let requester = try await f.signIn(expected.requester)
                let submitted = try await requester.post("/api/v1/approvals/instances", json: ApprovalSubmitRequest(
                    formId: form.id, values: ["payee": .string("Exotic Liquids"), "amount": .string(expected.amount)]))
                #expect(submitted.status == .created)
                var instance: ApprovalInstanceDTO = try submitted.decode()
                let deciding = instance.steps.filter { $0.type != .cc }
                #expect(deciding.count == expected.deciders.count, "\(expected.requester) \(expected.amount)")
                for (stepIndex, people) in expected.deciders.enumerated() {
                    instance = try await F.detail(f.admin, instance.summary.id)
                    let step = instance.steps.filter { $0.type != .cc }[stepIndex]
                    #expect(step.tasks.filter { $0.state == .open }.map(\.assignee.name).sorted() == people, "\(expected.requester) step \(stepIndex)")
                    // The first of them decides (for finance, alternately Janet and Laura).
                    let decider = people.count == 1 ? people[0] : people[index % people.count]
                    let email = decider.lowercased().replacingOccurrences(of: " ", with: ".")
                    let api = try await f.signIn(email)
                    let counts: ApprovalInboxCounts = try await api.get("/api/v1/approvals/inbox/counts").decode()
                    #expect(counts.todo >= 1)
                    let approved = try await api.post("/api/v1/approvals/tasks/\(try await F.myTask(api, instance.summary.id))/approve",
                                                      json: ApprovalDecisionRequest(comment: "ok"))
                    #expect(approved.status == .ok, "\(decider)")
                    instance = try approved.decode()
                    if people.count > 1 {
                        let other = try #require(instance.steps.filter { $0.type != .cc }[stepIndex].tasks.first { $0.assignee.name != decider })
                        #expect(other.state == .closed)
                        #expect(other.decidedBy?.name == decider)
                    }
                }
                #expect(instance.summary.state == .approved, "\(expected.requester) \(expected.amount)")
                let copied = instance.steps.filter { $0.type == .cc }.flatMap(\.tasks).map(\.assignee.name)
                #expect(copied == expected.copied, "\(expected.requester) \(expected.amount)")
                for name in expected.copied {
                    let cc = try await f.signIn(name.lowercased().replacingOccurrences(of: " ", with: "."))
                    let box: AfieldAPI.Page<ApprovalSummaryDTO> = try await cc.get("/api/v1/approvals/instances?box=cc").decode()
                    #expect(box.items.contains { $0.id == instance.summary.id }, "\(name) sees the CC")
                }
                let mine: AfieldAPI.Page<ApprovalSummaryDTO> = try await requester.get("/api/v1/approvals/instances?box=mine&state=approved").decode()
                #expect(mine.items.contains { $0.id == instance.summary.id })
            }
        }
    }
}
