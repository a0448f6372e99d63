import AfieldAPI
import Fluent
import Platform
import Vapor

/// `/api/v1/projects/…`: thin — decode, call the service, encode.
struct ProjectsController: Sendable {
    /// A day of 1900…2999, as the services take them.
    static func day(_ name: String) -> QueryParameter {
        QueryParameter(name, schema: ["type": "string", "format": "date", "pattern": "^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"])
    }

    /// The one value of query parameter `name` (nil when absent or blank), one of `allowed` when given.
    /// - Throws: 422 `request.invalid_value` for a parameter sent twice or a value not allowed.
    static func single(_ req: Request, _ name: String, allowed: [String]? = nil) throws -> String? {
        let values = ListQueryString.pairs(req.url.query ?? "").filter { $0.0 == name }.map(\.1)
        guard values.count <= 1 else { throw DomainError.invalid([.init(name, "request.invalid_value")]) }
        guard let value = values.first else { return nil }
        if let allowed, !allowed.contains(value) { throw DomainError.invalid([.init(name, "request.invalid_value")]) }
        return value
    }

    func register(_ routes: any RoutesBuilder) {
        registerTasks(routes)
        registerProjects(routes)
        registerTimesheets(routes)
        registerReports(routes)
    }

    /// Each report as JSON, and as CSV at the same path with `/csv` after it (UTF-8 with BOM,
    /// headed in the caller's language where a value is a label).
    private func registerReports(_ routes: any RoutesBuilder) {
        @Sendable func csv(_ text: String, _ name: String) -> Response { CSVText.response(text, filename: "\(name).csv") }
        @Sendable func weeks(_ req: Request) throws -> Int {
            try Self.single(req, "weeks").map { text -> Int in
                guard let value = Int(text) else { throw DomainError.invalid([.init("weeks", "request.invalid_value")]) }
                return value
            } ?? 4
        }
        let workloadQuery: [QueryParameter] = [Self.day("from"), .integer("weeks", minimum: 1, maximum: ProjectReports.maximumWeeks)]
        routes.on(.GET, "reports", "status", permission: ProjectsModule.work,
                  summary: "Project status overview: open projects by health, progress and next milestone") { req async throws -> ProjectStatusReportDTO in
            try await ProjectReports(context: try req.serviceContext).status()
        }
        routes.on(.GET, "reports", "status", "csv", permission: ProjectsModule.work, summary: "The project status overview as CSV") { req async throws -> Response in
            let context: ServiceContext = try req.serviceContext
            let catalog = context.settings.catalog
            return csv(ProjectReportCSV.status(try await ProjectReports(context: context).status()) { catalog.message($0, context.language) }, "project-status")
        }
        routes.on(.GET, "reports", "workload", permission: ProjectsModule.work, summary: "Open tasks and estimated hours per person per ISO week",
                  query: workloadQuery) { req async throws -> WorkloadReportDTO in
            try await ProjectReports(context: try req.serviceContext).workload(from: try Self.single(req, "from"), weeks: try weeks(req))
        }
        routes.on(.GET, "reports", "workload", "csv", permission: ProjectsModule.work, summary: "The workload report as CSV", query: workloadQuery) {
            req async throws -> Response in
            csv(ProjectReportCSV.workload(try await ProjectReports(context: try req.serviceContext).workload(from: try Self.single(req, "from"), weeks: try weeks(req))),
                "workload")
        }
        routes.on(.GET, "reports", "overdue", permission: ProjectsModule.work, summary: "Overdue open tasks per assignee") { req async throws -> [OverdueRowDTO] in
            try await ProjectReports(context: try req.serviceContext).overdue()
        }
        routes.on(.GET, "reports", "overdue", "csv", permission: ProjectsModule.work, summary: "Overdue tasks per assignee as CSV") { req async throws -> Response in
            csv(ProjectReportCSV.overdue(try await ProjectReports(context: try req.serviceContext).overdue()), "overdue-tasks")
        }
        routes.on(.GET, "reports", "budget", permission: ProjectsModule.costRead, summary: "Budget against actual of the open projects one may see") {
            req async throws -> [ProjectBudgetRowDTO] in try await ProjectReports(context: try req.serviceContext).budget()
        }
        routes.on(.GET, "reports", "budget", "csv", permission: ProjectsModule.costRead, summary: "Budget against actual as CSV") { req async throws -> Response in
            csv(ProjectReportCSV.budget(try await ProjectReports(context: try req.serviceContext).budget()), "project-budgets")
        }
    }

