import Fluent
import SQLKit

extension QueryBuilder {
    /// Keeps rows whose `column` contains `text` literally: `%` and `_` in the text match
    /// themselves, not any characters (`LIKE … ESCAPE '\\'`, same on SQLite and PostgreSQL).
    ///
    /// - Parameter column: a column of this model's table, e.g. `search_text`.
    @discardableResult
    public func filter(_ column: String, containsLiteral text: String) -> Self {
        filter(.sql(SQLContains.condition(table: Model.schemaOrAlias, column: column, text: text)))
    }
}

/// `column LIKE '%text%' ESCAPE '\'` with `%`, `_` and `\` in the text escaped, so they match
/// themselves; the same on SQLite and PostgreSQL.
public enum SQLContains {
    public static func condition(table: String, column: String, text: String) -> SQLQueryString {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        return "\(ident: table).\(ident: column) LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'"
    }
}
