import Foundation
import Platform
import SQLKit

/// Sales figures that writes keep up to date, so that reports read a summary instead of every
/// line of every order (issue 9 point 6: sales-by-year took 1.1 s at 100,000 orders).
///
/// Two tables, one row per key, written in the transaction that moves an order into or out of
/// the counted states (``SalesOrderState/counted``: confirmed, delivered):
///
/// - `sales_monthly_totals`: per company × month of the order date (`YYYY-MM`) × department ×
///   salesperson × creator — `orders` (count of orders that have lines) and `amount_minor` (sum
///   of their line amounts, freight excluded, in the company currency's minor unit).
/// - `sales_monthly_product_totals`: per company × month × product × department × salesperson
///   × creator — `lines`, `quantity` (scaled as ``Quantity/scaled``) and `amount_minor`.
///
/// A month, not a day: the reports ask for years and months, and a year is then at most 12 rows per
/// product and person instead of 365 (`Benchmarks/lists.sh`, 100,000 orders over 31 years with
/// 1,000,000 lines, release build: sales-by-year took 38 ms at p99 over daily rows).
///
/// Department, salesperson and creator are kept because data scopes filter on them (case A-20:
/// grouped figures obey data scopes); an absent one is stored as ``none`` (the nil UUID), since
/// a unique key never matches NULL to NULL. The figures equal the sum of the documents: the
/// test "H9-6 report figures equal the ledger…" compares them after every kind of write.
///
/// Posting is `INSERT … SELECT … ON CONFLICT DO UPDATE` (both databases), adding `sign` × the
/// order's lines. Rows at zero stay (a later order reuses them); reports drop keys whose counts
/// sum to zero.
public enum SalesFigures {
    /// Stands for "no department / salesperson / creator" in a key.
    public static let none = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    static let totals = "sales_monthly_totals"
    static let productTotals = "sales_monthly_product_totals"

    /// `true` if an order in `state` counts as a sale.
    static func counts(_ state: SalesOrderState) -> Bool { SalesOrderState.counted.contains(state) }

    /// Adds (`sign` 1) or removes (`sign` -1) the orders `ids` of `tenantID` as they are stored now
    /// (their month, department, salesperson, creator and lines). Call it in the transaction that
    /// changes their state, after the lines are written and before a row it reads changes again.
    static func post(_ ids: [UUID], tenantID: UUID, sign: Int64, on sql: any SQLDatabase) async throws {
        precondition(sign == 1 || sign == -1)
        // Bounded IN lists: SQLite allows 32,766 parameters, PostgreSQL 65,535.
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk: [any Encodable & Sendable] = Array(ids[start..<min(start + 500, ids.count)])
            try await post(where: "o.tenant_id = \(bind: tenantID) AND o.id IN (\(binds: chunk))", sign: sign, on: sql)
        }
    }

    /// Rebuilds both tables from the orders (the migration that creates them; a repair).
    public static func rebuild(on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM \(unsafeRaw: totals)").run()
        try await sql.raw("DELETE FROM \(unsafeRaw: productTotals)").run()
        let counted: [any Encodable & Sendable] = SalesOrderState.counted.map(\.rawValue)
        try await post(where: "o.state IN (\(binds: counted))", sign: 1, on: sql)
    }

    private static func post(where condition: SQLQueryString, sign: Int64, on sql: any SQLDatabase) async throws {
        let none = Self.none
        let keys: SQLQueryString = """
            COALESCE(o.department_id, \(bind: none)), COALESCE(o.salesperson_id, \(bind: none)), COALESCE(o.created_by, \(bind: none))
            """
        // `WHERE` before `ON CONFLICT` also keeps SQLite from reading the conflict clause as a join's `ON`.
        // GROUP BY names the keys by position: PostgreSQL does not see `COALESCE(x, $1)` and
        // `COALESCE(x, $4)` as one expression.
        try await sql.raw("""
            INSERT INTO \(unsafeRaw: totals) (tenant_id, month, department_id, salesperson_id, created_by, orders, amount_minor)
            SELECT o.tenant_id, substr(o.order_date, 1, 7), \(keys), \(bind: sign) * COUNT(DISTINCT o.id), \(bind: sign) * SUM(l.amount_minor)
            FROM sales_orders o JOIN sales_order_lines l ON l.order_id = o.id
            WHERE \(condition)
            GROUP BY 1, 2, 3, 4, 5
            ON CONFLICT (tenant_id, month, department_id, salesperson_id, created_by) DO UPDATE SET
                orders = \(unsafeRaw: totals).orders + excluded.orders,
                amount_minor = \(unsafeRaw: totals).amount_minor + excluded.amount_minor
            """).run()
        try await sql.raw("""
            INSERT INTO \(unsafeRaw: productTotals) (tenant_id, month, product_id, department_id, salesperson_id, created_by, lines, quantity, amount_minor)
            SELECT o.tenant_id, substr(o.order_date, 1, 7), l.product_id, \(keys), \(bind: sign) * COUNT(*), \(bind: sign) * SUM(l.quantity), \(bind: sign) * SUM(l.amount_minor)
            FROM sales_orders o JOIN sales_order_lines l ON l.order_id = o.id
            WHERE \(condition)
            GROUP BY 1, 2, 3, 4, 5, 6
            ON CONFLICT (tenant_id, month, product_id, department_id, salesperson_id, created_by) DO UPDATE SET
                lines = \(unsafeRaw: productTotals).lines + excluded.lines,
                quantity = \(unsafeRaw: productTotals).quantity + excluded.quantity,
                amount_minor = \(unsafeRaw: productTotals).amount_minor + excluded.amount_minor
            """).run()
    }
}
