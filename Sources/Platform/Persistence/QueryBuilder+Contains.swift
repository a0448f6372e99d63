import Fluent
import SQLKit

extension QueryBuilder {
    /// Keeps rows whose `column` contains `text` literally: `%` and `_` in the text match
    /// themselves, not any characters (`LIKE … ESCAPE '\\'`, same on SQLite and PostgreSQL).
    ///
    /// - Parameter column: a column of this model's table, e.g. `search_text`.
    @discardableResult
    public func filter(_ column: String, containsLiteral text: String) -> Self {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        let condition: SQLQueryString = "\(ident: Model.schemaOrAlias).\(ident: column) LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'"
        return filter(.sql(condition))
    }
}