    private func registerTimesheets(_ routes: any RoutesBuilder) {
        routes.on(.GET, "timesheets", "mine", permission: ProjectsModule.work, summary: "One's own timesheet of the week holding `week` (default this week)",
                  query: [Self.day("week")]) { req async throws -> TimesheetDTO in
            let context: ServiceContext = try req.serviceContext
            let week = try Self.single(req, "week") ?? context.today()
            guard CalendarDay.isPlausibleBusinessDay(week) else { throw DomainError.invalid([.init("week", "request.invalid_date")]) }
            return try await TimesheetRead(context: context).mine(week: week)
        }
        routes.on(.GET, "timesheets", ":id", permission: ProjectsModule.work, summary: "A timesheet (its owner's, or in one's data scope)") {
            req async throws -> TimesheetDTO in try await TimesheetRead(context: try req.serviceContext).detail(try req.pathID(entity: "timesheet"))
        }
        routes.on(.POST, "timesheet-entries", permission: ProjectsModule.work, summary: "Log hours on a task or project (one's own open week)",
                  body: TimesheetEntryInput.self, status: .created) { req async throws -> TimesheetDTO in
            try await TimesheetService(context: try req.serviceContext).add(try req.content.decode(TimesheetEntryInput.self))
        }
        routes.on(.PATCH, "timesheet-entries", ":id", permission: ProjectsModule.work, summary: "Change a line of one's open week (send the version read)",
                  body: TimesheetEntryUpdate.self) { req async throws -> TimesheetDTO in
            try await TimesheetService(context: try req.serviceContext).update(try req.pathID(entity: "timesheet_entry"),
                                                                                try req.content.decode(TimesheetEntryUpdate.self).input)
        }
        routes.on(.DELETE, "timesheet-entries", ":id", permission: ProjectsModule.work, summary: "Remove a line of one's open week") {
            req async throws -> TimesheetDTO in
            try await TimesheetService(context: try req.serviceContext).delete(try req.pathID(entity: "timesheet_entry"))
        }
        routes.on(.POST, "timesheets", ":id", "submit", permission: ProjectsModule.work,
                  summary: "Submit one's week for approval", body: TimesheetActionInput.self) { req async throws -> TimesheetDTO in
            try await TimesheetService(context: try req.serviceContext).submit(try req.pathID(entity: "timesheet"), try req.content.decode(TimesheetActionInput.self))
        }
        routes.on(.POST, "timesheets", ":id", "withdraw", permission: ProjectsModule.work,
                  summary: "Withdraw one's submitted week (back to open)", body: TimesheetActionInput.self) { req async throws -> TimesheetDTO in
            try await TimesheetService(context: try req.serviceContext).withdraw(try req.pathID(entity: "timesheet"), try req.content.decode(TimesheetActionInput.self))
        }
        routes.on(.GET, "projects", ":id", "costs", permission: ProjectsModule.costRead,
                  summary: "A project's budget against its actual cost per kind, with warnings at 80 % and 100 %") { req async throws -> ProjectCostsDTO in
            try await ProjectCosts(context: try req.serviceContext).load(try req.pathID(entity: "project"))
        }
    }

