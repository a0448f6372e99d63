import AfieldAPI
import Foundation
import Platform
import SQLKit

/// Global search over tasks and projects, each as the caller sees them (``TaskAccess``,
/// ``ProjectAccess``).
enum ProjectsSearch {
    static let providers: [SearchProvider] = [
        SearchProvider(kind: "projects.task", permission: ProjectsModule.work, priority: 50, morePath: { "/tasks/list?q=\($0)" }) { context in
            let scope = try await context.scope(ProjectsModule.projectResource)
            let table = ProjectTask.schema
            let rows = try await SearchQuery.rows(context, table: table, columns: ["id", "title", "status_category", "due_day"],
                                                  matches: [SQLContains.condition(table: table, column: "search_text", text: context.text.lowered)],
                                                  conditions: [TaskAccess.condition(alias: table, scope: scope)].compactMap { $0 }, rankColumn: "title")
            return try rows.map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                let category = try row.decode(column: "status_category", as: String.self)
                let due = try row.decode(column: "due_day", as: String?.self)
                let subtitle = ([context.message("projects.task.category.\(category)")] + [due].compactMap { $0 }).joined(separator: " · ")
                return SearchHit(kind: "projects.task", id: id, title: try row.decode(column: "title", as: String.self), subtitle: subtitle,
                                 path: "/tasks/\(id.uuidString.lowercased())")
            }
        },
        SearchProvider(kind: "projects.project", permission: ProjectsModule.work, priority: 49, morePath: { "/projects?q=\($0)" }) { context in
            let scope = try await context.scope(ProjectsModule.projectResource)
            let table = Project.schema
            let rows = try await SearchQuery.rows(context, table: table, columns: ["id", "name", "code", "status"],
                                                  matches: [SQLContains.condition(table: table, column: "search_text", text: context.text.lowered)],
                                                  conditions: [ProjectAccess.condition(alias: table, scope: scope)].compactMap { $0 }, rankColumn: "name")
            return try rows.map { row in
                let id = try row.decode(column: "id", as: UUID.self)
                let subtitle = [try row.decode(column: "code", as: String.self),
                                context.message("projects.project.status.\(try row.decode(column: "status", as: String.self))")].joined(separator: " · ")
                return SearchHit(kind: "projects.project", id: id, title: try row.decode(column: "name", as: String.self), subtitle: subtitle,
                                 path: "/projects/\(id.uuidString.lowercased())")
            }
        },
    ]
}
