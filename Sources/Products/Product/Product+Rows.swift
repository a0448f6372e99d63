import Foundation
import Platform

extension Product {
    /// Every column of `products`, in the order of ``insertValues(at:)``.
    static let insertColumns = [
        "id", "tenant_id", "sku", "name", "category_id", "supplier_id", "pack_description", "list_price_minor", "currency",
        "reorder_level", "search_text", "archived", "created_at", "updated_at", "version",
    ]

    /// This new product as a row for ``InsertRows``, created and updated at `now`.
    func insertValues(at now: Date) -> [any Encodable & Sendable] {
        [id, tenantID, sku, name, categoryID, supplierID, packDescription, listPriceMinor, currency,
         reorderLevel, searchText, archived, now, now, version]
    }
}
