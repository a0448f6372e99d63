import AfieldAPI
import AfieldTesting
import App
import Fluent
import Foundation
import Platform
import Sales
import SQLKit
import Testing
import Vapor

/// Issue 9 point 6: reports read monthly figures that writes keep (`sales_monthly_totals`,
/// `sales_monthly_product_totals`); these tests check them against the ledger — the orders and
/// lines themselves — after every kind of write that moves an order into or out of the sales.
@Suite("Sales figures against the ledger")
struct SalesFiguresTests {
    /// One key's figures: the key's columns as text, then the sums.
    struct Figure: Hashable, CustomStringConvertible {
        var key: [String]
        var sums: [Int64]
        var description: String { key.joined(separator: "/") + " → " + sums.map(String.init).joined(separator: ", ") }
    }

    static let counted = "('confirmed', 'delivered')"

    /// The monthly totals as the ledger has them and as the figures table has them (rows at zero dropped).
    static func totals(_ sql: any SQLDatabase) async throws -> (ledger: Set<Figure>, figures: Set<Figure>) {
        let none = SalesFigures.none
        let ledger = try await sql.raw("""
            SELECT o.tenant_id AS t, substr(o.order_date, 1, 7) AS d, COALESCE(o.department_id, \(bind: none)) AS dep,
                   COALESCE(o.salesperson_id, \(bind: none)) AS sp, COALESCE(o.created_by, \(bind: none)) AS cb,
                   CAST(COUNT(DISTINCT o.id) AS BIGINT) AS n, CAST(SUM(l.amount_minor) AS BIGINT) AS a
            FROM sales_orders o JOIN sales_order_lines l ON l.order_id = o.id
            WHERE o.state IN \(unsafeRaw: counted)
            GROUP BY 1, 2, 3, 4, 5
            """).all()
        let figures = try await sql.raw("""
            SELECT tenant_id AS t, month AS d, department_id AS dep, salesperson_id AS sp, created_by AS cb, orders AS n, amount_minor AS a
            FROM sales_monthly_totals WHERE orders <> 0 OR amount_minor <> 0
            """).all()
        func read(_ rows: [any SQLRow]) throws -> Set<Figure> {
            Set(try rows.map { row in
                Figure(key: [try row.decode(column: "t", as: UUID.self).uuidString, try row.decode(column: "d", as: String.self),
                             try row.decode(column: "dep", as: UUID.self).uuidString, try row.decode(column: "sp", as: UUID.self).uuidString,
                             try row.decode(column: "cb", as: UUID.self).uuidString],
                       sums: [try row.decode(column: "n", as: Int64.self), try row.decode(column: "a", as: Int64.self)])
            })
        }
        return (try read(ledger), try read(figures))
    }

    /// The monthly product totals, ledger and figures.
    static func productTotals(_ sql: any SQLDatabase) async throws -> (ledger: Set<Figure>, figures: Set<Figure>) {
        let none = SalesFigures.none
        let ledger = try await sql.raw("""
            SELECT o.tenant_id AS t, substr(o.order_date, 1, 7) AS d, l.product_id AS p, COALESCE(o.department_id, \(bind: none)) AS dep,
                   COALESCE(o.salesperson_id, \(bind: none)) AS sp, COALESCE(o.created_by, \(bind: none)) AS cb,
                   CAST(COUNT(*) AS BIGINT) AS n, CAST(SUM(l.quantity) AS BIGINT) AS q, CAST(SUM(l.amount_minor) AS BIGINT) AS a
            FROM sales_orders o JOIN sales_order_lines l ON l.order_id = o.id
            WHERE o.state IN \(unsafeRaw: counted)
            GROUP BY 1, 2, 3, 4, 5, 6
            """).all()
        let figures = try await sql.raw("""
            SELECT tenant_id AS t, month AS d, product_id AS p, department_id AS dep, salesperson_id AS sp, created_by AS cb,
                   lines AS n, quantity AS q, amount_minor AS a
            FROM sales_monthly_product_totals WHERE lines <> 0 OR quantity <> 0 OR amount_minor <> 0
            """).all()
        func read(_ rows: [any SQLRow]) throws -> Set<Figure> {
            Set(try rows.map { row in
                Figure(key: [try row.decode(column: "t", as: UUID.self).uuidString, try row.decode(column: "d", as: String.self),
                             try row.decode(column: "p", as: UUID.self).uuidString,
                             try row.decode(column: "dep", as: UUID.self).uuidString, try row.decode(column: "sp", as: UUID.self).uuidString,
                             try row.decode(column: "cb", as: UUID.self).uuidString],
                       sums: [try row.decode(column: "n", as: Int64.self), try row.decode(column: "q", as: Int64.self),
                              try row.decode(column: "a", as: Int64.self)])
            })
        }
        return (try read(ledger), try read(figures))
    }

