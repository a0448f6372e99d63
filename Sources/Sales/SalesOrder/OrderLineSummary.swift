import Fluent
import Foundation
import Platform
import Products

/// The lines of an order as one line of text for the audit log: `NW-1 × 3 @ 18.00 − 5 %; NW-11 × 1.5 @ 9.99`
/// (SKU × quantity @ unit price, minus the discount when there is one), in position order. Long
/// orders list their first ``limit`` lines and then `… (+N)`, so an entry stays readable and small.
enum OrderLineSummary {
    static let limit = 20

    /// The summary of `lines` (validated, as they will be stored).
    static func text(of lines: [OrderDraft.Line]) -> String {
        join(lines.map { item(sku: $0.product.sku, quantity: $0.quantity, unitPrice: $0.unitPrice, discount: $0.discount) })
    }

    /// The summary of a stored order's lines (`order.$lines` loaded); SKUs from the catalogue.
    static func text(of order: SalesOrder, db: any Database) async throws -> String {
        let lines = (order.$lines.value ?? []).sorted { $0.position < $1.position }
        let products = try await ProductCatalog(db: db).references(Set(lines.map(\.productID)), tenantID: order.tenantID)
        let currency = Currency(code: order.currency) ?? .usd
        return join(lines.map {
            item(sku: products[$0.productID]?.sku ?? $0.productID.uuidString, quantity: Quantity(scaled: $0.quantity),
                 unitPrice: Money(minorUnits: $0.unitPriceMinor, currency: currency), discount: Percentage(hundredths: $0.discount))
        })
    }

    private static func item(sku: String, quantity: Quantity, unitPrice: Money, discount: Percentage) -> String {
        let base = "\(sku) × \(quantity.decimalText) @ \(unitPrice.decimalText)"
        return discount.hundredths == 0 ? base : "\(base) − \(discount.decimalText) %"
    }

    private static func join(_ items: [String]) -> String {
        guard items.count > limit else { return items.joined(separator: "; ") }
        return items.prefix(limit).joined(separator: "; ") + "; … (+\(items.count - limit))"
    }
}
