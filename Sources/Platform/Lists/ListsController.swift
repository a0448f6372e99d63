import AfieldAPI
import Fluent
import Foundation
import Vapor

/// `/api/v1/lists`: what the shared list component reads and remembers per user — a list's
/// columns and bulk actions, the user's column choice and saved filters — and background exports.
struct ListsController: Sendable {
    static let preferenceEntity = "platform.list_columns"
    static let filterEntity = "platform.saved_filter"
    /// Saved filters one user keeps on one list.
    static let maximumSavedFilters = 50
    static let nameMax = 80

    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, ":key", permission: ListsModule.personalise,
                  summary: "A list's columns (headers in the caller's language), the caller's column choice, saved filters and bulk actions",
                  use: info)
        routes.on(.PUT, ":key", "columns", permission: ListsModule.personalise,
                  summary: "Choose and order the list's columns for the caller (an empty list restores the default)",
                  body: ListColumnsInput.self, use: choose)
        routes.on(.POST, ":key", "filters", permission: ListsModule.personalise,
                  summary: "Save the list's current filters, sort and columns under a name, for the caller",
                  body: SavedListFilterInput.self, status: .created, use: save)
        routes.on(.DELETE, ":key", "filters", ":id", permission: ListsModule.personalise, summary: "Delete one of the caller's saved filters",
                  status: .noContent, use: deleteFilter)
        routes.on(.GET, "exports", ":id", permission: ListsModule.personalise, summary: "A background export's progress (the caller's own)",
                  use: exportStatus)
        routes.on(.GET, "exports", ":id", "file", permission: ListsModule.personalise,
                  summary: "A finished background export's file (the caller's own)", use: exportFile)
    }

    /// The list named in the path, which the caller may read.
    private func list(_ req: Request) throws -> (any AnyListDefinition, ListRegistry.Entry) {
        guard let key = req.parameters.get("key"), let entry = ListRegistry.entry(key) else { throw DomainError.notFound("list") }
        guard try req.actor.holds(entry.read) else { throw DomainError(status: 403, code: "auth.forbidden", params: ["permission": entry.read.key]) }
        return (entry.list, entry)
    }

    @Sendable func info(_ req: Request) async throws -> ListInfoDTO {
        let (list, entry) = try list(req)
        let actor = try req.actor
        let preference = try await ListPreference.query(on: req.database).filter(\.$userID == actor.userID).filter(\.$listKey == list.key).first()
        let filters = try await SavedListFilter.query(on: req.database).filter(\.$userID == actor.userID).filter(\.$listKey == list.key)
            .sort(\.$name).sort(\.$id).all()
        let catalog = req.application.afield.catalog
        let known = Set(list.columnInfo(.en, catalog: catalog).map(\.key))
        // A column a later version dropped is skipped, not an error.
        let chosen = preference.map { $0.columns.split(separator: ",").map(String.init).filter(known.contains) }
        return ListInfoDTO(key: list.key, columns: list.columnInfo(req.language, catalog: catalog), defaultColumns: list.defaultColumnKeys,
                           chosenColumns: chosen?.isEmpty == true ? nil : chosen, defaultSort: list.defaultSortText,
                           savedFilters: filters.map(\.dto),
                           bulkActions: list.bulkActionList.filter { actor.holds($0.permission) }.map {
                               ListBulkActionDTO(key: $0.key, label: catalog.message($0.label, req.language), valueKind: $0.valueKind)
                           },
                           canExport: actor.holds(entry.export), directExportLimit: req.application.lists.directExportLimit)
    }

    @Sendable func choose(_ req: Request) async throws -> ListInfoDTO {
        let (list, _) = try list(req)
        let actor = try req.actor
        let audit = try req.auditContext
        let input = try req.content.decode(ListColumnsInput.self)
        let known = Set(list.columnInfo(.en, catalog: req.application.afield.catalog).map(\.key))
        var keys: [String] = []
        for key in input.columns {
            guard known.contains(key), !keys.contains(key) else {
                throw DomainError.invalid([.init("columns", "list.invalid_columns", params: ["key": String(key.prefix(40))])])
            }
            keys.append(key)
        }
        guard keys.count <= 50 else { throw DomainError.invalid([.init("columns", "list.invalid_columns", params: ["key": "…"])]) }
        let chosen = keys
        let listKey = list.key
        let now = req.application.afield.clock.now()
        try await req.write { db in
            let existing = try await ListPreference.query(on: db).filter(\.$userID == actor.userID).filter(\.$listKey == listKey).first()
            let before = existing?.columns
            if chosen.isEmpty {
                try await existing?.delete(on: db)
            } else if let existing {
                existing.columns = chosen.joined(separator: ",")
                existing.updatedAt = now
                try await existing.update(on: db)
            } else {
                let row = ListPreference()
                row.id = UUID()
                row.tenantID = actor.tenantID
                row.userID = actor.userID
                row.listKey = listKey
                row.columns = chosen.joined(separator: ",")
                row.updatedAt = now
                try await row.create(on: db)
            }
            var changes = AuditChanges()
            changes.set("list", nil, listKey)
            changes.set("columns", before, chosen.isEmpty ? nil : chosen.joined(separator: ","))
            try await AuditLog.append(entity: Self.preferenceEntity, entityID: actor.userID, action: "update", changes: changes, context: audit, on: db)
        }
        return try await info(req)
    }

    @Sendable func save(_ req: Request) async throws -> SavedListFilterDTO {
        let (list, _) = try list(req)
        let actor = try req.actor
        let audit = try req.auditContext
        let input = try req.content.decode(SavedListFilterInput.self)
        let name: String
        switch TextInput.name(input.name, max: Self.nameMax) {
        case .success(let value): name = value ?? ""
        case .failure(let problem): throw DomainError.invalid([problem.field("name")])
        }
        guard input.query.unicodeScalars.count <= ListExportJobs.queryMax else {
            throw DomainError.invalid([.init("query", "list.invalid_saved_query", params: ["name": "…"])])
        }
        let query = input.query.trimmingCharacters(in: .whitespaces).hasPrefix("?") ? String(input.query.trimmingCharacters(in: .whitespaces).dropFirst())
            : input.query.trimmingCharacters(in: .whitespaces)
        try ListExportJobs.checkQuery(query, of: list, timeZone: actor.timeZone)
        let listKey = list.key
        let now = req.application.afield.clock.now()
        let row = try await req.write { db in
            let count = try await SavedListFilter.query(on: db).filter(\.$userID == actor.userID).filter(\.$listKey == listKey).count()
            guard count < Self.maximumSavedFilters else {
                throw DomainError(status: 422, code: "list.too_many_saved_filters", params: ["max": String(Self.maximumSavedFilters)])
            }
            let row = SavedListFilter()
            row.id = UUID()
            row.tenantID = actor.tenantID
            row.userID = actor.userID
            row.listKey = listKey
            row.name = name
            row.query = query
            row.createdAt = now
            try await row.create(on: db)
            var changes = AuditChanges()
            changes.created([("list", listKey), ("name", name), ("query", query)])
            try await AuditLog.append(entity: Self.filterEntity, entityID: row.id, action: "create", changes: changes, context: audit, on: db)
            return row
        }
        return row.dto
    }

    @Sendable func deleteFilter(_ req: Request) async throws -> Response {
        let (list, _) = try list(req)
        let actor = try req.actor
        let audit = try req.auditContext
        let id = try req.pathID(entity: "saved_filter")
        let listKey = list.key
        try await req.write { db in
            // Another user's filter is as unknown as a missing one.
            guard let row = try await SavedListFilter.query(on: db).filter(\.$id == id).filter(\.$userID == actor.userID)
                .filter(\.$listKey == listKey).first() else { throw DomainError.notFound("saved_filter") }
            try await row.delete(on: db)
            var changes = AuditChanges()
            changes.set("name", row.name, nil)
            try await AuditLog.append(entity: Self.filterEntity, entityID: id, action: "delete", changes: changes, context: audit, on: db)
        }
        return Response(status: .noContent)
    }

    private func export(_ req: Request) async throws -> ListExport {
        let actor = try req.actor
        let id = try req.pathID(entity: "list_export")
        guard let row = try await ListExport.query(on: req.database).filter(\.$id == id).filter(\.$userID == actor.userID)
            .filter(\.$tenantID == actor.tenantID).first() else { throw DomainError.notFound("list_export") }
        return row
    }

    @Sendable func exportStatus(_ req: Request) async throws -> ListExportJobDTO {
        try await export(req).dto
    }

    @Sendable func exportFile(_ req: Request) async throws -> Response {
        let row = try await export(req)
        guard row.state == "done", let fileID = row.fileID, let format = ListExportFormat(rawValue: row.format),
              let file = try await StoredFile.find(fileID, on: req.database) else {
            throw DomainError(status: 409, code: "list.export_not_ready")
        }
        let store = req.application.blobStore
        let sha = file.sha256
        let data = try await req.application.threadPool.runIfActive { try store.read(sha) }
        return ListExportFormat.response(ListExportFile(data: data, fileName: file.name, format: format, rows: row.rowsDone))
    }
}

extension SavedListFilter {
    var dto: SavedListFilterDTO {
        SavedListFilterDTO(id: id!, name: name, query: query, createdAt: ISO8601DateFormatter().string(from: createdAt))
    }
}
