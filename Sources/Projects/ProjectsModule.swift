import AfieldAPI
import Fluent
import Partners
import Platform
import Vapor

/// Tasks and projects for distributed teams (issue 13), at `/api/v1/projects`: tasks with
/// statuses, assignees, checklists, subtasks, dependencies and reminders; "my work"; projects
/// with members, phases, milestones, progress and the Gantt chart. Customers are Partners'
/// (reached through ``PartnerDirectory``); comments, @mentions and attachments are the platform's
/// record chatter.
public struct ProjectsModule: AfieldModule {
    public static let id = "projects"
    public static let dependsOn: [any AfieldModule.Type] = [PartnersModule.self]

    public init() {}

    /// Every signed-in person's own work: their tasks, tasks they create, collaborate on or see
    /// as a project member, and the projects they belong to.
    public static let work = Permission("projects.work")
    /// Seeing projects and tasks of the departments in one's `projects.project` data scope.
    public static let projectRead = Permission("projects.project.read")
    /// Creating projects and managing those in one's scope (as a project's own manager may).
    public static let projectManage = Permission("projects.project.manage")
    /// Budgets, labour rates and costs.
    public static let costRead = Permission("projects.cost.read")
    /// The company's task statuses.
    public static let statusManage = Permission("projects.status.manage")

    public static let projectResource = "projects.project"

    public static let taskEntity = "projects.task"
    public static let projectEntity = "projects.project"
    public static let milestoneEntity = "projects.milestone"
    public static let statusEntity = "projects.task_status"
    public static let timesheetEntity = "projects.timesheet"

    public var permissions: [Permission] { [Self.projectRead, Self.projectManage, Self.costRead, Self.statusManage] }
    public var personalPermissions: [Permission] { [Self.work] }
    public var scopedResources: [String] { [Self.projectResource] }
    public var migrations: [any AsyncMigration] { [CreateProjects(), CreateTimesheets(), CreateProjectRecords()] }
    public var messages: [String: MessageCatalog.Entry] { ProjectsMessages.all }
    public var menu: [MenuItem] {
        [MenuItem(id: "projects.my-work", path: "/tasks", titleKey: "nav.my_tasks", permission: Self.work.key),
         MenuItem(id: "projects.projects", path: "/projects", titleKey: "nav.projects", permission: Self.work.key),
         MenuItem(id: "projects.timesheet", path: "/timesheet", titleKey: "nav.timesheet", permission: Self.work.key),
         MenuItem(id: "projects.reports", path: "/projects/reports", titleKey: "nav.project_reports", permission: Self.work.key)]
    }
    public var feedEntities: [String: [Permission]] {
        [Self.taskEntity: [Self.work], Self.projectEntity: [Self.work], Self.milestoneEntity: [Self.work], Self.statusEntity: [Self.work],
         Self.timesheetEntity: [Self.work]]
    }
    public var feedFilters: [String: FeedFilter] {
        [Self.taskEntity: { context, ids in
            try await TaskAccess(context: context).visibleIDs(ids)
        }, Self.projectEntity: { context, ids in
            try await ProjectAccess(context: context).visibleIDs(ids)
        }, Self.timesheetEntity: { context, ids in
            // One's own weeks, and those of people in one's scope (as a manager reads them).
            let rows = try await Timesheet.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ ids).all()
            let scope = try await context.recordScope(Self.projectResource)
            return Set(rows.filter { $0.employeeID == context.actor.employeeID || scope.contains(department: $0.departmentID, employee: $0.employeeID, createdBy: $0.userID) }
                .compactMap(\.id))
        }, Self.milestoneEntity: { context, ids in
            let rows = try await Milestone.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ ids).all()
            let projects = try await ProjectAccess(context: context).visibleIDs(Array(Set(rows.map(\.projectID))))
            return Set(rows.filter { projects.contains($0.projectID) }.compactMap(\.id))
        }]
    }
    public var auditEntities: [AuditEntityKind] { ProjectsAudit.kinds }
    public var searchProviders: [SearchProvider] { ProjectsSearch.providers }

    public func routes(_ api: any RoutesBuilder) throws { ProjectsController().register(api) }

    public func boot(_ context: ModuleContext) async throws {
        context.application.recordKinds.register(ProjectsRecords.task)
        context.application.recordKinds.register(ProjectsRecords.project)
        TaskReminders.register(on: context.application)
        context.application.approvalOutcomes.register(TimesheetApproval())
        context.application.projectDirectory = ProjectsDirectory()
    }
}
