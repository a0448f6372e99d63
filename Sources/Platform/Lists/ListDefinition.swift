import AfieldAPI
import Fluent
import Foundation
import SQLKit
import Synchronization

/// Which records of a list a caller may see: the data scope rule (DESIGN §4) in column names of
/// the list's table.
public struct ListScopeRule: Sendable {
    /// The scoped resource, e.g. `sales.order` (read with `req.recordScope(_:)`).
    public let resource: String
    public let department: String
    public let employee: String?
    public let createdBy: String?
    /// Rows also visible to a reader outside the scope, given the list's table and the reader's
    /// scope (its employee): a customer's collaborators (协作人) see it whoever owns it.
    public let alsoVisible: (@Sendable (_ table: String, _ scope: RecordScope) -> SQLQueryString?)?

    public init(resource: String, department: String = "department_id", employee: String?, createdBy: String? = "created_by",
                alsoVisible: (@Sendable (_ table: String, _ scope: RecordScope) -> SQLQueryString?)? = nil) {
        self.resource = resource
        self.department = department
        self.employee = employee
        self.createdBy = createdBy
        self.alsoVisible = alsoVisible
    }
}

/// A filter of a list that is not a column: the search box (`q`), a tri-state `archived`, a
/// category. `condition` gets the trimmed value (nil when absent or blank) and gives the SQL
/// condition, or nil for none; it throws 422 for a bad value.
public struct ListExtraFilter: Sendable {
    /// The SQL of a filter that depends on who reads (their user id), built when the query runs.
    public typealias ReaderCondition = @Sendable (_ reader: ListRunContext) -> SQLQueryString?

    public let parameter: QueryParameter
    /// Gets the value, the list's table and the reader's time zone (for "which day" filters).
    public let condition: @Sendable (_ value: String?, _ table: String, _ timeZone: TimeZone) throws -> SQLQueryString?
    /// Set for a filter on the reader (an inbox's box: "my tasks"): checks the value when the
    /// query is parsed and gives the condition to build for the reader.
    public let readerCondition: (@Sendable (_ value: String?, _ table: String) throws -> ReaderCondition?)?

    public init(_ parameter: QueryParameter, condition: @escaping @Sendable (_ value: String?, _ table: String) throws -> SQLQueryString?) {
        self.parameter = parameter
        self.condition = { value, table, _ in try condition(value, table) }
        self.readerCondition = nil
    }

    public init(_ parameter: QueryParameter, dayCondition: @escaping @Sendable (_ value: String?, _ table: String, _ timeZone: TimeZone) throws -> SQLQueryString?) {
        self.parameter = parameter
        self.condition = dayCondition
        self.readerCondition = nil
    }

    /// A filter whose SQL needs the reader: `readerCondition` checks the value (throwing 422)
    /// and answers how to build the condition for the reader, or nil for none. A list whose
    /// rows are "what I take part in" declares its scope this way, applied to the page, the
    /// count, the export and background exports alike.
    public init(_ parameter: QueryParameter, readerCondition: @escaping @Sendable (_ value: String?, _ table: String) throws -> ReaderCondition?) {
        self.parameter = parameter
        self.condition = { _, _, _ in nil }
        self.readerCondition = readerCondition
    }

    /// `q`: the lower-cased `column` contains the text literally (`search_text`).
    public static func search(_ column: String = "search_text") -> ListExtraFilter {
        ListExtraFilter("q") { value, table in
            value.map { SQLContains.condition(table: table, column: column, text: $0.lowercased()) }
        }
    }
}

/// Where a list query runs and for whom: everything the query needs besides the request's
/// parameters, so the same query runs from a route and from a background export job.
public struct ListRunContext: Sendable {
    public let db: any Database
    public let tenantID: UUID
    public let userID: UUID
    /// The caller's data scope on the list's resource; nil when the list has none.
    public let scope: RecordScope?
    public let timeZone: TimeZone
    public let language: AppLanguage
    public let catalog: MessageCatalog
    /// Installation-wide settings a list may need to complete its rows (the audit log's names).
    public let settings: AfieldSettings?
    /// The signed-in reader when the list runs for a request (nil in a background export):
    /// what a list's `finish` may need to show fields by permission (masked otherwise).
    public var actor: RequestActor?

    public init(db: any Database, tenantID: UUID, userID: UUID, scope: RecordScope?, timeZone: TimeZone, language: AppLanguage, catalog: MessageCatalog,
                settings: AfieldSettings? = nil) {
        self.settings = settings
        self.db = db
        self.tenantID = tenantID
        self.userID = userID
        self.scope = scope
        self.timeZone = timeZone
        self.language = language
        self.catalog = catalog
    }

    public var sql: any SQLDatabase {
        get throws {
            guard let sql = db as? any SQLDatabase else { throw DomainError(status: 500, code: "internal") }
            return sql
        }
    }
}

/// A list a module declares once; the platform gives it sorting, filters, counts, column choice,
/// saved filters, bulk actions and CSV/XLSX export (DESIGN §1; what Odoo's and ERPNext's list
/// views offer on every model).
///
/// Rows come from one table (`table`) with the tenant column `tenant_id` and an `id`; `select`
/// adds the columns (and joins of the module's own tables) that `decode` reads into `Item`;
/// `finish` may then complete the page through other modules' public services (names of
/// suppliers, first contacts). The sort always ends with `id`, so pages never repeat a record.
public struct ListDefinition<Item: Codable & Sendable>: Sendable {
    /// E.g. `sales.orders`: the key of preferences and saved filters.
    public let key: String
    public let table: String
    /// The export's file name without extension, e.g. `sales-orders`.
    public let fileName: String
    public let columns: [ListColumn<Item>]
    /// Keys shown when the user has not chosen.
    public let defaultColumns: [String]
    /// E.g. `[.init("orderDate", descending: true)]`.
    public let defaultSort: [ListSort]
    public let scope: ListScopeRule?
    /// Fixed conditions (`is_customer = TRUE`), trusted SQL on `table`.
    public let conditions: [SQLQueryString]
    public let extraFilters: [ListExtraFilter]
    public let bulkActions: [ListBulkAction]
    public let select: @Sendable (SQLSelectBuilder) -> SQLSelectBuilder
    public let decode: @Sendable (any SQLRow) throws -> Item
    public let finish: (@Sendable ([Item], ListRunContext) async throws -> [Item])?
    /// Rows of a page when the request names no `limit`.
    public let defaultLimit: Int

