import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// `projects.projects` on the shared list mechanism: the projects the caller may see
/// (``ProjectAccess``), ending soonest first; `q` searches code and name.
enum ProjectList {
    private struct Row: Decodable { let id: UUID }

    static let definition = ListDefinition<ProjectCardDTO>(
        key: "projects.projects", table: Project.schema, fileName: "projects",
        columns: [
            ListColumn("code", header: "projects.list.code", kind: .text, expression: "proj_projects.code") { .text($0.code) },
            ListColumn("name", header: "projects.list.name", kind: .text, expression: "proj_projects.name") { .text($0.name) },
            ListColumn("customerName", header: "projects.list.customer", kind: .reference, filterExpression: "proj_projects.customer_id",
                       parameterNames: ["customer"]) { .of($0.customerName) },
            ListColumn("managerName", header: "projects.list.manager", kind: .reference, filterExpression: "proj_projects.manager_id",
                       parameterNames: ["manager"]) { .of($0.managerName) },
            ListColumn("startsOn", header: "projects.list.starts_on", kind: .day, expression: "proj_projects.starts_on") { .day($0.startsOn) },
            ListColumn("endsOn", header: "projects.list.ends_on", kind: .day, expression: "proj_projects.ends_on") { .day($0.endsOn) },
            ListColumn("status", header: "projects.list.status", kind: .enumeration, expression: "proj_projects.status", values: Project.statuses,
                       valueLabels: "projects.project.status.") { .text($0.status) },
            ListColumn("health", header: "projects.list.health", kind: .text, sortable: false, filterable: false) { .text($0.health) },
            ListColumn("percentByCount", header: "projects.list.progress", kind: .number, sortable: false, filterable: false) { .number(String($0.percentByCount)) },
        ],
        defaultColumns: ["code", "name", "customerName", "managerName", "endsOn", "status", "health", "percentByCount"],
        defaultSort: [ListSort("endsOn")],
        scope: ListScopeRule(resource: ProjectsModule.projectResource, employee: "manager_id", createdBy: "created_by", alsoVisible: { table, scope in
            ProjectAccess.condition(alias: table, scope: scope)
        }),
        extraFilters: [.search()],
        select: { $0.column(SQLColumn("id", table: Project.schema)) },
        decode: { row in
            let r = try row.decode(model: Row.self, keyDecodingStrategy: .useDefaultKeys)
            return ProjectCardDTO(id: r.id, code: "", name: "", customerName: nil, managerId: r.id, managerName: nil, startsOn: "", endsOn: "", status: "",
                                  health: "", tasks: 0, done: 0, percentByCount: 0, version: 0)
        },
        finish: { items, context in
            let now = context.settings?.clock.now() ?? Date()
            let rows = try await Project.query(on: context.db).filter(\.$id ~~ items.map(\.id)).all()
            let ids = rows.compactMap(\.id)
            let figures = try await ProjectProgress.figures(ids, now: now, db: context.db)
            let counts = try await ProjectProgress.milestoneCounts(ids, db: context.db)
            let milestones = Dictionary(grouping: try await Milestone.query(on: context.db).filter(\.$projectID ~~ ids).all(), by: \.projectID)
            let names = try await EmployeeDirectory(db: context.db).names(Set(rows.map(\.managerID)), tenantID: context.tenantID)
            let customers = try await PartnerNames.names(Set(rows.compactMap(\.customerID)), tenantID: context.tenantID, db: context.db)
            let today = CalendarDay.string(for: now, in: context.timeZone)
            let byID = Dictionary(uniqueKeysWithValues: rows.map { project in
                let figure = figures[project.id!] ?? .init()
                return (project.id!, ProjectCardDTO(
                    id: project.id!, code: project.code, name: project.name, customerName: project.customerID.flatMap { customers[$0] },
                    managerId: project.managerID, managerName: names[project.managerID], startsOn: project.startsOn, endsOn: project.endsOn,
                    status: project.status, health: ProjectProgress.health(project, milestones: milestones[project.id!] ?? [], counts: counts, today: today),
                    tasks: figure.tasks, done: figure.done, percentByCount: ProjectProgress.percent(figure.done, of: figure.tasks) ?? 0, version: project.version))
            })
            return items.compactMap { byID[$0.id] }
        })
}
