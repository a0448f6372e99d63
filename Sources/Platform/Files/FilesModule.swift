import Fluent
import Foundation
import Vapor

/// Uploaded files (`/api/v1/files`): a content-addressed ``BlobStore`` on disk under the data
/// folder, and a `files` row per upload, per company.
public struct FilesModule: AfieldModule {
    public static let id = "files"
    public static let dependsOn: [any AfieldModule.Type] = [IdentityModule.self]

    public init() {}

    public var permissions: [Permission] { [] }
    public var personalPermissions: [Permission] { [Self.upload, Self.read] }

    /// Personal: upload files (attachments, receipt photos). Every session holds it; an API token
    /// only when created with it.
    public static let upload = Permission("files.file.upload")
    /// Personal: read the files one may see: those tied to records one may read, and one's own
    /// not yet tied to any (``FileAccess``). Every session holds it; an API token only
    /// when created with it.
    public static let read = Permission("files.file.read")
    public var migrations: [any AsyncMigration] { [CreateFiles(), CreateFileLinks()] }
    public var messages: [String: MessageCatalog.Entry] {
        [
            "entity.file": .init(en: "File", zhCN: "文件"),
            "files.empty": .init(en: "The file is empty.", zhCN: "文件为空。"),
            "files.too_large": .init(en: "A file can have at most {max}.", zhCN: "文件不能超过 {max}。"),
            "files.type_not_allowed": .init(en: "Files of type {type} cannot be uploaded. Upload a picture, PDF, office document, text, CSV or ZIP file.",
                                            zhCN: "不能上传 {type} 类型的文件。请上传图片、PDF、办公文档、文本、CSV 或 ZIP 文件。"),
            "files.content_mismatch": .init(en: "The file's content is not of type {type}.", zhCN: "文件内容与类型 {type} 不符。"),
            "files.invalid_name": .init(en: "Send the file name percent-encoded as UTF-8.", zhCN: "文件名须以 UTF-8 百分号编码发送。"),
        ]
    }

    public func routes(_ api: any RoutesBuilder) throws {
        FileController().register(api)
    }
}

extension Application {
    /// The blob store of uploaded files: `<data folder>/files` (``AfieldSettings/dataDirectory``).
    public var blobStore: BlobStore {
        BlobStore(root: URL(fileURLWithPath: afield.dataDirectory, isDirectory: true).appendingPathComponent("files", isDirectory: true))
    }
}
