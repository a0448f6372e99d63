import Fluent
import Foundation

/// One entry of the append-only audit log (DESIGN §5): who changed what, when, from where.
///
/// Entries of a tenant form a hash chain: `hash = SHA-256(prevHash + "\n" + canonical text)`,
/// so editing or deleting an entry breaks every later link (`afield audit verify`).
public final class AuditEntry: Model, @unchecked Sendable {
    public static let schema = "audit_entries"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    /// 1, 2, 3… per tenant, without gaps.
    @Field(key: "seq") public var seq: Int64
    /// ISO 8601 UTC with milliseconds, kept as text so the hashed value reads back exactly.
    @Field(key: "at") public var at: String
    @OptionalField(key: "actor_id") public var actorID: UUID?
    @Field(key: "actor_name") public var actorName: String
    @OptionalField(key: "on_behalf_of") public var onBehalfOf: UUID?
    /// Entity name, e.g. `partners.partner`, `sales.order`.
    @Field(key: "entity") public var entity: String
    @OptionalField(key: "entity_id") public var entityID: UUID?
    /// `create`, `update`, `confirm`, `import`, …
    @Field(key: "action") public var action: String
    /// JSON object `{"field":{"before":…,"after":…}}` of the changed fields only.
    @Field(key: "changes") public var changes: String
    /// `web`, `api`, `import` or `system`.
    @Field(key: "source") public var source: String
    @OptionalField(key: "ip") public var ip: String?
    @OptionalField(key: "user_agent") public var userAgent: String?
    @OptionalField(key: "request_id") public var requestID: String?
    @Field(key: "prev_hash") public var prevHash: String
    @Field(key: "hash") public var hash: String

    public init() {}

    /// The text the hash covers: every field but `id` and `hash`, in a fixed order.
    var canonicalText: String {
        [String(seq), tenantID.uuidString, at, actorID?.uuidString ?? "", actorName, onBehalfOf?.uuidString ?? "", entity,
         entityID?.uuidString ?? "", action, changes, source, ip ?? "", userAgent ?? "", requestID ?? ""]
            .map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|") }
            .joined(separator: "|")
    }
}
