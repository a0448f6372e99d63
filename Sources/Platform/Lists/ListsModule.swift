import Fluent
import Foundation
import Vapor

/// The shared list mechanism's own routes (`/api/v1/lists`) and storage: column choices, saved
/// filters and background exports per user. Lists themselves are declared by their modules with
/// ``Vapor/RoutesBuilder/list(_:_:permission:exportPermission:summary:revisionKey:)``.
public struct ListsModule: AfieldModule {
    public static let id = "lists"
    public static let dependsOn: [any AfieldModule.Type] = [IdentityModule.self, JobsModule.self, FilesModule.self]

    public init() {}

    public var permissions: [Permission] { [] }
    public var personalPermissions: [Permission] { [Self.personalise] }

    /// Personal: choose one's columns, save one's filters, follow one's background exports.
    /// Every session holds it; an API token only when created with it.
    public static let personalise = Permission("lists.view.personalise")

    public var migrations: [any AsyncMigration] { [CreateListStorage()] }
    public var messages: [String: MessageCatalog.Entry] { ListsMessages.all }

    public var auditEntities: [AuditEntityKind] {
        [AuditEntityKind(ListsController.preferenceEntity, label: .init(en: "List columns", zhCN: "列表列设置"), actions: [
            "update": .init(en: "Chose the columns of a list", zhCN: "设置了列表的列"),
         ]),
         AuditEntityKind(ListsController.filterEntity, label: .init(en: "Saved filter", zhCN: "已保存筛选"), actions: [
            "create": .init(en: "Saved a filter", zhCN: "保存了筛选"),
            "delete": .init(en: "Deleted a saved filter", zhCN: "删除了已保存筛选"),
         ]),
         AuditEntityKind(ListExportJobs.auditEntity, label: .init(en: "Export", zhCN: "导出"), actions: [
            "create": .init(en: "Started an export", zhCN: "发起了导出"),
         ])]
    }

    public func routes(_ api: any RoutesBuilder) throws {
        ListsController().register(api)
    }

    public func boot(_ context: ModuleContext) async throws {
        ListExportJobs.register(on: context.application)
    }
}
