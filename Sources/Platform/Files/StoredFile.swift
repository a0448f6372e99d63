import AfieldAPI
import Fluent
import Foundation
import SQLKit

/// An uploaded file of a company (`files` table): its name and type, pointing at a blob of the
/// ``BlobStore`` by SHA-256. Several rows may share one blob.
public final class StoredFile: Model, @unchecked Sendable {
    public static let schema = "files"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    /// Lower-case hex SHA-256 of the bytes: the blob's address.
    @Field(key: "sha256") public var sha256: String
    /// Bytes.
    @Field(key: "size") public var size: Int64
    @Field(key: "content_type") public var contentType: String
    /// The file name as uploaded (UTF-8, without folders).
    @Field(key: "name") public var name: String
    @Field(key: "uploaded_by") public var uploadedBy: UUID
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    /// The API's view of it.
    public var ref: FileRef { FileRef(id: id!, name: name, contentType: contentType, size: size, sha256: sha256) }
}

/// `platform.0015_files`: uploaded files (their bytes are in the blob store on disk).
struct CreateFiles: AsyncMigration {
    var name: String { "platform.0015_files" }

    func prepare(on database: any Database) async throws {
        try await database.schema(StoredFile.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("sha256", .string, .required)
            .field("size", .int64, .required)
            .field("content_type", .string, .required)
            .field("name", .string, .required)
            .field("uploaded_by", .uuid, .required, .references(User.schema, .id))
            .field("created_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX files_blob ON files (sha256)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StoredFile.schema).delete()
    }
}