    public init(key: String, table: String, fileName: String, columns: [ListColumn<Item>], defaultColumns: [String], defaultSort: [ListSort],
                defaultLimit: Int = PageRequest.defaultLimit,
                scope: ListScopeRule? = nil, conditions: [SQLQueryString] = [], extraFilters: [ListExtraFilter] = [], bulkActions: [ListBulkAction] = [],
                select: @escaping @Sendable (SQLSelectBuilder) -> SQLSelectBuilder, decode: @escaping @Sendable (any SQLRow) throws -> Item,
                finish: (@Sendable ([Item], ListRunContext) async throws -> [Item])? = nil) {
        self.key = key
        self.table = table
        self.fileName = fileName
        self.columns = columns
        self.defaultColumns = defaultColumns
        self.defaultSort = defaultSort
        self.scope = scope
        self.conditions = conditions
        self.extraFilters = extraFilters
        self.bulkActions = bulkActions
        self.select = select
        self.decode = decode
        self.finish = finish
        self.defaultLimit = defaultLimit
    }

    public func column(_ key: String) -> ListColumn<Item>? { columns.first { $0.key == key } }

    /// Every query parameter of the list's filters (columns and extras), for the document.
    public var filterParameters: [QueryParameter] {
        extraFilters.map(\.parameter) + columns.flatMap(\.queryParameters)
    }

    /// `sort`: up to three sortable keys, each optionally `-` for descending, comma-separated.
    public var sortParameter: QueryParameter {
        let keys = "-?(" + columns.filter(\.sortable).map(\.key).joined(separator: "|") + ")"
        return QueryParameter("sort", schema: ["type": "string", "pattern": .string("^\(keys)(,\(keys)){0,2}$")])
    }

    /// `columns`: the keys to export, in order, comma-separated.
    public var columnsParameter: QueryParameter {
        let keys = "(" + columns.map(\.key).joined(separator: "|") + ")"
        return QueryParameter("columns", schema: ["type": "string", "pattern": .string("^\(keys)(,\(keys)){0,\(columns.count - 1)}$")])
    }

    /// Names of every parameter a saved filter may hold.
    public var savedParameterNames: Set<String> {
        Set(filterParameters.map(\.name) + ["sort", "columns"])
    }
}

/// One sort key of a list.
public struct ListSort: Sendable, Equatable, Codable {
    public let key: String
    public let descending: Bool
    public init(_ key: String, descending: Bool = false) {
        self.key = key
        self.descending = descending
    }

    /// `-orderDate` or `number`.
    public var text: String { (descending ? "-" : "") + key }
}

/// What the platform needs of any list, whatever its row type: its metadata, and its rows as
/// exported cells (for exports and background jobs).
public protocol AnyListDefinition: Sendable {
    var key: String { get }
    var fileName: String { get }
    var scope: ListScopeRule? { get }
    var savedParameterNames: Set<String> { get }
    /// Columns for ``ListInfoDTO``.
    func columnInfo(_ language: AppLanguage, catalog: MessageCatalog) -> [ListColumnDTO]
    var defaultColumnKeys: [String] { get }
    var defaultSortText: String { get }
    var bulkActionList: [ListBulkAction] { get }
    /// Parses and checks a query (throws 422 as the list route does).
    func validate(_ lookup: @Sendable (String) -> String?, timeZone: TimeZone) throws
    /// Writes the export of the query: header and rows in `columns` order; `progress` is told
    /// the rows written so far after each batch.
    func export(_ lookup: @Sendable (String) -> String?, context: ListRunContext, format: ListExportFormat, rowLimit: Int?,
                progress: (@Sendable (Int, Int) async throws -> Void)?) async throws -> ListExportFile
    /// The database's plan of the first page of the query (`EXPLAIN QUERY PLAN` on SQLite,
    /// `EXPLAIN` on PostgreSQL), one line per step: what a test or an operator checks for
    /// index use (no table sort, no full count).
    func plan(_ lookup: @Sendable (String) -> String?, context: ListRunContext) async throws -> [String]
    /// Counts the query's rows, at most `bound`.
    func count(_ lookup: @Sendable (String) -> String?, context: ListRunContext, bound: Int) async throws -> Int
}

/// Every list declared in this process, by key (lists are static declarations, like permissions).
public enum ListRegistry {
    /// A declared list and the permissions of its routes.
    public struct Entry: Sendable {
        public let list: any AnyListDefinition
        public let read: Permission
        public let export: Permission
    }

    private static let lists = Mutex<[String: Entry]>([:])

    /// Declares `list` (the list route helper does this).
    public static func register(_ list: any AnyListDefinition, read: Permission, export: Permission) {
        lists.withLock { $0[list.key] = Entry(list: list, read: read, export: export) }
    }

    public static func entry(_ key: String) -> Entry? { lists.withLock { $0[key] } }
    public static func list(_ key: String) -> (any AnyListDefinition)? { entry(key)?.list }
}
