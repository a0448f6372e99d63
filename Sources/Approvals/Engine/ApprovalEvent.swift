import Fluent
import Foundation

/// One line of an instance's timeline. `detail` is a message code with params (JSON) that is
/// rendered in the reader's language.
final class ApprovalEvent: Model, @unchecked Sendable {
    static let schema = "approval_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "instance_id") var instanceID: UUID
    @Field(key: "round") var round: Int
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @OptionalField(key: "actor_name") var actorName: String?
    @OptionalField(key: "on_behalf_of_id") var onBehalfOfID: UUID?
    @OptionalField(key: "on_behalf_of_name") var onBehalfOfName: String?
    @Field(key: "action") var action: String
    @OptionalField(key: "step_name") var stepName: String?
    @OptionalField(key: "comment") var comment: String?
    @OptionalField(key: "attachments") var attachments: String?
    @OptionalField(key: "detail_code") var detailCode: String?
    @OptionalField(key: "detail_params") var detailParams: String?

    init() {}
}
