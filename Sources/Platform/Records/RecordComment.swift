import Fluent
import Foundation
import SQLKit

/// A comment on a record (`record_comments` table), in the chatter of its page.
public final class RecordComment: Model, @unchecked Sendable {
    public static let schema = "record_comments"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    /// The record's kind (``RecordKind/key``).
    @Field(key: "entity") public var entity: String
    @Field(key: "record_id") public var recordID: UUID
    @Field(key: "author_id") public var authorID: UUID
    /// The author's name when they wrote it (a comment keeps it if the user is renamed later).
    @Field(key: "author_name") public var authorName: String
    /// Multi-line plain text (``TextInput/note(_:max:)``).
    @Field(key: "text") public var text: String
    /// The people mentioned: JSON array of `{"id":…,"name":…}` (``PersonRef``).
    @Field(key: "mentions") public var mentions: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "edited_at") public var editedAt: Date?
    @Field(key: "version") public var version: Int

    public init() {}
}

/// A person following a record (`record_followers` table): told of new comments on it.
public final class RecordFollower: Model, @unchecked Sendable {
    public static let schema = "record_followers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    @Field(key: "entity") public var entity: String
    @Field(key: "record_id") public var recordID: UUID
    @Field(key: "user_id") public var userID: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// `platform.0017_record_chatter`: comments and followers of records.
struct CreateRecordChatter: AsyncMigration {
    var name: String { "platform.0017_record_chatter" }

    func prepare(on database: any Database) async throws {
        try await database.schema(RecordComment.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("entity", .string, .required)
            .field("record_id", .uuid, .required)
            .field("author_id", .uuid, .required, .references(User.schema, .id))
            .field("author_name", .string, .required)
            .field("text", .string, .required)
            .field("mentions", .string, .required)
            .field("created_at", .datetime, .required)
            .field("edited_at", .datetime)
            .field("version", .int, .required)
            .create()
        try await database.schema(RecordFollower.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("entity", .string, .required)
            .field("record_id", .uuid, .required)
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("created_at", .datetime, .required)
            .unique(on: "tenant_id", "entity", "record_id", "user_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX record_comments_record ON record_comments (tenant_id, entity, record_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RecordFollower.schema).delete()
        try await database.schema(RecordComment.schema).delete()
    }
}
