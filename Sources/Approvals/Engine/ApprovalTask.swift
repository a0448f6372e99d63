import Fluent
import Foundation

/// One person's part in a step: decide (approver/handler) or read (CC).
final class ApprovalTask: Model, @unchecked Sendable {
    static let schema = "approval_tasks"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "instance_id") var instanceID: UUID
    @Field(key: "step_id") var stepID: UUID
    @Field(key: "sequence") var sequence: Int
    @Field(key: "assignee_id") var assigneeID: UUID
    @Field(key: "assignee_name") var assigneeName: String
    @OptionalField(key: "on_behalf_of_id") var onBehalfOfID: UUID?
    @OptionalField(key: "on_behalf_of_name") var onBehalfOfName: String?
    @Field(key: "kind") var kind: String
    @Field(key: "state") var state: String
    @OptionalField(key: "comment") var comment: String?
    @OptionalField(key: "decided_by_id") var decidedByID: UUID?
    @OptionalField(key: "decided_by_name") var decidedByName: String?
    @OptionalField(key: "opened_at") var openedAt: Date?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
