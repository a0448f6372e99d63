import Fluent
import Foundation

/// One request going through a flow (审批单): a submitted custom form or a gated document.
final class ApprovalInstance: Model, @unchecked Sendable {
    static let schema = "approval_instances"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "number") var number: String
    @Field(key: "title") var title: String
    /// `form.<formId>` or a document kind.
    @Field(key: "subject") var subject: String
    @OptionalField(key: "document_id") var documentID: UUID?
    @OptionalField(key: "form_id") var formID: UUID?
    @Field(key: "flow_id") var flowID: UUID
    @Field(key: "flow_version_id") var flowVersionID: UUID
    @Field(key: "flow_version_number") var flowVersionNumber: Int
    @Field(key: "requester_id") var requesterID: UUID
    @Field(key: "requester_name") var requesterName: String
    @OptionalField(key: "department_id") var departmentID: UUID?
    /// Form values (JSON object of ``FormValue``), for forms.
    @OptionalField(key: "values") var values: String?
    /// Facts the conditions test (JSON object of ``StoredFact``).
    @Field(key: "facts") var facts: String
    /// The card summary: JSON array of ``CardSummaryItem``.
    @OptionalField(key: "summary") var summary: String?
    /// Requester's choices for `requesterChoice` nodes (JSON object node id → [UUID]).
    @OptionalField(key: "chosen") var chosen: String?
    @Field(key: "state") var state: String
    /// Resubmission counter: each restart (P-04) or resubmission after a return adds one.
    @Field(key: "round") var round: Int
    /// After a return to the requester: the position of the step that returned it, where the
    /// resubmitted flow resumes.
    @OptionalField(key: "resume_position") var resumePosition: Int?
    @OptionalField(key: "last_urged_at") var lastUrgedAt: Date?
    @Field(key: "submitted_at") var submittedAt: Date
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}
