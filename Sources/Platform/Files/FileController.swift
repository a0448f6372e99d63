import AfieldAPI
import Fluent
import Foundation
import Vapor

/// `/api/v1/files`: upload a file, read it back and its description, within the caller's company;
/// a file tied to records only for those who may read one of them (``FileAccess``).
struct FileController {
    static let entity = "platform.file"

    func register(_ routes: any RoutesBuilder) {
        let uploadRoute = routes.on(.POST, permission: FilesModule.upload,
                  summary: "Upload a file: the raw bytes as the body with its Content-Type and an X-File-Name header (percent-encoded UTF-8); at most 10 MB",
                  rawBody: FileTypes.allowed, response: FileRef.self, status: .created, maxBodySize: "10mb", use: upload)
        uploadRoute.userInfo[RouteInfo.headers] = [FileUpload.fileNameHeader]
        routes.on(.GET, ":id", permission: FilesModule.read, summary: "A file's bytes, as an attachment", use: download)
        routes.on(.GET, ":id", "meta", permission: FilesModule.read, summary: "A file's name, type, size and SHA-256",
                  use: meta)
    }

    @Sendable func upload(_ req: Request) async throws -> Response {
        let file = try await FileUpload.store(req)
        let response = Response(status: .created)
        try response.content.encode(file, using: JSONEncoder.afield)
        return response
    }

    @Sendable func meta(_ req: Request) async throws -> FileRef {
        try await find(req).ref
    }

    /// The bytes, streamed from the blob store, with the stored type, `nosniff` and the name in
    /// `Content-Disposition` (RFC 6266, `filename*` for UTF-8).
    @Sendable func download(_ req: Request) async throws -> Response {
        let file = try await find(req)
        let path = req.application.blobStore.url(for: file.sha256).path
        guard FileManager.default.fileExists(atPath: path) else {
            req.logger.error("file \(file.id!) of tenant \(file.tenantID): blob \(file.sha256) is missing")
            throw DomainError.notFound("file")
        }
        let parts = file.contentType.split(separator: "/", maxSplits: 1).map(String.init)
        var mediaType = HTTPMediaType(type: parts.first ?? "application", subType: parts.count > 1 ? parts[1] : "octet-stream")
        if mediaType.type == "text" { mediaType.parameters["charset"] = "utf-8" }
        let response = try await req.fileio.asyncStreamFile(at: path, mediaType: mediaType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: Self.contentDisposition(file.name))
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=86400, immutable")
        return response
    }

    private func find(_ req: Request) async throws -> StoredFile {
        let actor = try req.actor
        let id = try req.pathID(entity: "file")
        guard let file = try await StoredFile.query(on: req.database).filter(\.$id == id).filter(\.$tenantID == actor.tenantID).first(),
              try await FileAccess.canRead(id, by: RecordReader(actor: actor), kinds: req.application.recordKinds, on: req.database)
        else { throw DomainError.notFound("file") }
        return file
    }

    /// The `X-File-Name` header, percent-decoded, without folders or control characters, at
    /// most 200 characters; `file` when absent or empty.
    /// - Throws: 422 `files.invalid_name` when it is not percent-encoded UTF-8.
    static func fileName(_ header: String?) throws -> String {
        guard let header, !header.isEmpty else { return "file" }
        guard let decoded = header.removingPercentEncoding else { throw DomainError.invalid([.init("name", "files.invalid_name")]) }
        let base = decoded.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(base.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        let short = String(clean.prefix(200))
        return short.isEmpty || short == "." || short == ".." ? "file" : short
    }

    /// `attachment; filename="<ASCII stand-in>"; filename*=UTF-8''<percent-encoded>` (RFC 6266, RFC 8187).
    static func contentDisposition(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "!#$&+-.^_`|~")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
