import Fluent
import Vapor

/// The chatter of every record page (`/api/v1/records/{entity}/{id}`): comments with
/// @mentions, followers, attachments and history, for each record kind a module declares
/// (``RecordKind``, installed at boot in ``Application/recordKinds``). Printing to PDF is
/// ``PDFPrinter``.
public struct RecordsModule: AfieldModule {
    public static let id = "records"
    public static let dependsOn: [any AfieldModule.Type] = [IdentityModule.self, NotificationsModule.self, FilesModule.self]

    public init() {}

    public var permissions: [Permission] { [] }
    public var personalPermissions: [Permission] { [Self.read, Self.write] }

    /// Personal: read the chatter of records one may read. Every session holds it; an API token
    /// only when created with it.
    public static let read = Permission("records.chatter.read")
    /// Personal: comment, follow and attach files on records one may read. Every session holds
    /// it; an API token only when created with it.
    public static let write = Permission("records.chatter.write")

    public var migrations: [any AsyncMigration] { [CreateRecordChatter()] }
    public var messages: [String: MessageCatalog.Entry] { RecordsMessages.all }

    public func routes(_ api: any RoutesBuilder) throws {
        ChatterController().register(api)
    }
}
