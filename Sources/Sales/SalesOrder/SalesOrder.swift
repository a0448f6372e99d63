import Fluent
import Foundation

/// A sales order (Odoo `sale.order`, ERPNext Sales Order): customer, days, salesperson,
/// shipping and lines. Totals are stored in minor units of ``currency`` and always equal the
/// sum of the lines (``SalesOrder/untaxedMinor``) — set only by ``OrderPricing``.
public final class SalesOrder: Model, @unchecked Sendable {
    public static let schema = "sales_orders"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    /// Human number, unique per tenant: `SO-2026-00001`, or the source number for imports (`10248`).
    @Field(key: "number") public var number: String
    @Field(key: "state") public var state: SalesOrderState
    /// `YYYY-MM-DD` in the company's time zone.
    @Field(key: "order_date") public var orderDate: String
    @OptionalField(key: "required_date") public var requiredDate: String?
    @OptionalField(key: "shipped_date") public var shippedDate: String?
    /// A partner with the customer role.
    @Field(key: "customer_id") public var customerID: UUID
    /// The customer's name as on the document when it was made (ERPNext keeps `customer_name`
    /// the same way): lists and search need no other module's table.
    @Field(key: "customer_name") public var customerName: String
    /// Lower-cased number and customer name, for search.
    @Field(key: "search_text") public var searchText: String
    /// An employee.
    @OptionalField(key: "salesperson_id") public var salespersonID: UUID?
    /// The salesperson's name when the document was made.
    @OptionalField(key: "salesperson_name") public var salespersonName: String?
    /// The salesperson's department when the document was made; department scopes follow it.
    @OptionalField(key: "department_id") public var departmentID: UUID?
    /// A partner with the carrier role.
    @OptionalField(key: "carrier_id") public var carrierID: UUID?
    @Field(key: "currency") public var currency: String
    /// Sum of line amounts (product sales, no freight, no tax), minor units.
    @Field(key: "untaxed_minor") public var untaxedMinor: Int64
    /// Freight charged to the customer, minor units; not part of product sales.
    @Field(key: "freight_minor") public var freightMinor: Int64
    @OptionalField(key: "ship_name") public var shipName: String?
    @OptionalField(key: "ship_address") public var shipAddress: String?
    @OptionalField(key: "ship_city") public var shipCity: String?
    @OptionalField(key: "ship_region") public var shipRegion: String?
    @OptionalField(key: "ship_postal_code") public var shipPostalCode: String?
    @OptionalField(key: "ship_country") public var shipCountry: String?
    /// Free text for the people handling the order (`sales.0003_order_notes`); nil when none.
    @OptionalField(key: "notes") public var notes: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @OptionalField(key: "updated_by") public var updatedBy: UUID?
    @Field(key: "version") public var version: Int

    @Children(for: \.$order) public var lines: [SalesOrderLine]

    public init() {}

    /// Sets the customer and the derived search text.
    func setCustomer(id: UUID, name: String) {
        customerID = id
        customerName = name
        searchText = "\(number) \(name)".lowercased()
    }
}

/// One product line of a ``SalesOrder``.
public final class SalesOrderLine: Model, @unchecked Sendable {
    public static let schema = "sales_order_lines"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    @Parent(key: "order_id") public var order: SalesOrder
    /// Order of the line on the document, from 0.
    @Field(key: "position") public var position: Int
    @Field(key: "product_id") public var productID: UUID
    /// Fixed point, 4 decimals (``Quantity``).
    @Field(key: "quantity") public var quantity: Int64
    @Field(key: "unit_price_minor") public var unitPriceMinor: Int64
    /// Hundredths of a percent (``Percentage``): 15 % → 1500.
    @Field(key: "discount") public var discount: Int64
    /// ``OrderPricing/lineAmount(unitPrice:quantity:discount:rule:)``, minor units.
    @Field(key: "amount_minor") public var amountMinor: Int64

    public init() {}
}
