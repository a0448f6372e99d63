import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform
import Products

/// Turns orders into API shapes, fetching the names they show in one query per kind.
struct SalesOrderPresenter: Sendable {
    let db: any Database
    let tenantID: UUID

    func detail(_ order: SalesOrder) async throws -> OrderDetail {
        let partners = try await PartnerDirectory(db: db).references(Set([order.carrierID].compactMap { $0 }), tenantID: tenantID)
        let products = try await ProductCatalog(db: db).references(Set((order.$lines.value ?? []).map(\.productID)), tenantID: tenantID)
        return Self.detail(order, products: products, carrierName: order.carrierID.flatMap { partners[$0]?.name })
    }

    /// The detail of `order` (its lines loaded) from names the caller already holds: no query.
    static func detail(_ order: SalesOrder, products: [UUID: ProductCatalog.Reference], carrierName: String?) -> OrderDetail {
        let lines = (order.$lines.value ?? []).sorted { $0.position < $1.position }
        let currency = Currency(code: order.currency) ?? .usd
        let lineDTOs = lines.map { line in
            OrderLineDTO(id: line.id, productId: line.productID, sku: products[line.productID]?.sku ?? "",
                         productName: products[line.productID]?.name ?? "", quantity: Quantity(scaled: line.quantity).decimalText,
                         unitPrice: Money(minorUnits: line.unitPriceMinor, currency: currency).decimalText,
                         discountPercent: Percentage(hundredths: line.discount).decimalText,
                         amount: Money(minorUnits: line.amountMinor, currency: currency).decimalText)
        }
        let head = summary(order, customerName: order.customerName, salespersonName: order.salespersonName)
        return OrderDetail(order: head, carrierId: order.carrierID, carrierName: carrierName,
                           shipTo: ShipTo(name: order.shipName, address: order.shipAddress, city: order.shipCity, region: order.shipRegion,
                                          postalCode: order.shipPostalCode, country: order.shipCountry),
                           notes: order.notes, lines: lineDTOs)
    }

    /// The order's head as lists show it.
    static func summary(_ order: SalesOrder) -> OrderSummary {
        summary(order, customerName: order.customerName, salespersonName: order.salespersonName)
    }

    private static func summary(_ order: SalesOrder, customerName: String, salespersonName: String?) -> OrderSummary {
        let currency = Currency(code: order.currency) ?? .usd
        let untaxed = Money(minorUnits: order.untaxedMinor, currency: currency)
        let freight = Money(minorUnits: order.freightMinor, currency: currency)
        return OrderSummary(id: order.id!, number: order.number, state: order.state.rawValue, orderDate: order.orderDate,
                            requiredDate: order.requiredDate, shippedDate: order.shippedDate, customerId: order.customerID,
                            customerName: customerName, salespersonId: order.salespersonID, salespersonName: salespersonName,
                            untaxedTotal: untaxed.decimalText, freight: freight.decimalText, total: (untaxed + freight).decimalText,
                            currency: currency.code, version: order.version)
    }
}