    private func registerTasks(_ routes: any RoutesBuilder) {
        routes.on(.GET, "my-work", permission: ProjectsModule.work, summary: "My open tasks: overdue, due today, this week, later; created by me; I follow") {
            req async throws -> MyWorkDTO in try await MyWork(context: try req.serviceContext).load()
        }
        routes.list(TaskList.definition, "tasks", permission: ProjectsModule.work, summary: "Tasks one may see")
        routes.on(.POST, "tasks", "import", "preview", permission: ProjectsModule.work,
                  summary: "Read an uploaded CSV/XLSX file of tasks: encoding, header, column mapping and every row's problems; writes nothing",
                  body: TaskImportInput.self, mutates: false) { req async throws -> TaskImportPreviewDTO in
            try await TaskImport(context: try req.serviceContext).preview(try req.content.decode(TaskImportInput.self))
        }
        routes.on(.POST, "tasks", "import", permission: ProjectsModule.work,
                  summary: "Import an uploaded CSV/XLSX file of tasks: every row, or none when any has a problem; a rerun creates nothing twice",
                  body: TaskImportInput.self) { req async throws -> TaskImportResultDTO in
            try await TaskImport(context: try req.serviceContext).run(try req.content.decode(TaskImportInput.self))
        }
        routes.on(.POST, "tasks", permission: ProjectsModule.work, summary: "Create a task (assigned to oneself unless said otherwise)", body: TaskInput.self,
                  status: .created) { req async throws -> TaskDTO in
            try await TaskService(context: try req.serviceContext).create(try req.content.decode(TaskInput.self))
        }
        routes.on(.GET, "tasks", ":id", permission: ProjectsModule.work, summary: "A task with its checklist, subtasks and dependencies") {
            req async throws -> TaskDTO in try await TaskRead(context: try req.serviceContext).detail(try req.pathID(entity: "task"))
        }
        routes.on(.PATCH, "tasks", ":id", permission: ProjectsModule.work, summary: "Change a task (send the version read; `clear` empties fields)",
                  body: TaskUpdate.self) { req async throws -> TaskDTO in
            let context: ServiceContext = try req.serviceContext
            let task = try await TaskAccess(context: context).visible(try req.pathID(entity: "task"))
            return try await TaskService(context: context).update(task.requireID(), try req.content.decode(TaskUpdate.self).input)
        }
        routes.on(.POST, "tasks", ":id", "status", permission: ProjectsModule.work, summary: "Change a task's status (one tap)", body: TaskMoveInput.self) {
            req async throws -> TaskDTO in
            let context: ServiceContext = try req.serviceContext
            let task = try await TaskAccess(context: context).visible(try req.pathID(entity: "task"))
            return try await TaskService(context: context).move(task.requireID(), try req.content.decode(TaskMoveInput.self))
        }
        routes.on(.GET, "task-statuses", permission: ProjectsModule.work, summary: "Task statuses: the built-in four and the company's own") {
            req async throws -> [TaskStatusDTO] in
            let context: ServiceContext = try req.serviceContext
            return try await TaskStatuses.load(tenantID: context.tenantID, db: context.database, catalog: context.settings.catalog, language: context.language).all
        }
        routes.on(.POST, "task-statuses", permission: ProjectsModule.statusManage, summary: "Add a company task status", body: TaskStatusDefinitionInput.self,
                  status: .created) { req async throws -> TaskStatusDTO in
            try await TaskStatusService(context: try req.serviceContext).create(try req.content.decode(TaskStatusDefinitionInput.self))
        }
        routes.on(.PATCH, "task-statuses", ":key", permission: ProjectsModule.statusManage, summary: "Rename, re-map, re-order or archive a company task status",
                  body: TaskStatusDefinitionUpdate.self) { req async throws -> TaskStatusDTO in
            guard let key = req.parameters.get("key") else { throw DomainError.notFound("task_status") }
            return try await TaskStatusService(context: try req.serviceContext).update(key, try req.content.decode(TaskStatusDefinitionUpdate.self).input)
        }
    }

