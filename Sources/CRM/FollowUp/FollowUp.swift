import Fluent
import Foundation

/// A follow-up (跟进记录): a call, visit, e-mail, meeting or message with a customer, a lead or
/// an opportunity, with notes and the next step (whose time, if given, sends a reminder).
final class FollowUp: Model, @unchecked Sendable {
    static let schema = "crm_follow_ups"

    static let kinds = ["call", "visit", "email", "meeting", "message"]

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @OptionalField(key: "customer_id") var customerID: UUID?
    @OptionalField(key: "lead_id") var leadID: UUID?
    @OptionalField(key: "opportunity_id") var opportunityID: UUID?
    /// The visit this follow-up records, when logged at check-out.
    @OptionalField(key: "visit_id") var visitID: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "notes") var notes: String
    /// When it happened (UTC).
    @Field(key: "at") var at: Date
    @OptionalField(key: "next_step") var nextStep: String?
    /// When to remind the owner of the next step (UTC).
    @OptionalField(key: "next_at") var nextAt: Date?
    @Field(key: "owner_id") var ownerID: UUID
    @OptionalField(key: "department_id") var departmentID: UUID?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}
