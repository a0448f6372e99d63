import Fluent
import Foundation

/// One node of the flow as this instance reached it, materialised at submission in order
/// (`position`, with gaps so added signers can go between).
final class ApprovalStep: Model, @unchecked Sendable {
    static let schema = "approval_steps"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "instance_id") var instanceID: UUID
    @Field(key: "round") var round: Int
    @Field(key: "position") var position: Int
    @Field(key: "node_id") var nodeID: String
    @Field(key: "name") var name: String
    /// ``FlowNodeType`` raw value: approver, handler or cc.
    @Field(key: "type") var type: String
    @Field(key: "mode") var mode: String
    /// Approvals needed to pass (all: everyone unless a minimum was set).
    @OptionalField(key: "required") var required: Int?
    /// JSON of ``NodeRules`` and ``NodeTimeout``.
    @OptionalField(key: "rules") var rules: String?
    @OptionalField(key: "timeout") var timeout: String?
    /// Planned people, in order (JSON array of UUID); empty until chosen for `previousApproverChoice`.
    @Field(key: "assignees") var assignees: String
    /// What the planner noted (`autoApproved.noApprover`, …).
    @OptionalField(key: "note") var note: String?
    @Field(key: "state") var state: String
    @OptionalField(key: "activated_at") var activatedAt: Date?
    @OptionalField(key: "decided_at") var decidedAt: Date?

    init() {}
}
