import AfieldAPI
import Foundation
import Platform
import SQLKit
import Vapor

/// `GET /api/v1/sales/orders/export.csv`: the orders list as CSV (RFC 4180), with the list's
/// filters and the caller's data scope — an export never shows more than the list.
struct SalesOrderExport: Sendable {
    static let columns = ["number", "state", "order_date", "required_date", "shipped_date", "customer", "salesperson",
                          "untaxed_total", "freight", "total", "currency"]
    /// Most rows in one export; a larger one asks the user to narrow the filters.
    static let maximumRows = 50_000

    func csv(list: SalesOrderList, filter: SalesOrderList.Filter) async throws -> String {
        var lines = [Self.columns.joined(separator: ",")]
        var page = 1
        while true {
            let batch = try await list.page(filter, PageRequest(page: page, limit: PageRequest.maxLimit))
            if page == 1 && batch.total > Self.maximumRows {
                throw DomainError(status: 422, code: "sales.order.export_too_large", params: ["max": String(Self.maximumRows)])
            }
            for o in batch.items {
                let fields: [String?] = [o.number, o.state, o.orderDate, o.requiredDate, o.shippedDate, o.customerName, o.salespersonName,
                                         o.untaxedTotal, o.freight, o.total, o.currency]
                lines.append(fields.map { Self.escape($0 ?? "") }.joined(separator: ","))
            }
            if batch.items.count < PageRequest.maxLimit { break }
            page += 1
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field when it holds a comma, quote or line break (RFC 4180 §2), and neutralises a
    /// leading `=`, `+`, `-`, `@` so a spreadsheet does not run it as a formula (OWASP CSV injection).
    static func escape(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
