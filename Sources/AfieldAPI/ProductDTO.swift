import Foundation

/// A product category with the number of products in it (archived ones included).
public struct CategoryDTO: Codable, Sendable {
    public var id: UUID
    public var name: String
    public var description: String?
    public var productCount: Int
    public init(id: UUID, name: String, description: String?, productCount: Int) {
        self.id = id
        self.name = name
        self.description = description
        self.productCount = productCount
    }
}

/// A product of the catalogue. `listPrice` is a decimal string in `currency`;
/// `reorderLevel` a decimal quantity string. Archived (discontinued) products stay readable.
public struct ProductDTO: Codable, Sendable {
    public var id: UUID
    public var sku: String
    public var name: String
    public var categoryId: UUID?
    public var categoryName: String?
    public var supplierId: UUID?
    public var supplierName: String?
    public var packDescription: String?
    public var listPrice: String
    public var currency: String
    public var reorderLevel: String
    public var archived: Bool

    public init(id: UUID, sku: String, name: String, categoryId: UUID?, categoryName: String?, supplierId: UUID?, supplierName: String?,
                packDescription: String?, listPrice: String, currency: String, reorderLevel: String, archived: Bool) {
        self.id = id
        self.sku = sku
        self.name = name
        self.categoryId = categoryId
        self.categoryName = categoryName
        self.supplierId = supplierId
        self.supplierName = supplierName
        self.packDescription = packDescription
        self.listPrice = listPrice
        self.currency = currency
        self.reorderLevel = reorderLevel
        self.archived = archived
    }
}
