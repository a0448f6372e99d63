import Foundation

/// What the shared list component needs to draw a list: `GET /api/v1/lists/{key}`.
///
/// `columns` are every column the list offers, in their default order, with headers in the
/// caller's language; `chosenColumns` is the caller's own choice (keys in their order), or
/// nil when they never chose (then `defaultColumns` apply).
public struct ListInfoDTO: Codable, Sendable {
    /// The list's key, e.g. `sales.orders`.
    public var key: String
    public var columns: [ListColumnDTO]
    public var defaultColumns: [String]
    public var chosenColumns: [String]?
    /// The default sort in the `sort` parameter's form, e.g. `-orderDate,-number`.
    public var defaultSort: String
    public var savedFilters: [SavedListFilterDTO]
    /// The bulk actions the caller may run (those whose permission they hold).
    public var bulkActions: [ListBulkActionDTO]
    /// Whether the caller may export this list.
    public var canExport: Bool
    /// Above this many rows an export runs as a background job (`POST …/exports`).
    public var directExportLimit: Int

    public init(key: String, columns: [ListColumnDTO], defaultColumns: [String], chosenColumns: [String]?, defaultSort: String,
                savedFilters: [SavedListFilterDTO], bulkActions: [ListBulkActionDTO], canExport: Bool, directExportLimit: Int) {
        self.key = key
        self.columns = columns
        self.defaultColumns = defaultColumns
        self.chosenColumns = chosenColumns
        self.defaultSort = defaultSort
        self.savedFilters = savedFilters
        self.bulkActions = bulkActions
        self.canExport = canExport
        self.directExportLimit = directExportLimit
    }
}

/// One column of a list: its key (the JSON field, the `sort` key), header, type and what it supports.
public struct ListColumnDTO: Codable, Sendable {
    public var key: String
    /// The header in the caller's language.
    public var header: String
    /// `text`, `enumeration`, `day`, `instant`, `number`, `money`, `reference` or `boolean`.
    public var kind: String
    public var sortable: Bool
    /// The query parameters that filter this column (none when it cannot be filtered):
    /// `[name]` for text (contains), enumeration (comma-separated values), reference (an id) and
    /// boolean; `[from, to]` for days and instants (`YYYY-MM-DD`, instants in the caller's time
    /// zone); `[min, max]` for numbers and money (decimal text).
    public var filterParams: [String]
    /// The values of an enumeration column.
    public var values: [String]?

    public init(key: String, header: String, kind: String, sortable: Bool, filterParams: [String], values: [String]?) {
        self.key = key
        self.header = header
        self.kind = kind
        self.sortable = sortable
        self.filterParams = filterParams
        self.values = values
    }
}

/// A bulk action a list offers, e.g. archive, assign a salesperson.
public struct ListBulkActionDTO: Codable, Sendable {
    public var key: String
    /// The action's name in the caller's language.
    public var label: String
    /// Whether the action needs a `value` (e.g. the salesperson's id), and of which kind:
    /// nil, `reference` or `text`.
    public var valueKind: String?

    public init(key: String, label: String, valueKind: String?) {
        self.key = key
        self.label = label
        self.valueKind = valueKind
    }
}

/// The caller's column choice: `PUT /api/v1/lists/{key}/columns`. Keys of the list's columns in
/// the order to show them (1…50, no repeats); an empty list resets to the default.
public struct ListColumnsInput: Codable, Sendable {
    public var columns: [String]
    public init(columns: [String]) { self.columns = columns }
}

/// A saved filter of one user on one list (Odoo's "favourites").
public struct SavedListFilterDTO: Codable, Sendable {
    public var id: UUID
    public var name: String
    /// The list's query string it restores (filters, `sort`, `columns`), e.g. `state=draft&sort=-orderDate`.
    public var query: String
    public var createdAt: String

    public init(id: UUID, name: String, query: String, createdAt: String) {
        self.id = id
        self.name = name
        self.query = query
        self.createdAt = createdAt
    }
}

/// `POST /api/v1/lists/{key}/filters`: save the current filters under a name (1…80 characters).
/// `query` is the list's query string (at most 2,000 characters); parameters that are not the
/// list's own are refused.
public struct SavedListFilterInput: Codable, Sendable {
    public var name: String
    public var query: String
    public init(name: String, query: String) {
        self.name = name
        self.query = query
    }
}

/// A bulk action's request: the selected record ids (1…200, from one page or more) and, for
/// actions that need one, the value (e.g. the salesperson's id).
public struct ListBulkRequest: Codable, Sendable {
    public var ids: [UUID]
    public var value: String?
    public init(ids: [UUID], value: String? = nil) {
        self.ids = ids
        self.value = value
    }
}

/// What a bulk action did to each selected record, in the order sent.
public struct ListBulkResultDTO: Codable, Sendable {
    public struct Item: Codable, Sendable {
        public var id: UUID
        /// `done` or `refused`.
        public var outcome: String
        /// The refusal's error code, e.g. `sales.order.not_editable`.
        public var code: String?
        /// The refusal in the caller's language.
        public var message: String?

        public init(id: UUID, outcome: String, code: String? = nil, message: String? = nil) {
            self.id = id
            self.outcome = outcome
            self.code = code
            self.message = message
        }
    }

    public var items: [Item]
    public var done: Int
    public var refused: Int

    public init(items: [Item]) {
        self.items = items
        self.done = items.filter { $0.outcome == "done" }.count
        self.refused = items.count - done
    }
}

/// `POST …/exports`: export in the background. `query` is the list's query string (filters,
/// `sort`, `columns`, `ids`) as for the direct export.
public struct ListExportRequest: Codable, Sendable {
    /// `csv` or `xlsx`.
    public var format: String
    public var query: String
    public init(format: String, query: String) {
        self.format = format
        self.query = query
    }
}

/// A background export: `GET /api/v1/lists/exports/{id}`; when `state` is `done`, the file is
/// at `GET /api/v1/lists/exports/{id}/file`.
public struct ListExportJobDTO: Codable, Sendable {
    public var id: UUID
    public var listKey: String
    public var format: String
    /// `queued`, `running`, `done` or `failed`.
    public var state: String
    /// Rows written so far and rows in all (known once counting ran).
    public var rowsDone: Int
    public var rowsTotal: Int?
    /// The file's name when done, e.g. `sales-orders.xlsx`.
    public var fileName: String?
    public var createdAt: String

    public init(id: UUID, listKey: String, format: String, state: String, rowsDone: Int, rowsTotal: Int?, fileName: String?, createdAt: String) {
        self.id = id
        self.listKey = listKey
        self.format = format
        self.state = state
        self.rowsDone = rowsDone
        self.rowsTotal = rowsTotal
        self.fileName = fileName
        self.createdAt = createdAt
    }
}
