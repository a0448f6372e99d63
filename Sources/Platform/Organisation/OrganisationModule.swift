import Fluent
import Vapor

/// The organisation: departments, the employee directory, the reporting chart (`/api/v1/org`).
public struct OrganisationModule: AfieldModule {
    public static let id = "org"
    public static let dependsOn: [any AfieldModule.Type] = [IdentityModule.self]
    /// See the directory, departments and chart (every role has it).
    public static let read = Permission("org.directory.read")
    /// Add, rename, move and archive departments.
    public static let manage = Permission("org.department.manage")
    public static let departmentEntity = "platform.department"

    public init() {}

    public var permissions: [Permission] { [Self.read, Self.manage] }
    public var migrations: [any AsyncMigration] { [] }
    public var messages: [String: MessageCatalog.Entry] {
        ["entity.department": .init(en: "Department", zhCN: "部门"),
         "org.department.unknown": .init(en: "Choose an existing department.", zhCN: "请选择已有部门。"),
         "org.department.cycle": .init(en: "A department cannot be moved under itself or one of its sub-departments.",
                                       zhCN: "部门不能移动到自身或其下级部门之下。"),
         "org.department.not_empty": .init(en: "Move its people and sub-departments out before archiving it.",
                                           zhCN: "请先移出该部门的人员和下级部门，再将其归档。"),
         "org.employee.unknown": .init(en: "Choose an existing employee.", zhCN: "请选择已有员工。")]
    }
    public var feedEntities: [String: [Permission]] { [Self.departmentEntity: [Self.read]] }

    public func routes(_ api: any RoutesBuilder) throws { OrganisationController().register(api) }
}
