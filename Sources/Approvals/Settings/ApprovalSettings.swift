import AfieldAPI
import Fluent
import Foundation

/// A company's approval settings (one row per company, made when the company is created).
final class ApprovalSettings: Model, @unchecked Sendable {
    static let schema = "approval_settings"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @OptionalField(key: "administrator_id") var administratorID: UUID?
    @Field(key: "urge_interval_minutes") var urgeIntervalMinutes: Int
    /// Minor units of the company currency: the built-in forms' default flows ask the
    /// department head too above this amount (``DefaultFlows``).
    @OptionalField(key: "department_head_above") var departmentHeadAbove: Int64?
    /// ``SameApproverRule`` of nodes that set none.
    @OptionalField(key: "same_approver") var sameApprover: String?
    @Field(key: "version") var version: Int

    init() {}

    init(tenantID: UUID) {
        self.tenantID = tenantID
        self.urgeIntervalMinutes = Self.defaultUrgeIntervalMinutes
        self.version = 0
    }

    static let defaultUrgeIntervalMinutes = 30

    /// The rule for a node that sets none: the company's choice; "approve once" unless it
    /// chose otherwise (companies that existed before the setting keep "ask again").
    var sameApproverRule: SameApproverRule { sameApprover.flatMap(SameApproverRule.init(rawValue:)) ?? .approveOnce }
}
