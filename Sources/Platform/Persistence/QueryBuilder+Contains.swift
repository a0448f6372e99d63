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
        "\(ident: table).\(ident: column) LIKE \(bind: "%" + escaped(text) + "%") ESCAPE '\\'"
    }

    /// The same on `LOWER(column)`, for columns not stored lower-cased; pass `text` lower-cased.
    public static func lowered(table: String, column: String, text: String) -> SQLQueryString {
        "LOWER(\(ident: table).\(ident: column)) LIKE \(bind: "%" + escaped(text) + "%") ESCAPE '\\'"
    }

    /// `text` with `\`, `%` and `_` escaped for `LIKE … ESCAPE '\'`.
    public static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}

extension SQLContains {
    /// `column`, with the separators people put in phone numbers removed, contains `digits`:
    /// `(171) 555-7788` is found by `1715557788` and by `555 7788` (``SearchText/digits``).
    /// The same nested `REPLACE` on SQLite and PostgreSQL; a full scan of the table's rows under
    /// the other conditions, as every `LIKE '%…%'` is.
    public static func digits(table: String, column: String, digits: String) -> SQLQueryString {
        var expression: SQLQueryString = "\(ident: table).\(ident: column)"
        for separator in SearchText.phoneSeparators.sorted() {
            expression = "REPLACE(\(expression), \(literal: String(separator)), '')"
        }
        return "\(expression) LIKE \(bind: "%" + digits + "%")"
    }
}
