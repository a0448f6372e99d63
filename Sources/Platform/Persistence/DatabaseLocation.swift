import Foundation

/// Where Afield keeps its data: an embedded SQLite file (default) or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// The default: `./afield-data/afield.sqlite`.
    public static let defaultSQLite = DatabaseLocation.sqlite(path: "afield-data/afield.sqlite")

    /// Reads `postgres://…`/`postgresql://…` as PostgreSQL, `sqlite:PATH` or a plain path as SQLite.
    /// - Throws: ``Problem/unsupportedScheme`` for other URLs (`mysql://…`).
    public init(parsing text: String) throws {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if text.hasPrefix("sqlite://") {
            self = .sqlite(path: String(text.dropFirst("sqlite://".count)))
        } else if text.hasPrefix("sqlite:") {
            self = .sqlite(path: String(text.dropFirst("sqlite:".count)))
        } else if text.contains("://") {
            throw Problem.unsupportedScheme(text.components(separatedBy: "://")[0])
        } else {
            self = .sqlite(path: text)
        }
    }

    public enum Problem: Error, CustomStringConvertible {
        case unsupportedScheme(String)
        public var description: String {
            switch self {
            case .unsupportedScheme(let scheme): "unsupported database '\(scheme)': use a postgres:// URL or an SQLite file path"
            }
        }
    }

    /// For logs: the path, or the URL without its password.
    public var description: String {
        switch self {
        case .sqlite(let path):
            return "SQLite \(path)"
        case .postgres(let url):
            guard var parts = URLComponents(string: url) else { return "PostgreSQL" }
            if parts.password != nil { parts.password = "***" }
            return "PostgreSQL \(parts.string ?? "")"
        }
    }

    public var isSQLite: Bool { if case .sqlite = self { true } else { false } }
}
