import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// An entry of a project's risks and issues log; see ``AfieldAPI/ProjectLogEntryDTO``.
final class ProjectLogEntry: Model, @unchecked Sendable {
    static let schema = "proj_log_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @OptionalField(key: "description") var details: String?
    @OptionalField(key: "probability") var probability: String?
    @Field(key: "impact") var impact: String
    @Field(key: "state") var state: String
    @OptionalField(key: "owner_id") var ownerID: UUID?
    @OptionalField(key: "due_on") var dueOn: String?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .none) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .none) var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}

/// A version of a project document: a file linked to the project under a name.
final class ProjectDocument: Model, @unchecked Sendable {
    static let schema = "proj_documents"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "project_id") var projectID: UUID
    @Field(key: "name") var name: String
    @Field(key: "version") var version: Int
    @Field(key: "file_id") var fileID: UUID
    @OptionalField(key: "note") var note: String?
    @Field(key: "uploaded_by") var uploadedBy: UUID
    @Field(key: "uploaded_at") var uploadedAt: Date

    init() {}
}

/// The risks and issues log and the documents of a project (issue 13 point 4): its members other
/// than viewers, and its managers, add and change them; whoever sees the project reads them.
struct ProjectRecords: Sendable {
    let context: ServiceContext

    static let levels = ["low", "medium", "high"]
    static let states = ["open", "mitigating", "closed"]

    private func writable(_ projectID: UUID) async throws -> Project {
        try context.require(ProjectsModule.work)
        let access = ProjectAccess(context: context)
        let project = try await access.visible(projectID)
        let role = try await access.role(in: project)
        if role == "manager" || role == "member" { return project }
        guard try await access.canManage(project, role: role) else { throw DomainError(status: 403, code: "projects.project.viewer", params: ["name": project.name]) }
        return project
    }

    func log(_ projectID: UUID) async throws -> [ProjectLogEntryDTO] {
        _ = try await ProjectAccess(context: context).visible(projectID)
        let rows = try await ProjectLogEntry.query(on: context.database).filter(\.$projectID == projectID).all()
        return try await dtos(rows).sorted { a, b in
            let order = ["open": 0, "mitigating": 1, "closed": 2]
            return (order[a.state] ?? 3, b.createdAt ?? .distantPast) < (order[b.state] ?? 3, a.createdAt ?? .distantPast)
        }
    }

    /// - Throws: 422 per field; 403 `projects.project.viewer`.
    func addLog(_ projectID: UUID, _ input: ProjectLogInput) async throws -> ProjectLogEntryDTO {
        _ = try await writable(projectID)
        var problems: [DomainError.Field] = []
        if input.kind == nil { problems.append(.init("kind", "field.required")) }
        let entry = ProjectLogEntry()
        entry.id = UUID()
        entry.tenantID = context.tenantID
        entry.projectID = projectID
        entry.kind = "risk"
        entry.title = ""
        entry.impact = "medium"
        entry.state = "open"
        entry.createdBy = context.actor.userID
        entry.version = 1
        try await apply(input, to: entry, creating: true, problems: &problems)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let context = self.context
        let now = context.now()
        entry.createdAt = now
        entry.updatedAt = now
        try await context.write { db in
            try await entry.create(on: db)
            var changes = AuditChanges()
            changes.created([("kind", entry.kind), ("title", entry.title), ("impact", entry.impact), ("probability", entry.probability), ("state", entry.state)])
            try await AuditLog.append(entity: ProjectsModule.projectEntity, entityID: projectID, action: "log_add", changes: changes, context: context.audit, on: db, now: now)
        }
        return try await dtos([entry])[0]
    }

