import AfieldAPI
import Fluent
import Foundation
import Platform
import Products
import SQLKit

/// Sales reports by order date over confirmed and delivered orders (freight excluded).
///
/// Sums run in SQL over the monthly figures writes keep (``SalesFigures``), integers in minor
/// units, so figures are exact and equal to the sum of the documents while a report reads a row
/// per month and key instead of every line; SQLKit rather than Fluent because reports are a hot
/// path (DESIGN §2).
struct SalesReports: Sendable {
    let db: any SQLDatabase
    let tenant: TenantProfile
    /// Only orders inside it are summed (case A-20: grouped figures obey data scopes).
    let scope: RecordScope

    private var scopeFilter: SQLQueryString {
        guard let condition = scope.condition(table: "f", department: "department_id", employee: "salesperson_id", createdBy: "created_by")
        else { return "" }
        return "AND \(condition)"
    }

    func byYear() async throws -> SalesByYearReport {
        let rows = try await db.raw("""
            SELECT substr(f.month, 1, 4) AS year, CAST(SUM(f.amount_minor) AS BIGINT) AS amount, CAST(SUM(f.orders) AS BIGINT) AS orders
            FROM sales_monthly_totals f
            WHERE f.tenant_id = \(bind: tenant.id) \(scopeFilter)
            GROUP BY substr(f.month, 1, 4) HAVING SUM(f.orders) <> 0 ORDER BY year
            """).all()
        var total: Int64 = 0
        let result = try rows.map { row in
            let amount = try row.decode(column: "amount", as: Int64.self)
            total += amount
            return SalesByYearReport.Row(year: Int(try row.decode(column: "year", as: String.self)) ?? 0,
                                         amount: money(amount), orders: try row.decode(column: "orders", as: Int.self))
        }
        return SalesByYearReport(currency: tenant.currency.code, rows: result, total: money(total))
    }

    func byCategory(year: Int?, catalog: ProductCatalog) async throws -> SalesByCategoryReport {
        let rows = try await db.raw("""
            SELECT f.product_id AS product_id, CAST(SUM(f.amount_minor) AS BIGINT) AS amount
            FROM sales_monthly_product_totals f
            WHERE f.tenant_id = \(bind: tenant.id) \(scopeFilter) \(yearFilter(year))
            GROUP BY f.product_id HAVING SUM(f.lines) <> 0
            """).all()
        let products = try await catalog.allReferences(tenantID: tenant.id)
        let names = try await catalog.categoryNames(tenantID: tenant.id)
        var byCategory: [UUID?: Int64] = [:]
        for row in rows {
            let product = try row.decode(column: "product_id", as: UUID.self)
            byCategory[products[product]?.categoryID, default: 0] += try row.decode(column: "amount", as: Int64.self)
        }
        let result = byCategory.map { id, amount in
            (SalesByCategoryReport.Row(categoryId: id, name: id.flatMap { names[$0] } ?? "—", amount: money(amount)), amount)
        }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.name < $1.0.name }
        return SalesByCategoryReport(currency: tenant.currency.code, year: year, rows: result.map(\.0),
                                     total: money(byCategory.values.reduce(0, +)))
    }

    func bySalesperson(year: Int?, employees: EmployeeDirectory) async throws -> SalesBySalespersonReport {
        let rows = try await db.raw("""
            SELECT f.salesperson_id AS salesperson_id, CAST(SUM(f.amount_minor) AS BIGINT) AS amount, CAST(SUM(f.orders) AS BIGINT) AS orders
            FROM sales_monthly_totals f
            WHERE f.tenant_id = \(bind: tenant.id) \(scopeFilter) \(yearFilter(year))
            GROUP BY f.salesperson_id HAVING SUM(f.orders) <> 0
            """).all()
        var total: Int64 = 0
        var items: [(SalesBySalespersonReport.Row, Int64)] = []
        let ids = try rows.compactMap { Self.person(try $0.decode(column: "salesperson_id", as: UUID.self)) }
        let names = try await employees.names(Set(ids), tenantID: tenant.id)
        for row in rows {
            let id = Self.person(try row.decode(column: "salesperson_id", as: UUID.self))
            let amount = try row.decode(column: "amount", as: Int64.self)
            total += amount
            items.append((SalesBySalespersonReport.Row(salespersonId: id, name: id.flatMap { names[$0] } ?? "—", amount: money(amount),
                                                       orders: try row.decode(column: "orders", as: Int.self)), amount))
        }
        items.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.name < $1.0.name }
        return SalesBySalespersonReport(currency: tenant.currency.code, year: year, rows: items.map(\.0), total: money(total))
    }

    private func yearFilter(_ year: Int?) -> SQLQueryString {
        guard let year else { return "" }
        let y = String(format: "%04d", year)
        return "AND f.month >= \(bind: "\(y)-01") AND f.month <= \(bind: "\(y)-12")"
    }

    /// The figures' key for "no salesperson" (``SalesFigures/none``) as nil.
    private static func person(_ id: UUID) -> UUID? { id == SalesFigures.none ? nil : id }

    private func money(_ minor: Int64) -> String { Money(minorUnits: minor, currency: tenant.currency).decimalText }
}