    /// Both tables equal the ledger, key by key.
    static func expectLedger(_ app: Application, _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let sql = app.db as! any SQLDatabase
        let totals = try await totals(sql)
        #expect(!totals.ledger.isEmpty, comment, sourceLocation: sourceLocation)
        #expect(totals.figures.subtracting(totals.ledger) == [], comment, sourceLocation: sourceLocation)
        #expect(totals.ledger.subtracting(totals.figures) == [], comment, sourceLocation: sourceLocation)
        let products = try await productTotals(sql)
        #expect(products.figures.subtracting(products.ledger) == [], comment, sourceLocation: sourceLocation)
        #expect(products.ledger.subtracting(products.figures) == [], comment, sourceLocation: sourceLocation)
    }

    @Test("H9-6 report figures equal the ledger after confirming, cancelling, approving and rejecting (delivered orders come from the import)")
    func serviceWrites() async throws {
        try await withAfield { app, client in
            try await Self.expectLedger(app, "the demo import")
            let f = try await ApprovalFixtures.load(client)
            let admin = f.admin
            let fixtures = try await OrderFixtures.load(admin)
            // Chai (NW-1) lists at 18.00: 2 × 18.00 = 36.00 and 5 × 18.00 less 10 % = 81.00.
            let kept: OrderDetail = try await admin.post("/api/v1/sales/orders", json: fixtures.input(quantity: "2")).decode()
            #expect(try await admin.send(.POST, "/api/v1/sales/orders/\(kept.order.id)/confirm").status == .ok)
            let cancelled: OrderDetail = try await admin.post("/api/v1/sales/orders", json: fixtures.input(quantity: "3")).decode()
            let confirmed: OrderDetail = try await admin.send(.POST, "/api/v1/sales/orders/\(cancelled.order.id)/confirm").decode()
            #expect(try await admin.send(.POST, "/api/v1/sales/orders/\(cancelled.order.id)/cancel",
                                         raw: #"{"version":\#(confirmed.order.version)}"#).status == .ok)
            _ = try await admin.post("/api/v1/sales/orders", json: fixtures.input(quantity: "7"))  // stays a draft
            let discounted: OrderDetail = try await admin.post("/api/v1/sales/orders", json: fixtures.input(quantity: "5", discount: "10")).decode()
            #expect(try await admin.send(.POST, "/api/v1/sales/orders/\(discounted.order.id)/confirm").status == .ok)
            try await Self.expectLedger(app, "after confirm and cancel")

            let year: SalesByYearReport = try await admin.get("/api/v1/sales/reports/sales-by-year").decode()
            #expect(year.rows.map(\.year) == [1996, 1997, 1998, 2026])
            #expect(year.rows.last?.amount == "117.00")
            #expect(year.rows.last?.orders == 2)
            #expect(year.total == "1265910.29")

            // Through the approval gate: approved orders count, rejected ones do not.
            try await f.flow("sales.order", [ApprovalFixtures.approver("manager", [ApproverRule(kind: .manager, level: 1)])])
            let nancy = try await f.signIn("nancy.davolio")
            let approved: OrderDetail = try await nancy.post("/api/v1/sales/orders", json: fixtures.input(quantity: "1")).decode()
            let rejected: OrderDetail = try await nancy.post("/api/v1/sales/orders", json: fixtures.input(quantity: "4")).decode()
            for order in [approved, rejected] {
                #expect(try await nancy.send(.POST, "/api/v1/sales/orders/\(order.order.id)/confirm").status == .ok)
            }
            try await Self.expectLedger(app, "pending orders are not sales")
            let todo: AfieldAPI.Page<ApprovalSummaryDTO> = try await admin.get("/api/v1/approvals/instances?box=todo").decode()
            for (order, verdict) in [(approved, "approve"), (rejected, "reject")] {
                let task = try #require(todo.items.first { $0.documentId == order.order.id }?.myTaskId)
                #expect(try await admin.post("/api/v1/approvals/tasks/\(task)/\(verdict)", json: ApprovalDecisionRequest(comment: "ok")).status == .ok)
            }
            try await Self.expectLedger(app, "after approve and reject")
            let after: SalesByYearReport = try await admin.get("/api/v1/sales/reports/sales-by-year").decode()
            #expect(after.rows.last?.amount == "135.00")
            #expect(after.rows.last?.orders == 3)
            let people: SalesBySalespersonReport = try await admin.get("/api/v1/sales/reports/sales-by-salesperson?year=2026").decode()
            #expect(people.total == "135.00")
            let categories: SalesByCategoryReport = try await admin.get("/api/v1/sales/reports/sales-by-category?year=2026").decode()
            #expect(categories.rows.map(\.name) == ["Beverages"])
            #expect(categories.total == "135.00")
        }
    }

