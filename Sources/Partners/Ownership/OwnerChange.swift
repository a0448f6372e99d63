import Fluent
import Foundation

/// One change of a customer's account manager (history of transfers, claims and releases).
///
/// `action`: `claim` (taken from the public pool), `release` (given back by its owner), `idle`
/// (returned to the pool by the idle rule), `transfer` (given to another rep by a manager),
/// `assign` (given from the pool to a rep by a manager).
public final class OwnerChange: Model, @unchecked Sendable {
    public static let schema = "partner_owner_changes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    @Field(key: "partner_id") public var partnerID: UUID
    @Field(key: "action") public var action: String
    @OptionalField(key: "from_owner_id") public var fromOwnerID: UUID?
    @OptionalField(key: "to_owner_id") public var toOwnerID: UUID?
    @OptionalField(key: "reason") public var reason: String?
    @Field(key: "at") public var at: Date
    /// The user who acted; nil for the idle rule.
    @OptionalField(key: "by_user_id") public var byUserID: UUID?

    public init() {}

    init(tenantID: UUID, partnerID: UUID, action: String, from: UUID?, to: UUID?, reason: String?, at: Date, by: UUID?) {
        self.id = UUID()
        self.tenantID = tenantID
        self.partnerID = partnerID
        self.action = action
        self.fromOwnerID = from
        self.toOwnerID = to
        self.reason = reason
        self.at = at
        self.byUserID = by
    }
}
