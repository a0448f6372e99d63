import Fluent
import Foundation
import SQLKit

/// A file tied to a record (`file_links` table): a chatter attachment of a sales order, a file
/// in an approval's comment or form. While a file has links, only people who may read one of
/// its records may read it (``FileAccess``); Odoo's `ir.attachment` follows its `res_model` /
/// `res_id` record's rules the same way.
public final class FileLink: Model, @unchecked Sendable {
    public static let schema = "file_links"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    @Field(key: "file_id") public var fileID: UUID
    /// The record's kind (``RecordKind/key``), e.g. `sales.order`.
    @Field(key: "entity") public var entity: String
    @Field(key: "record_id") public var recordID: UUID
    @Field(key: "linked_by") public var linkedBy: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    /// Ties `files` (of company `tenantID`) to record `recordID` of kind `entity`, inside the
    /// caller's transaction; a file already tied to that record is left as it is.
    public static func link(_ files: [UUID], to entity: String, record recordID: UUID, tenantID: UUID, by userID: UUID, at now: Date,
                            on db: any Database) async throws {
        guard !files.isEmpty else { return }
        let existing = Set(try await FileLink.query(on: db).filter(\.$tenantID == tenantID).filter(\.$entity == entity)
            .filter(\.$recordID == recordID).filter(\.$fileID ~~ files).all().map(\.fileID))
        var seen = existing
        for file in files where seen.insert(file).inserted {
            let row = FileLink()
            row.id = UUID()
            row.tenantID = tenantID
            row.fileID = file
            row.entity = entity
            row.recordID = recordID
            row.linkedBy = userID
            row.createdAt = now
            try await row.create(on: db)
        }
    }
}

/// `platform.0018_file_links`: files tied to records.
struct CreateFileLinks: AsyncMigration {
    var name: String { "platform.0018_file_links" }

    func prepare(on database: any Database) async throws {
        try await database.schema(FileLink.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("file_id", .uuid, .required, .references(StoredFile.schema, .id))
            .field("entity", .string, .required)
            .field("record_id", .uuid, .required)
            .field("linked_by", .uuid, .required, .references(User.schema, .id))
            .field("created_at", .datetime, .required)
            .unique(on: "file_id", "entity", "record_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX file_links_record ON file_links (tenant_id, entity, record_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(FileLink.schema).delete()
    }
}
