import Fluent
import Foundation

/// A company's approval flow for one subject (`form.<id>` or a document kind such as
/// `sales.order`). Its definition lives in immutable ``ApprovalFlowVersion`` rows.
final class ApprovalFlow: Model, @unchecked Sendable {
    static let schema = "approval_flows"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "subject") var subject: String
    @Field(key: "name") var name: String
    @Field(key: "current_version_id") var currentVersionID: UUID
    @Field(key: "current_number") var currentNumber: Int
    @Field(key: "archived") var archived: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}

/// One saved version of a flow's definition (JSON of ``FlowDefinition``). Never changed: a
/// running instance keeps the version it started with.
final class ApprovalFlowVersion: Model, @unchecked Sendable {
    static let schema = "approval_flow_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "flow_id") var flowID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "definition") var definition: String
    @Field(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