    /// Changes an entry (`version` required).
    func updateLog(_ projectID: UUID, _ id: UUID, _ input: ProjectLogInput) async throws -> ProjectLogEntryDTO {
        _ = try await writable(projectID)
        guard let entry = try await ProjectLogEntry.query(on: context.database).filter(\.$projectID == projectID).filter(\.$id == id).first()
        else { throw DomainError.notFound("project_log_entry") }
        var problems: [DomainError.Field] = []
        if input.version == nil { problems.append(.init("version", "field.required")) }
        let before = (entry.kind, entry.title, entry.details, entry.probability, entry.impact, entry.state, entry.ownerID, entry.dueOn)
        try await apply(input, to: entry, creating: false, problems: &problems)
        guard problems.isEmpty, let version = input.version else { throw DomainError.invalid(problems) }
        var changes = AuditChanges()
        if before.0 != entry.kind { changes.set("kind", before.0, entry.kind) }
        if before.1 != entry.title { changes.set("title", before.1, entry.title) }
        if before.2 != entry.details { changes.set("description", before.2, entry.details) }
        if before.3 != entry.probability { changes.set("probability", before.3, entry.probability) }
        if before.4 != entry.impact { changes.set("impact", before.4, entry.impact) }
        if before.5 != entry.state { changes.set("state", before.5, entry.state) }
        if before.6 != entry.ownerID { changes.set("owner_id", before.6?.uuidString, entry.ownerID?.uuidString) }
        if before.7 != entry.dueOn { changes.set("due_on", before.7, entry.dueOn) }
        guard !changes.isEmpty else { return try await dtos([entry])[0] }
        let context = self.context
        let now = context.now()
        let finalChanges = changes
        try await context.write { db in
            guard try await (db as! any SQLDatabase).update(ProjectLogEntry.schema).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("version", .equal, version).returning("id").first() != nil
            else { throw DomainError.staleVersion("project_log_entry") }
            entry.version = version + 1
            entry.updatedAt = now
            try await entry.update(on: db)
            try await AuditLog.append(entity: ProjectsModule.projectEntity, entityID: projectID, action: "log_update", changes: finalChanges,
                                      context: context.audit, on: db, now: now)
        }
        return try await dtos([entry])[0]
    }

    private func apply(_ input: ProjectLogInput, to entry: ProjectLogEntry, creating: Bool, problems: inout [DomainError.Field]) async throws {
        for (index, name) in (input.clear ?? []).enumerated() {
            switch name {
            case _ where creating: problems.append(.init("clear", "projects.task.clear_on_create"))
            case "ownerId": entry.ownerID = nil
            case "description": entry.details = nil
            default: problems.append(.init("clear[\(index)]", "projects.task.not_clearable", params: ["field": name]))
            }
        }
        if let kind = input.kind {
            if ["risk", "issue"].contains(kind) { entry.kind = kind } else { problems.append(.init("kind", "projects.log.kind")) }
        }
        if input.title != nil || creating, let title = ProjectsText.line(input.title, max: 200, path: "title", required: true, problems: &problems) { entry.title = title }
        if let description = input.description { entry.details = ProjectsText.note(description, max: 5_000, path: "description", problems: &problems) }
        for (value, path) in [(input.probability, "probability"), (input.impact, "impact")] {
            guard let value else { continue }
            if !Self.levels.contains(value) { problems.append(.init(path, "projects.log.level")); continue }
            if path == "probability" { entry.probability = value } else { entry.impact = value }
        }
        if entry.kind == "issue" { entry.probability = nil }
        if let state = input.state {
            if Self.states.contains(state) { entry.state = state } else { problems.append(.init("state", "projects.log.state")) }
        }
        if let owner = input.ownerId {
            if try await EmployeeDirectory(db: context.database).find(owner, tenantID: context.tenantID) == nil {
                problems.append(.init("ownerId", "projects.task.unknown_employee"))
            } else { entry.ownerID = owner }
        }
        if let due = input.dueOn {
            if due.isEmpty { entry.dueOn = nil } else if CalendarDay.isPlausibleBusinessDay(due) { entry.dueOn = due } else { problems.append(.init("dueOn", "request.invalid_date")) }
        }
    }

