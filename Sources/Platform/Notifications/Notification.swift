import Fluent
import Foundation

/// One in-app notification for one user (`notifications` table). Its text is a message code and
/// params, rendered in the reader's language when read, so each reader sees their own language.
public final class UserNotification: Model, @unchecked Sendable {
    public static let schema = "notifications"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    /// The recipient.
    @Field(key: "user_id") public var userID: UUID
    /// What happened, e.g. `approval.task`; matches the kinds of ``NotificationPreferences``.
    @Field(key: "kind") public var kind: String
    /// Message code of the title in the ``MessageCatalog``; `<code>.body`, when defined, is the body.
    @Field(key: "code") public var code: String
    /// JSON object of string params for the message.
    @Field(key: "params") public var params: String
    /// Web app route to open, e.g. `/approvals/<id>`.
    @OptionalField(key: "link") public var link: String?
    @OptionalField(key: "entity") public var entity: String?
    @OptionalField(key: "entity_id") public var entityID: UUID?
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "read_at") public var readAt: Date?

    public init() {}

    /// The decoded params; empty when the stored JSON is not an object of strings.
    public var paramValues: [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(params.utf8))) ?? [:]
    }
}

/// `platform.0014_notifications`: the in-app notification centre.
struct CreateNotifications: AsyncMigration {
    var name: String { "platform.0014_notifications" }

    func prepare(on database: any Database) async throws {
        try await database.schema(UserNotification.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("kind", .string, .required)
            .field("code", .string, .required)
            .field("params", .string, .required)
            .field("link", .string)
            .field("entity", .string)
            .field("entity_id", .uuid)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX notifications_inbox ON notifications (tenant_id, user_id, read_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserNotification.schema).delete()
    }
}

import SQLKit
