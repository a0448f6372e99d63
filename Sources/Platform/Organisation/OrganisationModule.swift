import Fluent
import Vapor

/// The organisation: departments, positions, sites, the employee directory with the employees'
/// HR fields, and the reporting chart (`/api/v1/org`).
public struct OrganisationModule: AfieldModule {
    public static let id = "org"
    public static let dependsOn: [any AfieldModule.Type] = [IdentityModule.self]
    /// See the directory, departments, positions, sites and chart (every role has it).
    public static let read = Permission("org.directory.read")
    /// Add, rename, move and archive departments.
    public static let manage = Permission("org.department.manage")
    /// Add, rename and archive positions.
    public static let managePositions = Permission("org.position.manage")
    /// Add, change and archive sites.
    public static let manageSites = Permission("org.site.manage")
    /// Change employees: name, title, department, manager, position, site, linked user.
    public static let manageEmployees = Permission("org.employee.manage")
    /// See employees' sensitive HR fields in full (else masked or left out, on every path).
    public static let sensitiveRead = Permission("org.employee.sensitive.read")
    /// Change employees' sensitive HR fields (with ``manageEmployees``).
    public static let sensitiveWrite = Permission("org.employee.sensitive.write")

    public static let departmentEntity = "platform.department"
    public static let employeeEntity = "platform.employee"
    public static let positionEntity = "platform.position"
    public static let siteEntity = "platform.site"

    public init() {}

    public var permissions: [Permission] {
        [Self.read, Self.manage, Self.managePositions, Self.manageSites, Self.manageEmployees, Self.sensitiveRead, Self.sensitiveWrite]
    }
    public var migrations: [any AsyncMigration] { [CreatePositions(), CreateSites(), AddEmployeePositionAndSite(), AddEmployeeSensitiveFields(), AddEmployeeHourlyCost()] }
    public var messages: [String: MessageCatalog.Entry] { OrganisationMessages.all.merging(EmployeeList.messages) { first, _ in first } }
    /// The feed carries ids and actions only, never field values, so the sensitive fields cannot
    /// leak through it.
    public var feedEntities: [String: [Permission]] {
        [Self.departmentEntity: [Self.read], Self.employeeEntity: [Self.read], Self.positionEntity: [Self.read], Self.siteEntity: [Self.read]]
    }

    public var searchProviders: [SearchProvider] { [Employee.searchProvider] }

    public func boot(_ context: ModuleContext) async throws { context.application.recordKinds.register(EmployeeRecord.kind) }

    public func routes(_ api: any RoutesBuilder) throws {
        OrganisationController().register(api)
        EmployeeController().register(api)
        PositionController().register(api)
        SiteController().register(api)
    }
}
