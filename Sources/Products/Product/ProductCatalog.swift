import Fluent
import Foundation
import Platform
import SQLKit

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
    ///
    /// Read as the columns a reference needs, not as models: every sales order create and
    /// confirm asks, and decoding whole models was a measurable part of their CPU (issue 9).
    public func references(_ ids: Set<UUID>, tenantID: UUID) async throws -> [UUID: Reference] {
        guard !ids.isEmpty else { return [:] }
        return try await references(where: "tenant_id = \(bind: tenantID) AND id IN (\(binds: Array(ids)))")
    }

    private func references(where condition: SQLQueryString) async throws -> [UUID: Reference] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        let rows = try await sql.raw("SELECT id, sku, name, category_id, list_price_minor, currency, archived FROM products WHERE \(condition)")
            .all(decoding: ReferenceRow.self)
        return Dictionary(uniqueKeysWithValues: rows.map { row in
            (row.id, Reference(id: row.id, sku: row.sku, name: row.name, categoryID: row.category_id,
                               listPrice: Money(minorUnits: row.list_price_minor, currency: Currency(code: row.currency) ?? .usd), archived: row.archived))
        })
    }

    private struct ReferenceRow: Decodable {
        let id: UUID, sku: String, name: String, category_id: UUID?, list_price_minor: Int64, currency: String, archived: Bool
    }

    /// All products of the tenant (archived included) — for reports that group by category.
    public func allReferences(tenantID: UUID) async throws -> [UUID: Reference] {
        try await references(where: "tenant_id = \(bind: tenantID)")
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
