import AfieldAPI
import Foundation
import SQLKit
import Vapor

/// Installation-wide settings of lists.
public struct ListSettings: Sendable {
    /// Above this many rows an export is refused directly and runs as a background job instead.
    public var directExportLimit = 5_000
    public init() {}
}

extension Application {
    private struct ListSettingsKey: StorageKey { typealias Value = ListSettings }

    /// List settings (tests lower ``ListSettings/directExportLimit``).
    public var lists: ListSettings {
        get { storage[ListSettingsKey.self] ?? ListSettings() }
        set { storage[ListSettingsKey.self] = newValue }
    }
}

extension ServiceContext {
    /// Where a list runs for this actor: their company, data scope on the list's resource,
    /// time zone and language.
    public func listContext(_ rule: ListScopeRule?) async throws -> ListRunContext {
        var scope: RecordScope?
        if let rule { scope = try await recordScope(rule.resource) }
        var context = ListRunContext(db: database, tenantID: actor.tenantID, userID: actor.userID, scope: scope, timeZone: actor.timeZone,
                                     language: language, catalog: application.afield.catalog, settings: application.afield)
        context.actor = actor
        return context
    }
}

extension Request {
    /// ``ServiceContext/listContext(_:)`` of the signed-in caller.
    public func listContext(_ rule: ListScopeRule?) async throws -> ListRunContext {
        try await serviceContext.listContext(rule)
    }

    /// The list parameter lookup of this request: trimmed, blank is absent.
    var listLookup: @Sendable (String) -> String? {
        let values = Dictionary((url.query.map(ListQueryString.pairs) ?? []), uniquingKeysWith: { first, _ in first })
        return { values[$0] }
    }
}

/// A list's query string (`state=draft&sort=-orderDate`) as name/value pairs, percent-decoded,
/// trimmed, blank values dropped.
public enum ListQueryString {
    public static func pairs(_ query: String) -> [(String, String)] {
        query.split(separator: "&").compactMap { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                (String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)).trimmingCharacters(in: .whitespaces)
            }
            let name = decode(pieces[0])
            let value = pieces.count > 1 ? decode(pieces[1]) : ""
            return name.isEmpty || value.isEmpty ? nil : (name, value)
        }
    }

    public static func lookup(_ query: String) -> @Sendable (String) -> String? {
        let values = Dictionary(pairs(query), uniquingKeysWith: { first, _ in first })
        return { values[$0] }
    }
}

extension RoutesBuilder {
    /// Declares a list at `path` with everything the platform gives every list:
    ///
    /// - `GET path`: a page (``AfieldAPI/Page``), with `sort`, the columns' filters, the list's
    ///   extra filters and `page`/`limit`; the count is bounded (``AfieldAPI/Page/countBound``).
    /// - `GET path/export`: the same rows as `csv` or `xlsx` (`format`), only the `columns` chosen
    ///   and in their order, or only the selected `ids`; above ``ListSettings/directExportLimit``
    ///   rows 422 `list.export_too_large` (start a background export instead).
    /// - `POST path/exports`: the export as a background job (202, ``ListExportJobDTO``).
    /// - `POST path/bulk/<action>` for each declared bulk action (``ListBulkResultDTO``).
    ///
    /// - Parameters:
    ///   - permission: reading the list.
    ///   - exportPermission: exporting it (default: reading it).
    ///   - revisionKey: when given, pages are answered through the response cache under this
    ///     revision counter (see ``Request/cachedJSON(revisionKey:variant:compute:)``).
    public func list<Item>(_ list: ListDefinition<Item>, _ path: PathComponent..., permission: Permission, exportPermission: Permission? = nil,
                           summary: String, revisionKey: String? = nil) {
        ListRegistry.register(list, read: permission, export: exportPermission ?? permission)
        let routes = grouped(path)
        let filters = list.filterParameters + [list.sortParameter]
        routes.on(.GET, permission: permission, summary: summary + " (sort by any column, filter by column; counts stop at 10,000)",
           response: AfieldAPI.Page<Item>.self, query: filters + QueryParameter.paging) { req async throws -> Response in
            let context = try await req.listContext(list.scope)
            let query = try ListQuery(list, lookup: req.listLookup, timeZone: context.timeZone)
            let page = try PageRequest(from: req, defaultLimit: list.defaultLimit)
            if let revisionKey {
                return try await req.cachedJSON(revisionKey: revisionKey, variant: context.scope?.cacheKey ?? "") {
                    try await list.page(query, page: page, context: context)
                }
            }
            let response = Response(status: .ok)
            try response.content.encode(try await list.page(query, page: page, context: context), using: JSONEncoder.afield)
            return response
        }
        let exportQuery = filters + [list.columnsParameter, .oneOf("format", ListExportFormat.self), .idList("ids", maximum: ListBulkAction.maximumItems)]
        routes.on(.GET, "export", permission: exportPermission ?? permission,
           summary: "Export the list as CSV (UTF-8 with BOM) or XLSX: the chosen columns in order, the filters, the sort and the data scope of the list, or only the selected ids",
           query: exportQuery) { req async throws -> Response in
            try await req.exportList(list, format: try ListExportFormat.read(req.queryText("format")))
        }
        routes.on(.POST, "exports", permission: exportPermission ?? permission,
           summary: "Export the list in the background (for large lists); poll GET /lists/exports/{id} and download its file when done",
           body: ListExportRequest.self, status: .accepted) { req async throws -> ListExportJobDTO in
            let input = try req.content.decode(ListExportRequest.self)
            return try await ListExportJobs.start(list, input: input, context: try req.serviceContext)
        }
        for action in list.bulkActions {
            routes.on(.POST, "bulk", PathComponent(stringLiteral: action.key), permission: action.permission,
               summary: "Bulk action “\(action.key)”: runs the single action on each selected record and reports per record",
               body: ListBulkRequest.self) { req async throws -> ListBulkResultDTO in
                try await action.perform(try req.content.decode(ListBulkRequest.self), context: try req.serviceContext)
            }
        }
    }
}

extension Request {
    /// Answers the export of `list` for this request's parameters (see ``RoutesBuilder/list``).
    /// - Throws: 422 for bad parameters; 422 `list.export_too_large` above ``ListSettings/directExportLimit`` rows.
    public func exportList<Item>(_ list: ListDefinition<Item>, format: ListExportFormat) async throws -> Response {
        let context = try await listContext(list.scope)
        let lookup = listLookup
        let query = try ListQuery(list, lookup: lookup, timeZone: context.timeZone)
        let limit = application.lists.directExportLimit
        if try await list.count(query, context: context, bound: limit) > limit {
            throw DomainError(status: 422, code: "list.export_too_large", params: ["max": String(limit)])
        }
        let file = try await list.export(lookup, context: context, format: format, rowLimit: limit, progress: nil)
        return ListExportFormat.response(file)
    }
}

extension ListExportFormat {
    /// `csv` (default) or `xlsx`.
    /// - Throws: 422 `list.invalid_format`.
    static func read(_ text: String?) throws -> ListExportFormat {
        guard let text else { return .csv }
        guard let format = ListExportFormat(rawValue: text) else { throw DomainError.invalid([.init("format", "list.invalid_format")]) }
        return format
    }

    /// A download answer of `file`.
    static func response(_ file: ListExportFile) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: file.format.contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(file.fileName)\"")
        return Response(status: .ok, headers: headers, body: .init(data: file.data))
    }
}
