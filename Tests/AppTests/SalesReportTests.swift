import AfieldAPI
import AfieldTesting
import Testing

/// Cases N-01 and N-02 (../shared/cases/northwind.md). Every other figure below was computed
/// independently from the source CSVs with Python's `decimal` (per-line ROUND_HALF_UP to 0.01).
@Suite("Sales reports on Northwind")
struct SalesReportTests {
    @Test("N-01 order totals: 10248 → 440.00, 10249 → 1,863.40")
    func orderTotals() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            for (number, total) in [("10248", "440.00"), ("10249", "1863.40")] {
                let page: Page<OrderSummary> = try await api.get("/api/v1/sales/orders?q=\(number)").decode()
                #expect(page.items.count == 1)
                #expect(page.items.first?.untaxedTotal == total)
                let detail: OrderDetail = try await api.get("/api/v1/sales/orders/\(page.items[0].id)").decode()
                #expect(detail.order.untaxedTotal == total)
            }
            let page: Page<OrderSummary> = try await api.get("/api/v1/sales/orders?q=10248").decode()
            let detail: OrderDetail = try await api.get("/api/v1/sales/orders/\(page.items[0].id)").decode()
            #expect(detail.lines.map(\.amount) == ["168.00", "98.00", "174.00"])
            #expect(detail.order.freight == "32.38")
            #expect(detail.order.total == "472.38")
            #expect(detail.order.state == "delivered")
        }
    }

    @Test("N-02 sales by year: 1997 → 617,085.35; 1996 and 1998 from the source files")
    func byYear() async throws {
        try await withAfield { _, client in
            let report: SalesByYearReport = try await client.signedIn().get("/api/v1/sales/reports/sales-by-year").decode()
            #expect(report.rows.map(\.year) == [1996, 1997, 1998])
            #expect(report.rows.map(\.amount) == ["208083.99", "617085.35", "440623.95"])
            #expect(report.rows.map(\.orders) == [152, 408, 270])
            #expect(report.total == "1265793.29")
            #expect(report.currency == "USD")
        }
    }

    @Test("sales by category for each year")
    func byCategory() async throws {
        let expected: [Int: [String: String]] = [
            1996: ["Beverages": "47919.00", "Condiments": "17900.39", "Confections": "29685.56", "Dairy Products": "40980.45",
                   "Grains/Cereals": "9507.92", "Meat/Poultry": "28813.66", "Produce": "13885.78", "Seafood": "19391.23"],
            1997: ["Beverages": "103924.32", "Condiments": "55368.63", "Confections": "82657.78", "Dairy Products": "115387.66",
                   "Grains/Cereals": "56871.83", "Meat/Poultry": "80975.12", "Produce": "54940.77", "Seafood": "66959.24"],
            1998: ["Beverages": "116024.88", "Condiments": "32778.13", "Confections": "55013.95", "Dairy Products": "78139.21",
                   "Grains/Cereals": "29364.85", "Meat/Poultry": "53233.60", "Produce": "31158.03", "Seafood": "44911.30"],
        ]
        try await withAfield { _, client in
            let api = try await client.signedIn()
            for (year, figures) in expected {
                let report: SalesByCategoryReport = try await api.get("/api/v1/sales/reports/sales-by-category?year=\(year)").decode()
                #expect(Dictionary(uniqueKeysWithValues: report.rows.map { ($0.name, $0.amount) }) == figures, "\(year)")
            }
            let y1997: SalesByCategoryReport = try await api.get("/api/v1/sales/reports/sales-by-category?year=1997").decode()
            #expect(y1997.total == "617085.35")
            #expect(y1997.rows.first?.name == "Dairy Products")
        }
    }

    @Test("sales by salesperson, all years and 1997")
    func bySalesperson() async throws {
        let all = ["Andrew Fuller": "166537.76", "Anne Dodsworth": "77308.09", "Janet Leverling": "202812.88", "Laura Callahan": "126862.30",
                   "Margaret Peacock": "232890.89", "Michael Suyama": "73913.15", "Nancy Davolio": "192107.67", "Robert King": "124568.24",
                   "Steven Buchanan": "68792.31"]
        let y1997 = ["Andrew Fuller": "70444.14", "Anne Dodsworth": "26310.39", "Janet Leverling": "108026.17", "Laura Callahan": "56032.63",
                     "Margaret Peacock": "128809.83", "Michael Suyama": "43126.38", "Nancy Davolio": "93148.13", "Robert King": "60471.19",
                     "Steven Buchanan": "30716.49"]
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let everything: SalesBySalespersonReport = try await api.get("/api/v1/sales/reports/sales-by-salesperson").decode()
            #expect(Dictionary(uniqueKeysWithValues: everything.rows.map { ($0.name, $0.amount) }) == all)
            #expect(everything.rows.first?.name == "Margaret Peacock")
            #expect(everything.total == "1265793.29")
            let year: SalesBySalespersonReport = try await api.get("/api/v1/sales/reports/sales-by-salesperson?year=1997").decode()
            #expect(Dictionary(uniqueKeysWithValues: year.rows.map { ($0.name, $0.amount) }) == y1997)
        }
    }

    @Test("a bad year is a localised 422")
    func badYear() async throws {
        try await withAfield { _, client in
            let answer = try await client.signedIn().inLanguage("zh-CN").get("/api/v1/sales/reports/sales-by-category?year=abc")
            #expect(answer.status == .unprocessableEntity)
            #expect(try answer.error.fields?.first?.message == "请输入年份，例如 1997。")
        }
    }
}
