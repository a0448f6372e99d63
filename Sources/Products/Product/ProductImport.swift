import Fluent
import Foundation
import Platform

/// Idempotent upsert of categories (by code) and products (by SKU), for imports.
public struct ProductImport: Sendable {
    /// A product as a source describes it; `categoryCode` refers to an imported category.
    public struct Record: Sendable, Equatable {
        public var sku: String
        public var name: String
        public var categoryCode: String?
        public var supplierID: UUID?
        public var packDescription: String?
        public var listPrice: Money
        public var reorderLevel: Quantity
        public var archived: Bool
        public init(sku: String, name: String, categoryCode: String?, supplierID: UUID?, packDescription: String?, listPrice: Money,
                    reorderLevel: Quantity, archived: Bool) {
            self.sku = sku
            self.name = name
            self.categoryCode = categoryCode
            self.supplierID = supplierID
            self.packDescription = packDescription
            self.listPrice = listPrice
            self.reorderLevel = reorderLevel
            self.archived = archived
        }
    }

    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Creates or updates the category with `code`.
    public func upsertCategory(code: String, name: String, description: String?, tenantID: UUID) async throws -> ImportOutcome {
        if let existing = try await ProductCategory.query(on: db).filter(\.$tenantID == tenantID).filter(\.$code == code).first() {
            guard existing.name != name || existing.description != description else { return .unchanged }
            existing.name = name
            existing.description = description
            existing.version += 1
            try await existing.save(on: db)
            return .updated
        }
        let category = ProductCategory()
        category.tenantID = tenantID
        category.code = code
        category.name = name
        category.description = description
        category.version = 1
        try await category.create(on: db)
        return .created
    }

    /// Creates or updates the product with `record.sku`.
    public func upsert(_ record: Record, tenantID: UUID) async throws -> ImportOutcome {
        var categoryID: UUID?
        if let code = record.categoryCode {
            categoryID = try await ProductCategory.query(on: db).filter(\.$tenantID == tenantID).filter(\.$code == code).first()?.id
        }
        let existing = try await Product.query(on: db).filter(\.$tenantID == tenantID).filter(\.$sku == record.sku).first()
        let product = existing ?? Product()
        let before = existing.map(Snapshot.init)
        product.tenantID = tenantID
        product.sku = record.sku
        product.name = record.name
        product.categoryID = categoryID
        product.supplierID = record.supplierID
        product.packDescription = record.packDescription
        product.listPriceMinor = record.listPrice.minorUnits
        product.currency = record.listPrice.currency.code
        product.reorderLevel = record.reorderLevel.scaled
        product.archived = record.archived
        product.searchText = "\(record.name) \(record.sku)".lowercased()
        guard let before else {
            product.version = 1
            try await product.create(on: db)
            return .created
        }
        if before == Snapshot(product) { return .unchanged }
        product.version += 1
        try await product.save(on: db)
        return .updated
    }

    private struct Snapshot: Equatable {
        let name: String, categoryID: UUID?, supplierID: UUID?, pack: String?, price: Int64, currency: String, reorder: Int64, archived: Bool
        init(_ p: Product) {
            name = p.name
            categoryID = p.categoryID
            supplierID = p.supplierID
            pack = p.packDescription
            price = p.listPriceMinor
            currency = p.currency
            reorder = p.reorderLevel
            archived = p.archived
        }
    }
}