    @Test("H9-6 a re-import that changes an order's lines, salesperson and day moves its figures; the ledger still matches")
    func reimport() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nw-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: NorthwindImportTests.sourceDirectory, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        func edit(_ file: String, _ old: String, _ new: String) throws {
            let url = folder.appendingPathComponent(file)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: url.path)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains(old))
            try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
        }
        // 10248: 13 instead of 12 of product 11 at 14.00 (+14.00); 10249 (1,863.40) by employee 5, a year later.
        try edit("order_details.csv", "\n10248,11,14,12,0\n", "\n10248,11,14,13,0\n")
        try edit("orders.csv", "\n10249,TOMSP,6,1996-07-05,", "\n10249,TOMSP,5,1997-07-05,")
        try await withAfield { app, client in
            let tenant = try await Tenant.query(on: app.db).first()!
            let tally = try await NorthwindImporter(directory: folder, users: nil)
                .run(tenantID: tenant.id!, writes: app.afieldWrites, db: app.db, hasher: app.password.async,
                     audit: .system(tenant.id!, name: "test import", source: .import))
            #expect(tally["orders"] == .init(updated: 2, unchanged: 828))
            try await Self.expectLedger(app, "after the re-import")
            let report: SalesByYearReport = try await client.signedIn().get("/api/v1/sales/reports/sales-by-year").decode()
            #expect(report.rows.map(\.amount) == ["206234.59", "618948.75", "440623.95"])
            #expect(report.rows.map(\.orders) == [151, 409, 270])
            #expect(report.total == "1265807.29")
        }
    }

    @Test("rebuilding the figures from the orders gives what the writes kept")
    func rebuild() async throws {
        try await withAfield { app, _ in
            let sql = app.db as! any SQLDatabase
            let kept = try await Self.totals(sql).figures
            try await app.afieldWrites.transaction(on: app.db) { db in try await SalesFigures.rebuild(on: db as! any SQLDatabase) }
            #expect(try await Self.totals(sql).figures == kept)
        }
    }
}
