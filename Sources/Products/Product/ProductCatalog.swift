import Fluent
import Foundation
import Platform

/// What other modules may ask about products (prices, names, categories).
public struct ProductCatalog: Sendable {
    /// The facts a sales document needs about a product.
    public struct Reference: Sendable, Equatable {
        public let id: UUID
        public let sku: String
        public let name: String
        public let categoryID: UUID?
        public let listPrice: Money
        public let archived: Bool
    }

    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Products by id within the tenant; unknown ids (or another tenant's) are absent.
    public func references(_ ids: Set<UUID>, tenantID: UUID) async throws -> [UUID: Reference] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await Product.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id!, $0.reference) })
    }

    /// All products of the tenant (archived included) — for reports that group by category.
    public func allReferences(tenantID: UUID) async throws -> [UUID: Reference] {
        let rows = try await Product.query(on: db).filter(\.$tenantID == tenantID).all()
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id!, $0.reference) })
    }

    /// Category names by id within the tenant.
    public func categoryNames(tenantID: UUID) async throws -> [UUID: String] {
        let rows = try await ProductCategory.query(on: db).filter(\.$tenantID == tenantID).all()
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id!, $0.name) })
    }

    /// Product ids by SKU within the tenant.
    public func ids(skus: [String], tenantID: UUID) async throws -> [String: UUID] {
        guard !skus.isEmpty else { return [:] }
        let rows = try await Product.query(on: db).filter(\.$tenantID == tenantID).filter(\.$sku ~~ skus).all()
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.sku, $0.id!) })
    }
}

extension Product {
    var reference: ProductCatalog.Reference {
        .init(id: id!, sku: sku, name: name, categoryID: categoryID,
              listPrice: Money(minorUnits: listPriceMinor, currency: Currency(code: currency) ?? .usd), archived: archived)
    }
}
