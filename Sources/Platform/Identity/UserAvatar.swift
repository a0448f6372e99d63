import Fluent
import Foundation

/// A user's picture (PNG, JPEG or WebP, at most ``maximumBytes``), kept in the database so
/// every server process and every backup has it.
public final class UserAvatar: Model, @unchecked Sendable {
    public static let schema = "user_avatars"
    /// 512 KiB: plenty for a 512×512 photo; the web app scales pictures down before upload.
    public static let maximumBytes = 512 * 1024

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    @Field(key: "user_id") public var userID: UUID
    /// `image/png`, `image/jpeg` or `image/webp`, read from the bytes, not from the client.
    @Field(key: "content_type") public var contentType: String
    @Field(key: "data") public var data: Data
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(tenantID: UUID, userID: UUID, contentType: String, data: Data) {
        self.tenantID = tenantID
        self.userID = userID
        self.contentType = contentType
        self.data = data
    }

    /// The image type from the file's magic bytes; nil for anything else (SVG is refused: it
    /// can carry script).
    public static func imageType(of data: Data) -> String? {
        let bytes = [UInt8](data.prefix(12))
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.count >= 12, bytes[0..<4].elementsEqual(Array("RIFF".utf8)), bytes[8..<12].elementsEqual(Array("WEBP".utf8)) { return "image/webp" }
        return nil
    }
}
