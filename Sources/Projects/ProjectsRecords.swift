import Fluent
import Foundation
import Platform
import SQLKit

/// Tasks and projects as the platform's record pages know them (chatter, attachments and their
/// guard): readable as ``TaskAccess`` and ``ProjectAccess`` judge.
enum ProjectsRecords {
    static let task = RecordKind(key: ProjectsModule.taskEntity, names: .column("title", in: ProjectTask.schema),
                                 defaultFollowers: { id, db in
        guard let task = try await ProjectTask.find(id, on: db) else { return [] }
        var employees = [task.assigneeID].compactMap { $0 }
        employees += try await TaskCollaborator.query(on: db).filter(\.$taskID == id).all().map(\.employeeID)
        let users = try await Employee.query(on: db).filter(\.$id ~~ employees).all().compactMap(\.userID)
        return Array(Set(users + [task.createdBy].compactMap { $0 }))
    }, link: { id, _ in "/tasks/\(id.uuidString)" }, readable: { reader, ids, db in
        guard !ids.isEmpty else { return [] }
        let scope = try await reader.scope(ProjectsModule.projectResource, on: db)
        let sql = db as! any SQLDatabase
        var query = sql.select().column("id").from(ProjectTask.schema).where("tenant_id", .equal, reader.tenantID).where("id", .in, ids)
        if let condition = TaskAccess.condition(alias: ProjectTask.schema, scope: scope) { query = query.where(condition) }
        return Set(try await query.all().map { try $0.decode(column: "id", as: UUID.self) })
    })

    static let project = RecordKind(key: ProjectsModule.projectEntity, names: .column("name", in: Project.schema),
                                    link: { id, _ in "/projects/\(id.uuidString)" }, readable: { reader, ids, db in
        guard !ids.isEmpty else { return [] }
        let scope = try await reader.scope(ProjectsModule.projectResource, on: db)
        let sql = db as! any SQLDatabase
        var query = sql.select().column("id").from(Project.schema).where("tenant_id", .equal, reader.tenantID).where("id", .in, ids)
        if let condition = ProjectAccess.condition(alias: Project.schema, scope: scope) { query = query.where(condition) }
        return Set(try await query.all().map { try $0.decode(column: "id", as: UUID.self) })
    })
}
