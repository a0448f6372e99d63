import Foundation

/// `POST /api/v1/projects/tasks/import/preview` and `…/import`: a file uploaded before
/// (`POST /api/v1/files`, CSV or XLSX), the project the tasks go to (optional), and how the
/// file's columns map onto task fields — header text → field key (`title`, `description`,
/// `assignee`, `start`, `due`, `priority`, `status`, `labels`, `estimatedHours`, `milestone`,
/// `phase`, `key`), `""` to ignore a column. Columns not in `mapping` map by their header
/// (English or Chinese, e.g. 标题 / 负责人 / 截止日期).
public struct TaskImportInput: Codable, Sendable {
    public var fileId: UUID?
    public var projectId: UUID?
    public var mapping: [String: String]?
    public init(fileId: UUID?, projectId: UUID? = nil, mapping: [String: String]? = nil) {
        self.fileId = fileId
        self.projectId = projectId
        self.mapping = mapping
    }
}

/// A column of the file and the task field it maps onto (nil: ignored).
public struct TaskImportColumnDTO: Codable, Sendable, Equatable {
    public var header: String
    public var field: String?
    public init(header: String, field: String?) {
        self.header = header
        self.field = field
    }
}

/// A problem of one row: its row number as a spreadsheet shows it, the field, and the message.
public struct TaskImportProblemDTO: Codable, Sendable, Equatable {
    public var row: Int
    public var field: String?
    public var code: String
    public var message: String
    public init(row: Int, field: String?, code: String, message: String) {
        self.row = row
        self.field = field
        self.code = code
        self.message = message
    }
}

/// What importing the file would do, before anything is written: how it was read (`encoding`
/// `UTF-8` / `UTF-8 BOM` / `GB18030` / `XLSX`, `separator`, the header's row number), how its
/// columns map, its first rows, and every row's problems (at most 500 listed). `ready` rows
/// would be created, `alreadyImported` ones exist from an earlier run of the same file.
public struct TaskImportPreviewDTO: Codable, Sendable, Equatable {
    public var encoding: String
    public var separator: String?
    public var headerRow: Int
    public var columns: [TaskImportColumnDTO]
    /// The field keys a column may map onto.
    public var fields: [String]
    /// The first ten data rows as read.
    public var sample: [[String]]
    public var rows: Int
    public var ready: Int
    public var alreadyImported: Int
    public var problems: [TaskImportProblemDTO]
    public init(encoding: String, separator: String?, headerRow: Int, columns: [TaskImportColumnDTO], fields: [String], sample: [[String]], rows: Int,
                ready: Int, alreadyImported: Int, problems: [TaskImportProblemDTO]) {
        self.encoding = encoding
        self.separator = separator
        self.headerRow = headerRow
        self.columns = columns
        self.fields = fields
        self.sample = sample
        self.rows = rows
        self.ready = ready
        self.alreadyImported = alreadyImported
        self.problems = problems
    }
}

/// What an import did: every row created, or (with any problem) none — `problems` then lists
/// them and `created` is 0. A second run of the same file creates nothing (`unchanged`).
public struct TaskImportResultDTO: Codable, Sendable, Equatable {
    public var created: Int
    public var unchanged: Int
    public var problems: [TaskImportProblemDTO]
    public init(created: Int, unchanged: Int, problems: [TaskImportProblemDTO]) {
        self.created = created
        self.unchanged = unchanged
        self.problems = problems
    }
}
