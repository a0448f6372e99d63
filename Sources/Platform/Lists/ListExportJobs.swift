import AfieldAPI
import Fluent
import Foundation
import Vapor

/// Large exports as background jobs (DESIGN §1 Platform/Jobs, Files): the request is checked and
/// the caller's data scope taken at once; a job then writes the file in batches, recording its
/// progress, and stores it in the blob store for the caller alone to download.
enum ListExportJobs {
    static let kind = "lists.export"
    static let auditEntity = "platform.list_export"
    /// Longest query string an export or a saved filter keeps.
    static let queryMax = 2_000

    /// What the job needs that is not in its `list_exports` row: the scope and reader taken at request time.
    struct Payload: Codable, Sendable {
        var exportID: UUID
        var scoped: Bool
        var departmentIDs: [UUID]?
        var employeeID: UUID?
        var timeZone: String
        var language: String
    }

    static func start<Item>(_ list: ListDefinition<Item>, input: ListExportRequest, context service: ServiceContext) async throws -> ListExportJobDTO {
        let actor = service.actor
        let audit = service.audit
        let format = try ListExportFormat.read(input.format)
        guard input.query.unicodeScalars.count <= queryMax else {
            throw DomainError.invalid([.init("query", "list.invalid_saved_query", params: ["max": String(queryMax)])])
        }
        let context = try await service.listContext(list.scope)
        try checkQuery(input.query, of: list, timeZone: context.timeZone)
        let payload = Payload(exportID: UUID(), scoped: context.scope != nil, departmentIDs: context.scope?.departmentIDs.map { Array($0) },
                              employeeID: context.scope?.employeeID, timeZone: context.timeZone.identifier, language: context.language.rawValue)
        let now = service.now()
        let application = service.application
        let row = try await service.write { db in
            let row = ListExport()
            row.id = payload.exportID
            row.tenantID = actor.tenantID
            row.userID = actor.userID
            row.listKey = list.key
            row.format = format.rawValue
            row.query = input.query
            row.state = "queued"
            row.rowsDone = 0
            row.createdAt = now
            row.updatedAt = now
            try await row.create(on: db)
            try await application.jobs.enqueue(kind, payload: payload, runAt: now, tenantID: actor.tenantID, on: db)
            var changes = AuditChanges()
            changes.created([("list", list.key), ("format", format.rawValue), ("query", input.query)])
            try await AuditLog.append(entity: auditEntity, entityID: row.id, action: "create", changes: changes, context: audit, on: db)
            return row
        }
        return row.dto
    }

    /// Checks a stored query string against the list: only its own parameters, each valid.
    /// - Throws: 422 `list.invalid_saved_query` (the query is a body text, not typed parameters).
    static func checkQuery(_ query: String, of list: any AnyListDefinition, timeZone: TimeZone) throws {
        let names = Set(ListQueryString.pairs(query).map(\.0))
        let allowed = list.savedParameterNames.union(["ids"])
        if let unknown = names.subtracting(allowed).sorted().first {
            throw DomainError.invalid([.init("query", "list.invalid_saved_query", params: ["name": String(unknown.prefix(40))])])
        }
        do {
            try list.validate(ListQueryString.lookup(query), timeZone: timeZone)
        } catch let error as DomainError {
            let name = error.fields.first?.path ?? ""
            throw DomainError.invalid([.init("query", "list.invalid_saved_query", params: ["name": name])])
        }
    }

    /// Registers the job handler (at boot).
    static func register(on app: Application) {
        app.jobs.register(kind, as: Payload.self, maxAttempts: 2) { context, payload in
            try await run(context, payload)
        }
    }

    static func run(_ job: JobContext, _ payload: Payload) async throws {
        guard let row = try await ListExport.find(payload.exportID, on: job.db), row.state != "done",
              let list = ListRegistry.list(row.listKey), let format = ListExportFormat(rawValue: row.format) else { return }
        let app = job.application
        let scope = payload.scoped ? RecordScope(departmentIDs: payload.departmentIDs.map(Set.init), employeeID: payload.employeeID, userID: row.userID) : nil
        let context = ListRunContext(db: job.db, tenantID: row.tenantID, userID: row.userID, scope: scope,
                                     timeZone: TimeZone(identifier: payload.timeZone) ?? .gmt, language: AppLanguage(rawValue: payload.language) ?? .en,
                                     catalog: app.afield.catalog, settings: app.afield)
        let id = payload.exportID
        try await job.write { db in
            try await ListExport.query(on: db).filter(\.$id == id).set(\.$state, to: "running").set(\.$updatedAt, to: job.now).update()
        }
        let file: ListExportFile
        do {
            file = try await list.export(ListQueryString.lookup(row.query), context: context, format: format, rowLimit: nil) { done, total in
                try await job.write { db in
                    try await ListExport.query(on: db).filter(\.$id == id)
                        .set(\.$rowsDone, to: done).set(\.$rowsTotal, to: total).set(\.$updatedAt, to: Date()).update()
                }
            }
        } catch {
            try await job.write { db in
                try await ListExport.query(on: db).filter(\.$id == id).set(\.$state, to: "failed").set(\.$updatedAt, to: Date()).update()
            }
            throw error
        }
        let store = app.blobStore
        let data = file.data
        let blob = try await app.threadPool.runIfActive { try store.put(data) }
        try await job.write { db in
            let stored = StoredFile()
            stored.id = UUID()
            stored.tenantID = row.tenantID
            stored.sha256 = blob.sha256
            stored.size = blob.size
            stored.contentType = format.contentType.components(separatedBy: ";")[0]
            stored.name = file.fileName
            stored.uploadedBy = row.userID
            stored.createdAt = Date()
            try await stored.create(on: db)
            try await ListExport.query(on: db).filter(\.$id == id)
                .set(\.$state, to: "done").set(\.$rowsDone, to: file.rows).set(\.$rowsTotal, to: file.rows)
                .set(\.$fileID, to: stored.id).set(\.$fileName, to: file.fileName).set(\.$updatedAt, to: Date()).update()
        }
    }
}

extension ListExport {
    var dto: ListExportJobDTO {
        ListExportJobDTO(id: id!, listKey: listKey, format: format, state: state, rowsDone: rowsDone, rowsTotal: rowsTotal, fileName: fileName,
                         createdAt: ISO8601DateFormatter().string(from: createdAt))
    }
}
