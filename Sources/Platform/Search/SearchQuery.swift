import Foundation
import SQLKit

/// The SQL every provider runs, so they rank alike: rows of `table` in the caller's company that
/// match any of `matches` and all of `conditions`, those whose `rankColumn` starts with the text
/// first (a name typed from its start is the likelier target), then by `rankColumn` and id — a
/// stable order. Reads `limit + 1` rows so the caller knows whether more exist.
public enum SearchQuery {
    public static func rows(_ context: SearchContext, table: String, columns: [String], matches: [SQLQueryString],
                            conditions: [SQLQueryString] = [], rankColumn: String) async throws -> [any SQLRow] {
        guard let sql = context.db as? any SQLDatabase, !matches.isEmpty else { return [] }
        let prefix = SQLContains.escaped(context.text.lowered) + "%"
        let selected = columns.map { "\(table).\($0)" }.joined(separator: ", ")
        var query: SQLQueryString = "SELECT \(unsafeRaw: selected) FROM \(ident: table) WHERE \(ident: table).tenant_id = \(bind: context.actor.tenantID)"
        query = query + " AND (" + matches.joined(separator: " OR ") + ")"
        for condition in conditions { query = query + " AND " + condition }
        query = query + " ORDER BY CASE WHEN LOWER(\(ident: table).\(ident: rankColumn)) LIKE \(bind: prefix) ESCAPE '\\' THEN 0 ELSE 1 END, "
            + "\(ident: table).\(ident: rankColumn), \(ident: table).id LIMIT \(literal: context.limit + 1)"
        return try await sql.raw(query).all()
    }
}
