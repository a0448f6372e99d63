import Fluent
import Foundation

/// Tasks meant for `userID` go to `delegateID` between two days, inclusive (代理审批).
final class ApprovalDelegation: Model, @unchecked Sendable {
    static let schema = "approval_delegations"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "delegate_id") var delegateID: UUID
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
