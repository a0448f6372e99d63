import Fluent
import Foundation

/// A product that can be sold (and later bought and stocked).
public final class Product: Model, @unchecked Sendable {
    public static let schema = "products"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    /// Stock keeping unit, unique per tenant (`NW-11`).
    @Field(key: "sku") public var sku: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "category_id") public var categoryID: UUID?
    /// A partner with the supplier role (Partners module), by id only.
    @OptionalField(key: "supplier_id") public var supplierID: UUID?
    /// How the unit is packed: "10 boxes x 20 bags".
    @OptionalField(key: "pack_description") public var packDescription: String?
    /// List price in minor units of ``currency``.
    @Field(key: "list_price_minor") public var listPriceMinor: Int64
    @Field(key: "currency") public var currency: String
    /// Reorder level as a fixed-point quantity (4 decimals).
    @Field(key: "reorder_level") public var reorderLevel: Int64
    /// Lower-cased name and SKU for search.
    @Field(key: "search_text") public var searchText: String
    /// Discontinued products are archived: not offered on new orders, still in reports.
    @Field(key: "archived") public var archived: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @Field(key: "version") public var version: Int

    public init() {}
}
