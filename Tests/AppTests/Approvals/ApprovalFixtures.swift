import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// The Northwind people approval tests use, signed in on demand, and flow helpers.
///
/// Organisation (from the demo import): Andrew Fuller heads "Sales" and is everyone's top
/// manager; Nancy Davolio, Janet Leverling, Margaret Peacock and Laura Callahan (Sales USA,
/// headed by Fuller) report to him; Steven Buchanan heads Sales UK and manages Michael Suyama,
/// Robert King and Anne Dodsworth.
struct ApprovalFixtures {
    let client: APIClient
    let admin: APIClient
    let ids: [String: UUID]

    static let people = ["andrew.fuller", "nancy.davolio", "janet.leverling", "margaret.peacock", "steven.buchanan",
                         "michael.suyama", "robert.king", "laura.callahan", "anne.dodsworth"]

    static func load(_ client: APIClient) async throws -> ApprovalFixtures {
        let admin = try await client.signedIn()
        let users: Page<UserDTO> = try await admin.get("/api/v1/auth/users?limit=100").decode()
        var ids: [String: UUID] = [:]
        for user in users.items { ids[String(user.email.prefix { $0 != "@" })] = user.id }
        for name in people where ids[name] == nil { throw TestFailure("demo user \(name) missing") }
        return ApprovalFixtures(client: client, admin: admin, ids: ids)
    }

    func id(_ name: String) -> UUID { ids[name]! }

    func signIn(_ name: String) async throws -> APIClient {
        name == "andrew.fuller" ? admin : try await client.signedIn("\(name)@northwind.example")
    }

    /// Gives `name` the roles `roles` (by key), as an administrator would.
    func setRoles(_ name: String, _ roles: [String]) async throws {
        let current: Page<UserDTO> = try await admin.get("/api/v1/auth/users?q=\(name)@").decode()
        let user = try #require(current.items.first)
        let answer = try await admin.send(.PATCH, "/api/v1/auth/users/\(user.id)", json: UserUpdate(version: user.version, roles: roles))
        #expect(answer.status == .ok, "roles of \(name)")
    }

    /// Creates the flow of `subject` with `nodes`; fails the test on an error answer.
    @discardableResult
    func flow(_ subject: String, _ nodes: [FlowNode], name: String = "Test flow") async throws -> ApprovalFlowDTO {
        let answer = try await admin.post("/api/v1/approvals/flows", json: FlowSaveRequest(subject: subject, name: name, definition: FlowDefinition(nodes: nodes)))
        #expect(answer.status == .created, "flow: \(answer.body)")
        return try answer.decode()
    }

    static func approver(_ id: String, _ rules: [ApproverRule], mode: ApprovalMode? = nil, name: String? = nil, rules nodeRules: NodeRules? = nil) -> FlowNode {
        FlowNode(id: id, type: .approver, name: name ?? id, approvers: rules, mode: mode, rules: nodeRules)
    }

    func users(_ names: String...) -> ApproverRule { ApproverRule(kind: .users, userIds: names.map(id)) }

    /// The caller's open task on `instance`.
    static func myTask(_ api: APIClient, _ instance: UUID) async throws -> UUID {
        let detail: ApprovalInstanceDTO = try await api.get("/api/v1/approvals/instances/\(instance)").decode()
        return try #require(detail.summary.myTaskId, "no open task for the caller")
    }

    static func detail(_ api: APIClient, _ instance: UUID) async throws -> ApprovalInstanceDTO {
        try await api.get("/api/v1/approvals/instances/\(instance)").decode()
    }
}
