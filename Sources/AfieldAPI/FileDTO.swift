import Foundation

/// A stored file (`POST /api/v1/files`, `GET /api/v1/files/{id}/meta`): what a record keeps to
/// refer to an attachment. The bytes are at `GET /api/v1/files/{id}`.
public struct FileRef: Codable, Sendable, Equatable {
    public var id: UUID
    /// The file name as uploaded (UTF-8, without folders).
    public var name: String
    /// MIME type, e.g. `image/png`, `application/pdf`.
    public var contentType: String
    /// Bytes.
    public var size: Int64
    /// Lower-case hex SHA-256 of the bytes.
    public var sha256: String

    public init(id: UUID, name: String, contentType: String, size: Int64, sha256: String) {
        self.id = id
        self.name = name
        self.contentType = contentType
        self.size = size
        self.sha256 = sha256
    }
}
