import Foundation

/// A form request (built-in or custom) was approved (`approvals.form_approved`), published by
/// the Approvals module in the approving transaction. Modules bind built-in forms to their own
/// records this way (issue 10 point 6): Attendance records approved trips, outings and overtime;
/// Leave turns overtime taken as time off into compensatory leave.
public struct ApprovalFormApproved: DomainEvent {
    public static let name = "approvals.form_approved"
    public let tenantID: UUID
    /// The approval instance; a subscriber keys what it writes by it, so a replay writes nothing twice.
    public let instanceID: UUID
    /// The requester's user id.
    public let requesterID: UUID
    /// The built-in template the form came from (`businessTrip`, `outing`, `overtime`, …); nil
    /// for a company's own form.
    public let templateKey: String?
    /// The submitted values as JSON (`{"period": {"start": "2026-12-07", "end": "2026-12-09"}, …}`).
    public let valuesJSON: String

    public init(tenantID: UUID, instanceID: UUID, requesterID: UUID, templateKey: String?, valuesJSON: String) {
        self.tenantID = tenantID
        self.instanceID = instanceID
        self.requesterID = requesterID
        self.templateKey = templateKey
        self.valuesJSON = valuesJSON
    }
}
