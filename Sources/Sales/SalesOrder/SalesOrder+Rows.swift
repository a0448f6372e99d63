import Foundation
import Platform

extension SalesOrder {
    /// Every column of `sales_orders`, in the order of ``insertValues(at:)``.
    static let insertColumns = [
        "id", "tenant_id", "number", "state", "order_date", "required_date", "shipped_date", "customer_id", "customer_name", "search_text",
        "salesperson_id", "salesperson_name", "department_id", "carrier_id", "currency", "untaxed_minor", "freight_minor", "ship_name",
        "ship_address", "ship_city", "ship_region", "ship_postal_code", "ship_country", "notes", "created_at", "created_by", "updated_at",
        "updated_by", "version",
    ]

    /// This new order as a row for ``InsertRows``, created and updated at `now` (as Fluent's
    /// `create` would stamp it).
    func insertValues(at now: Date) -> [any Encodable & Sendable] {
        [id, tenantID, number, state, orderDate, requiredDate, shippedDate, customerID, customerName, searchText,
         salespersonID, salespersonName, departmentID, carrierID, currency, untaxedMinor, freightMinor, shipName,
         shipAddress, shipCity, shipRegion, shipPostalCode, shipCountry, notes, now, createdBy, now,
         updatedBy, version]
    }
}

extension SalesOrderLine {
    /// Every column of `sales_order_lines`, in the order of ``insertValues``.
    static let insertColumns = ["id", "tenant_id", "order_id", "position", "product_id", "quantity", "unit_price_minor", "discount", "amount_minor"]

    /// This new line as a row for ``InsertRows`` (its id made here).
    var insertValues: [any Encodable & Sendable] {
        [id ?? UUID(), tenantID, $order.id, position, productID, quantity, unitPriceMinor, discount, amountMinor]
    }
}
