import AfieldAPI
import AfieldTesting
import App
import Fluent
import Foundation
import Platform
import Testing
import Vapor

/// Uploaded files: byte-exact round trip, one blob per content, allowed types, size limit and
/// tenant isolation.
@Suite("Files")
struct FileTests {
    /// A PNG signature followed by `tail` random-ish bytes (every byte value occurs).
    static func png(_ tail: Int = 2048, seed: UInt8 = 0) -> Data {
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        data.append(contentsOf: (0..<tail).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) })
        return data
    }

    static let chineseName = "报告 2026 \"final\".png"
    static var encodedName: String { chineseName.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

    @Test("an upload comes back byte for byte with its name, type, nosniff; meta describes it; it is audited")
    func roundTrip() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let bytes = Self.png()
            let answer = try await api.send(.POST, "/api/v1/files", bytes: bytes, contentType: "image/png", headers: [("X-File-Name", Self.encodedName)])
            #expect(answer.status == .created, "\(answer.text)")
            let ref = try answer.decode(FileRef.self)
            #expect(ref.name == Self.chineseName)
            #expect(ref.contentType == "image/png")
            #expect(ref.size == Int64(bytes.count))
            #expect(ref.sha256 == BlobStore.sha256(of: bytes))
            #expect(ref.sha256.count == 64)

            let download = try await api.get("/api/v1/files/\(ref.id)")
            #expect(download.status == .ok)
            #expect(download.body == bytes)
            #expect(download.headers.contentType == .png)
            #expect(download.headers.first(name: "X-Content-Type-Options") == "nosniff")
            let disposition = download.headers.first(name: .contentDisposition) ?? ""
            #expect(disposition.hasPrefix("attachment; filename=\""))
            #expect(disposition.contains("filename*=UTF-8''%E6%8A%A5%E5%91%8A%202026%20%22final%22.png"))
            #expect(try await api.get("/api/v1/files/\(ref.id)/meta").decode(FileRef.self) == ref)

            let entry = try await AuditEntry.query(on: app.db).filter(\.$entity == "platform.file").first()
            #expect(entry?.entityID == ref.id)
            #expect(entry?.action == "create")
        }
    }

    @Test("the same bytes uploaded twice are two files sharing one blob on disk")
    func sameBytesOneBlob() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let bytes = Self.png(4096, seed: 7)
            let first = try await api.send(.POST, "/api/v1/files", bytes: bytes, contentType: "image/png", headers: [("X-File-Name", "a.png")])
                .decode(FileRef.self)
            let second = try await api.send(.POST, "/api/v1/files", bytes: bytes, contentType: "image/png; charset=binary",
                                            headers: [("X-File-Name", "b.png")]).decode(FileRef.self)
            #expect(first.id != second.id)
            #expect(first.sha256 == second.sha256)
            #expect(second.name == "b.png")
            let root = app.blobStore.root
            let blobs = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
                .compactMap { $0 as? URL }.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            #expect(blobs.map(\.lastPathComponent) == [first.sha256], "one blob, no temporary file left")
            #expect(app.blobStore.url(for: first.sha256).path.hasSuffix("/\(first.sha256.prefix(2))/\(first.sha256.dropFirst(2).prefix(2))/\(first.sha256)"))
            #expect(try await api.get("/api/v1/files/\(second.id)").body == bytes)
        }
    }

    @Test("a type that is not allowed, or content that does not match its type, answers 422 in the caller's language")
    func wrongType() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let exe = try await api.send(.POST, "/api/v1/files", bytes: Data("MZ\u{0}\u{1}".utf8), contentType: "application/x-msdownload")
            #expect(exe.status == .unprocessableEntity)
            #expect(try exe.error.fields?.first?.code == "files.type_not_allowed")
            #expect(try exe.error.fields?.first?.message.contains("application/x-msdownload") == true)
            let chinese = try await api.inLanguage("zh-CN").send(.POST, "/api/v1/files", bytes: Data("<svg/>".utf8), contentType: "image/svg+xml")
            #expect(chinese.status == .unprocessableEntity)
            #expect(try chinese.error.fields?.first?.message == "不能上传 image/svg+xml 类型的文件。请上传图片、PDF、办公文档、文本、CSV 或 ZIP 文件。")
            let fake = try await api.send(.POST, "/api/v1/files", bytes: Data("%PDF-1.7 not a picture".utf8), contentType: "image/png")
            #expect(fake.status == .unprocessableEntity)
            #expect(try fake.error.fields?.first?.code == "files.content_mismatch")
            let empty = try await api.send(.POST, "/api/v1/files", bytes: Data(), contentType: "text/plain")
            #expect(empty.status == .unprocessableEntity)
            let csv = try await api.send(.POST, "/api/v1/files", bytes: Data("名称,数量\n苹果,3\n".utf8), contentType: "text/csv",
                                         headers: [("X-File-Name", "stock.csv")])
            #expect(csv.status == .created)
            #expect(try await api.get("/api/v1/files/\(try csv.decode(FileRef.self).id)").headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(try await StoredFile.query(on: app.db).count() == 1)
        }
    }

    @Test("more than 10 MB answers 413 and stores nothing")
    func tooBig() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            var bytes = Data("%PDF-1.7\n".utf8)
            bytes.append(Data(count: FileTypes.maximumBytes))
            let answer = try await api.send(.POST, "/api/v1/files", bytes: bytes, contentType: "application/pdf")
            #expect(answer.status == .payloadTooLarge)
            #expect(try await StoredFile.query(on: app.db).count() == 0)
            #expect(!FileManager.default.fileExists(atPath: app.blobStore.root.path) ||
                    FileManager.default.enumerator(atPath: app.blobStore.root.path)?.allObjects.isEmpty == true)
        }
    }

    @Test("another company's file answers 404")
    func otherTenant() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let ref = try await api.send(.POST, "/api/v1/files", bytes: Self.png(), contentType: "image/png").decode(FileRef.self)
            #expect(ref.name == "file")
            let registered = try await client.post("/api/v1/auth/register", json: RegisterRequest(
                companyName: "Other Co", name: "Mallory", email: "mallory@other.example", mobile: "+86 138 0013 8000", password: "other company pw"))
            var other = client
            other.token = try registered.decode(SessionResponse.self).token
            #expect(try await other.get("/api/v1/files/\(ref.id)").status == .notFound)
            #expect(try await other.get("/api/v1/files/\(ref.id)/meta").status == .notFound)
            #expect(try await api.get("/api/v1/files/\(UUID())").status == .notFound)
        }
    }
}