    private func dtos(_ rows: [ProjectLogEntry]) async throws -> [ProjectLogEntryDTO] {
        let names = try await EmployeeDirectory(db: context.database).names(Set(rows.compactMap(\.ownerID)), tenantID: context.tenantID)
        let creators = Set(rows.compactMap(\.createdBy))
        let users = creators.isEmpty ? [] : try await User.query(on: context.database).filter(\.$id ~~ Array(creators)).all()
        let userNames = Dictionary(uniqueKeysWithValues: users.map { ($0.id!, $0.name) })
        return rows.map { row in
            ProjectLogEntryDTO(id: row.id!, kind: row.kind, title: row.title, description: row.details, probability: row.probability, impact: row.impact,
                               state: row.state, ownerId: row.ownerID, ownerName: row.ownerID.flatMap { names[$0] }, dueOn: row.dueOn,
                               createdByName: row.createdBy.flatMap { userNames[$0] }, createdAt: row.createdAt, version: row.version)
        }
    }

    // MARK: - Documents

    func documents(_ projectID: UUID) async throws -> [ProjectDocumentDTO] {
        _ = try await ProjectAccess(context: context).visible(projectID)
        let rows = try await ProjectDocument.query(on: context.database).filter(\.$projectID == projectID).all()
        let files = rows.isEmpty ? [] : try await StoredFile.query(on: context.database).filter(\.$id ~~ rows.map(\.fileID)).all()
        let byID = Dictionary(uniqueKeysWithValues: files.map { ($0.id!, $0) })
        let users = Set(rows.map(\.uploadedBy))
        let people = users.isEmpty ? [] : try await User.query(on: context.database).filter(\.$id ~~ Array(users)).all()
        let names = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0.name) })
        return Dictionary(grouping: rows, by: \.name).map { name, versions in
            ProjectDocumentDTO(name: name, versions: versions.sorted { $0.version > $1.version }.compactMap { row in
                byID[row.fileID].map { ProjectDocumentVersionDTO(version: row.version, file: $0.ref, note: row.note, uploadedByName: names[row.uploadedBy], at: row.uploadedAt) }
            })
        }.sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
    }

    /// Adds a file as a document, or as the next version of the document of that name.
    /// - Throws: 422 `fileId` `records.file_unknown` (not the caller's upload), `name`; 403 viewer.
    func addDocument(_ projectID: UUID, _ input: ProjectDocumentInput) async throws -> ProjectDocumentDTO {
        _ = try await writable(projectID)
        guard let fileID = input.fileId else { throw DomainError.invalid([.init("fileId", "field.required")]) }
        guard let file = try await StoredFile.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == fileID)
            .filter(\.$uploadedBy == context.actor.userID).first()
        else { throw DomainError.invalid([.init("fileId", "records.file_unknown")]) }
        var problems: [DomainError.Field] = []
        let name = input.name == nil ? String(file.name.prefix(200)) : ProjectsText.line(input.name, max: 200, path: "name", required: true, problems: &problems)
        let note = ProjectsText.line(input.note, max: 200, path: "note", problems: &problems)
        guard problems.isEmpty, let name else { throw DomainError.invalid(problems) }
        let context = self.context
        let now = context.now()
        try await context.write { db in
            let latest = try await ProjectDocument.query(on: db).filter(\.$projectID == projectID).filter(\.$name == name).sort(\.$version, .descending).first()
            let row = ProjectDocument()
            row.tenantID = context.tenantID
            row.projectID = projectID
            row.name = name
            row.version = (latest?.version ?? 0) + 1
            row.fileID = fileID
            row.note = note
            row.uploadedBy = context.actor.userID
            row.uploadedAt = now
            try await row.create(on: db)
            if try await FileLink.query(on: db).filter(\.$fileID == fileID).filter(\.$entity == ProjectsModule.projectEntity).filter(\.$recordID == projectID).first() == nil {
                try await FileLink.link([fileID], to: ProjectsModule.projectEntity, record: projectID, tenantID: context.tenantID, by: context.actor.userID, at: now, on: db)
            }
            var changes = AuditChanges()
            changes.created([("document", name), ("version", String(row.version)), ("file", file.name)])
            try await AuditLog.append(entity: ProjectsModule.projectEntity, entityID: projectID, action: "document", changes: changes, context: context.audit, on: db, now: now)
        }
        return try await documents(projectID).first { $0.name == name }!
    }
}
