import AfieldAPI
import Fluent
import Platform
import Products
import SQLKit
import Vapor

/// `/api/v1/sales/reports/…` and `/api/v1/sales/salespeople`.
struct SalesReportController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, "reports", "sales-by-year", permission: SalesModule.reportRead,
                  summary: "Product sales by year of order date", response: SalesByYearReport.self, use: byYear)
        routes.on(.GET, "reports", "sales-by-category", permission: SalesModule.reportRead,
                  summary: "Product sales by category for a year (all years without `year`)", response: SalesByCategoryReport.self,
                  query: [.integer("year", minimum: 1, maximum: 9999)], use: byCategory)
        routes.on(.GET, "reports", "sales-by-salesperson", permission: SalesModule.reportRead,
                  summary: "Product sales by salesperson for a year (all years without `year`)", response: SalesBySalespersonReport.self,
                  query: [.integer("year", minimum: 1, maximum: 9999)], use: bySalesperson)
        routes.on(.GET, "salespeople", permission: SalesModule.salespersonRead,
                  summary: "Employees who can be salesperson, within the caller's data scope on sales orders",
                  query: QueryParameter.paging, use: salespeople)
    }

    // Reports change only when orders do: answers are cached under the sales revision.
    @Sendable func byYear(_ req: Request) async throws -> Response {
        let reports = try await reports(req)
        return try await req.cachedJSON(revisionKey: SalesModule.revisionKey, variant: reports.scope.cacheKey) { try await reports.byYear() }
    }

    @Sendable func byCategory(_ req: Request) async throws -> Response {
        let (reports, year, db) = (try await reports(req), try year(req), req.database)
        return try await req.cachedJSON(revisionKey: SalesModule.revisionKey, variant: reports.scope.cacheKey) {
            try await reports.byCategory(year: year, catalog: ProductCatalog(db: db))
        }
    }

    @Sendable func bySalesperson(_ req: Request) async throws -> Response {
        let (reports, year, db) = (try await reports(req), try year(req), req.database)
        return try await req.cachedJSON(revisionKey: SalesModule.revisionKey, variant: reports.scope.cacheKey) {
            try await reports.bySalesperson(year: year, employees: EmployeeDirectory(db: db))
        }
    }

    @Sendable func salespeople(_ req: Request) async throws -> AfieldAPI.Page<SalespersonDTO> {
        let actor = try req.actor
        let page = try PageRequest(from: req, defaultLimit: 100)
        // The same scope as orders: a salesperson whose orders the caller cannot see is not offered either.
        let scope = try await req.recordScope(SalesModule.orderResource)
        let all = try await EmployeeDirectory(db: req.database).all(tenantID: actor.tenantID)
            .filter { scope.contains(department: $0.departmentID, employee: $0.id, createdBy: nil) }
        let slice = all.dropFirst(page.offset).prefix(page.limit)
        return AfieldAPI.Page(items: slice.map { SalespersonDTO(id: $0.id!, name: $0.name, title: $0.title) },
                              page: page.page, limit: page.limit, total: all.count)
    }

    private func reports(_ req: Request) async throws -> SalesReports {
        guard let sql = req.database as? any SQLDatabase else { throw DomainError(status: 500, code: "internal") }
        return SalesReports(db: sql, tenant: try req.actor.tenant, scope: try await req.recordScope(SalesModule.orderResource))
    }

    private func year(_ req: Request) throws -> Int? {
        guard let text = req.queryText("year") else { return nil }
        guard let year = Int(text), (1...9999).contains(year) else { throw DomainError.invalid([.init("year", "sales.report.invalid_year")]) }
        return year
    }
}