    private func registerProjects(_ routes: any RoutesBuilder) {
        routes.list(ProjectList.definition, "projects", permission: ProjectsModule.work, summary: "Projects one may see")
        routes.on(.POST, "projects", permission: ProjectsModule.projectManage, summary: "Create a project", body: ProjectInput.self, status: .created) {
            req async throws -> ProjectDTO in try await ProjectService(context: try req.serviceContext).create(try req.content.decode(ProjectInput.self))
        }
        routes.on(.GET, "projects", ":id", permission: ProjectsModule.work, summary: "A project with members, phases, milestones and progress") {
            req async throws -> ProjectDTO in try await ProjectRead(context: try req.serviceContext).detail(try req.pathID(entity: "project"))
        }
        routes.on(.PATCH, "projects", ":id", permission: ProjectsModule.work, summary: "Change a project (its managers; send the version read)",
                  body: ProjectUpdate.self) { req async throws -> ProjectDTO in
            let context: ServiceContext = try req.serviceContext
            let project = try await ProjectAccess(context: context).visible(try req.pathID(entity: "project"))
            return try await ProjectService(context: context).update(project.requireID(), try req.content.decode(ProjectUpdate.self).input)
        }
        routes.on(.GET, "projects", ":id", "log", permission: ProjectsModule.work, summary: "A project's risks and issues log, open first") {
            req async throws -> [ProjectLogEntryDTO] in try await ProjectRecords(context: try req.serviceContext).log(try req.pathID(entity: "project"))
        }
        routes.on(.POST, "projects", ":id", "log", permission: ProjectsModule.work, summary: "Log a risk or an issue", body: ProjectLogInput.self, status: .created) {
            req async throws -> ProjectLogEntryDTO in
            try await ProjectRecords(context: try req.serviceContext).addLog(try req.pathID(entity: "project"), try req.content.decode(ProjectLogInput.self))
        }
        routes.on(.PATCH, "projects", ":id", "log", ":entryId", permission: ProjectsModule.work, summary: "Change a risk or issue (send the version read)",
                  body: ProjectLogUpdate.self) { req async throws -> ProjectLogEntryDTO in
            try await ProjectRecords(context: try req.serviceContext).updateLog(try req.pathID(entity: "project"), try req.pathID("entryId", entity: "project_log_entry"),
                                                                                 try req.content.decode(ProjectLogUpdate.self).input)
        }
        routes.on(.GET, "projects", ":id", "documents", permission: ProjectsModule.work, summary: "A project's documents with their versions") {
            req async throws -> [ProjectDocumentDTO] in try await ProjectRecords(context: try req.serviceContext).documents(try req.pathID(entity: "project"))
        }
        routes.on(.POST, "projects", ":id", "documents", permission: ProjectsModule.work,
                  summary: "Add an uploaded file as a document, or as the next version of the document of that name", body: ProjectDocumentInput.self,
                  status: .created) { req async throws -> ProjectDocumentDTO in
            try await ProjectRecords(context: try req.serviceContext).addDocument(try req.pathID(entity: "project"), try req.content.decode(ProjectDocumentInput.self))
        }
        routes.on(.GET, "projects", ":id", "gantt", permission: ProjectsModule.work, summary: "A project's Gantt chart: task bars, milestones, dependencies") {
            req async throws -> GanttDTO in try await ProjectGantt(context: try req.serviceContext).load(try req.pathID(entity: "project"))
        }
        routes.on(.PUT, "projects", ":id", "phases", permission: ProjectsModule.work, summary: "Replace a project's phases (in order)", body: ProjectPhasesInput.self) {
            req async throws -> [ProjectPhaseDTO] in
            let context: ServiceContext = try req.serviceContext
            let project = try await ProjectAccess(context: context).visible(try req.pathID(entity: "project"))
            return try await ProjectPlan(context: context).replacePhases(project.requireID(), try req.content.decode(ProjectPhasesInput.self))
        }
        routes.on(.POST, "projects", ":id", "milestones", permission: ProjectsModule.work, summary: "Add a milestone", body: MilestoneInput.self, status: .created) {
            req async throws -> MilestoneDTO in
            let context: ServiceContext = try req.serviceContext
            let project = try await ProjectAccess(context: context).visible(try req.pathID(entity: "project"))
            return try await ProjectPlan(context: context).addMilestone(project.requireID(), try req.content.decode(MilestoneInput.self))
        }
        routes.on(.PATCH, "projects", ":id", "milestones", ":milestoneId", permission: ProjectsModule.work, summary: "Change a milestone (send the version read)",
                  body: MilestoneUpdate.self) { req async throws -> MilestoneDTO in
            let context: ServiceContext = try req.serviceContext
            let project = try await ProjectAccess(context: context).visible(try req.pathID(entity: "project"))
            return try await ProjectPlan(context: context).updateMilestone(project.requireID(), try req.pathID("milestoneId", entity: "milestone"),
                                                                           try req.content.decode(MilestoneUpdate.self).input)
        }
        routes.on(.DELETE, "projects", ":id", "milestones", ":milestoneId", permission: ProjectsModule.work, summary: "Remove a milestone",
                  status: .noContent) { req async throws -> Response in
            let context: ServiceContext = try req.serviceContext
            let project = try await ProjectAccess(context: context).visible(try req.pathID(entity: "project"))
            try await ProjectPlan(context: context).deleteMilestone(project.requireID(), try req.pathID("milestoneId", entity: "milestone"))
            return Response(status: .noContent)
        }
    }
}
