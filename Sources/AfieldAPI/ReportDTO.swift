import Foundation

/// `GET /api/v1/sales/reports/sales-by-year`: product sales (freight excluded) of confirmed and
/// delivered orders, grouped by the year of the order date. Amounts are decimal strings.
public struct SalesByYearReport: Codable, Sendable {
    public struct Row: Codable, Sendable {
        public var year: Int
        public var amount: String
        public var orders: Int
        public init(year: Int, amount: String, orders: Int) {
            self.year = year
            self.amount = amount
            self.orders = orders
        }
    }
    public var currency: String
    public var rows: [Row]
    public var total: String
    public init(currency: String, rows: [Row], total: String) {
        self.currency = currency
        self.rows = rows
        self.total = total
    }
}

/// `GET /api/v1/sales/reports/sales-by-category?year=`: product sales per product category.
public struct SalesByCategoryReport: Codable, Sendable {
    public struct Row: Codable, Sendable {
        public var categoryId: UUID?
        public var name: String
        public var amount: String
        public init(categoryId: UUID?, name: String, amount: String) {
            self.categoryId = categoryId
            self.name = name
            self.amount = amount
        }
    }
    public var currency: String
    public var year: Int?
    public var rows: [Row]
    public var total: String
    public init(currency: String, year: Int?, rows: [Row], total: String) {
        self.currency = currency
        self.year = year
        self.rows = rows
        self.total = total
    }
}

/// `GET /api/v1/sales/reports/sales-by-salesperson?year=`: product sales per salesperson.
public struct SalesBySalespersonReport: Codable, Sendable {
    public struct Row: Codable, Sendable {
        public var salespersonId: UUID?
        public var name: String
        public var amount: String
        public var orders: Int
        public init(salespersonId: UUID?, name: String, amount: String, orders: Int) {
            self.salespersonId = salespersonId
            self.name = name
            self.amount = amount
            self.orders = orders
        }
    }
    public var currency: String
    public var year: Int?
    public var rows: [Row]
    public var total: String
    public init(currency: String, year: Int?, rows: [Row], total: String) {
        self.currency = currency
        self.year = year
        self.rows = rows
        self.total = total
    }
}
