import AfieldAPI
import Foundation
import SQLKit

extension ListDefinition {
    /// The rows of `query` as `SELECT … FROM table WHERE tenant AND scope AND filters`, before
    /// columns, order and paging.
    func filtered(_ query: ListQuery, context: ListRunContext, builder: SQLSelectBuilder) -> SQLSelectBuilder {
        builder.from(table).where(SQLColumn("tenant_id", table: table), .equal, SQLBind(context.tenantID))
        if let rule = scope, let scope = context.scope,
           let condition = scope.condition(table: table, department: rule.department, employee: rule.employee, createdBy: rule.createdBy) {
            if let extra = rule.alsoVisible?(table, scope) { builder.where("(" + condition + " OR " + extra + ")") } else { builder.where(condition) }
        }
        for condition in conditions + query.conditions { builder.where(condition) }
        for condition in query.readerConditions.compactMap({ $0(context) }) { builder.where(condition) }
        if let ids = query.ids {
            let bound: [any Encodable & Sendable] = ids
            builder.where(ids.isEmpty ? "1 = 0" as SQLQueryString : "\(ident: table).\(ident: "id") IN (\(binds: bound))")
        }
        return builder
    }

    /// The sort as ORDER BY terms, ending with the id in the last key's direction (one index
    /// serves the whole order when it ends in `id`).
    func order(_ query: ListQuery, builder: SQLSelectBuilder) -> SQLSelectBuilder {
        var last = SQLDirection.ascending
        for key in query.sort {
            guard let expression = column(key.key)?.expression else { continue }
            last = key.descending ? .descending : .ascending
            builder.orderBy(SQLRaw(expression), last)
        }
        return builder.orderBy(SQLColumn("id", table: table), last)
    }

    /// One page: its items and a count bounded by ``Page/countBound``.
    public func page(_ query: ListQuery, page: PageRequest, context: ListRunContext) async throws -> AfieldAPI.Page<Item> {
        let sql = try context.sql
        let rows = try await order(query, builder: select(filtered(query, context: context, builder: sql.select())))
            .limit(page.limit).offset(page.offset).all()
        var items = try rows.map(decode)
        if let finish, !items.isEmpty { items = try await finish(items, context) }
        let known = page.offset + items.count
        // A short page that is not empty ends the list: its count is known without counting.
        let total: Int
        if !items.isEmpty && items.count < page.limit {
            total = known
        } else {
            total = try await count(query, context: context, bound: AfieldAPI.Page<Item>.countBound)
        }
        let bound = AfieldAPI.Page<Item>.countBound
        return AfieldAPI.Page(items: items, page: page.page, limit: page.limit, total: min(total, bound), totalIsLowerBound: total > bound)
    }

    /// How many rows `query` has, counting at most `bound + 1`: `SELECT COUNT(*) FROM (SELECT 1 … LIMIT n)`
    /// reads at most n index entries, not the table.
    public func count(_ query: ListQuery, context: ListRunContext, bound: Int) async throws -> Int {
        let sql = try context.sql
        let inner = filtered(query, context: context, builder: sql.select().column(SQLLiteral.numeric("1"))).limit(bound + 1)
        let row = try await sql.select()
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
            .from(SQLAlias(SQLGroupExpression(inner.select), as: SQLIdentifier("bounded")))
            .first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Every row of `query` in batches of `batch` (export), keyed by the sort: `body` is called per batch.
    func forEachBatch(_ query: ListQuery, context: ListRunContext, batch: Int = 500, limit: Int?,
                      _ body: ([Item]) async throws -> Void) async throws {
        let sql = try context.sql
        var offset = 0
        while true {
            let size = limit.map { min(batch, $0 - offset) } ?? batch
            guard size > 0 else { return }
            let rows = try await order(query, builder: select(filtered(query, context: context, builder: sql.select())))
                .limit(size).offset(offset).all()
            var items = try rows.map(decode)
            if let finish, !items.isEmpty { items = try await finish(items, context) }
            try await body(items)
            if rows.count < size { return }
            offset += rows.count
        }
    }
}

extension ListDefinition {
    public func plan(_ lookup: @Sendable (String) -> String?, context: ListRunContext) async throws -> [String] {
        let query = try ListQuery(self, lookup: lookup, timeZone: context.timeZone)
        let sql = try context.sql
        let page = order(query, builder: select(filtered(query, context: context, builder: sql.select()))).limit(PageRequest.defaultLimit)
        let sqlite = sql.dialect.name == "sqlite"
        let lines = PlanLines()
        try await sql.execute(sql: Explained(prefix: sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ", query: page.select)) { row in
            if let line = try? row.decode(column: sqlite ? "detail" : "QUERY PLAN", as: String.self) { lines.append(line) }
        }
        return lines.all
    }
}

/// `EXPLAIN …` of a query, keeping its bound values.
private struct Explained: SQLExpression {
    let prefix: String
    let query: any SQLExpression

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(prefix)
        query.serialize(to: &serializer)
    }
}

/// Plan lines as the database sends them (one row after another).
private final class PlanLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
