import AfieldAPI
import Fluent
import Foundation
import Vapor

/// Storing an uploaded file (the raw body, its `Content-Type`, an `X-File-Name` header), shared by
/// every upload route so that type, magic bytes and size are checked alike on each path.
public enum FileUpload {
    /// What a route accepts.
    public struct Rules: Sendable {
        public var maximumBytes: Int
        /// ``maximumBytes`` as messages show it (`5 MB`).
        public var maximumText: String
        /// Allowed types (``FileTypes/normalise(_:)`` form); nil: every type ``FileTypes`` allows.
        public var types: Set<String>?
        /// The message code of a file over the limit (413).
        public var tooLargeCode: String
        public init(maximumBytes: Int, maximumText: String, types: Set<String>? = nil, tooLargeCode: String = "files.too_large") {
            self.maximumBytes = maximumBytes
            self.maximumText = maximumText
            self.types = types
            self.tooLargeCode = tooLargeCode
        }

        /// `/api/v1/files`: any allowed type, 10 MB.
        public static let general = Rules(maximumBytes: FileTypes.maximumBytes, maximumText: FileTypes.maximumText)
    }

    /// Checks and stores the body of `req` as a file of the caller, not yet tied to any record.
    /// - Throws: 413 `rules.tooLargeCode` (`max`); 422 `files.empty`, `files.type_not_allowed`,
    ///   `files.content_mismatch`, `files.invalid_name`. Nothing is stored then.
    public static func store(_ req: Request, rules: Rules = .general) async throws -> FileRef {
        let actor = try req.actor
        let audit = try req.auditContext
        guard let buffer = req.body.data, buffer.readableBytes > 0 else { throw DomainError.invalid([.init("file", "files.empty")]) }
        guard buffer.readableBytes <= rules.maximumBytes else {
            throw DomainError(status: 413, code: rules.tooLargeCode, params: ["max": rules.maximumText])
        }
        let declared = req.headers.first(name: .contentType)
        guard let type = FileTypes.normalise(declared), rules.types?.contains(type) ?? true else {
            let shown = declared.map { String($0.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces) } ?? ""
            throw DomainError.invalid([.init("file", "files.type_not_allowed", params: ["type": shown.isEmpty ? "?" : String(shown.prefix(100))])])
        }
        let data = Data(buffer.readableBytesView)
        guard FileTypes.matches(type, data) else { throw DomainError.invalid([.init("file", "files.content_mismatch", params: ["type": type])]) }
        let name = try FileController.fileName(req.headers.first(name: "X-File-Name"))
        let store = req.application.blobStore
        let blob = try await req.application.threadPool.runIfActive { try store.put(data) }
        let file = try await req.write { db in
            let file = StoredFile()
            file.id = UUID()
            file.tenantID = actor.tenantID
            file.sha256 = blob.sha256
            file.size = blob.size
            file.contentType = type
            file.name = name
            file.uploadedBy = actor.userID
            file.createdAt = Date()
            try await file.create(on: db)
            var changes = AuditChanges()
            changes.created([("name", name), ("contentType", type), ("size", blob.size), ("sha256", blob.sha256)])
            try await AuditLog.append(entity: FileController.entity, entityID: file.id, action: "create", changes: changes, context: audit, on: db)
            return file
        }
        return file.ref
    }

    /// The `X-File-Name` header of upload routes, for the OpenAPI document.
    public static let fileNameHeader: JSONValue = [
        "name": "X-File-Name", "in": "header", "required": false,
        "description": "The file's name, percent-encoded UTF-8; folders and control characters are dropped, 200 characters kept",
        "schema": ["type": "string", "pattern": "^[\\x20-\\x7E]*$"],
    ]
}
