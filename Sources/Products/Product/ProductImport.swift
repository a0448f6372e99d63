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
    public func upsertCategory(code: String, name: String, description: String?, tenantID: UUID, audit: AuditContext) async throws -> ImportOutcome {
        if let existing = try await ProductCategory.query(on: db).filter(\.$tenantID == tenantID).filter(\.$code == code).first() {
            guard existing.name != name || existing.description != description else { return .unchanged }
            var changes = AuditChanges()
            changes.set("name", existing.name, name)
            changes.set("description", existing.description, description)
            existing.name = name
            existing.description = description
            existing.version += 1
            try await existing.save(on: db)
            try await AuditLog.append(entity: "products.category", entityID: existing.id, action: "update", changes: changes, context: audit, on: db)
            return .updated
        }
        let category = ProductCategory()
        category.tenantID = tenantID
        category.code = code
        category.name = name
        category.description = description
        category.version = 1
        try await category.create(on: db)
        var changes = AuditChanges()
        changes.created([("code", code), ("name", name), ("description", description)])
        try await AuditLog.append(entity: "products.category", entityID: category.id, action: "create", changes: changes, context: audit, on: db)
        return .created
    }

    /// Creates or updates the product with `record.sku`.
    public func upsert(_ record: Record, tenantID: UUID, audit: AuditContext) async throws -> ImportOutcome {
        try await upsert([record], tenantID: tenantID, audit: audit)[0]
    }

    /// Creates or updates the products of `records` by SKU, in order; returns what happened to
    /// each. New products are written with multi-row inserts and the audit entries appended as
    /// one batch in record order (one by one, each product took about six statements).
    public func upsert(_ records: [Record], tenantID: UUID, audit: AuditContext) async throws -> [ImportOutcome] {
        var outcomes: [ImportOutcome] = []
        for run in records.distinctRuns(by: \.sku) { outcomes += try await upsertDistinct(run, tenantID: tenantID, audit: audit) }
        return outcomes
    }

    /// ``upsert(_:tenantID:audit:)`` for records whose SKUs differ.
    private func upsertDistinct(_ records: [Record], tenantID: UUID, audit: AuditContext) async throws -> [ImportOutcome] {
        let categoryCodes = Array(Set(records.compactMap(\.categoryCode)))
        let categories = categoryCodes.isEmpty ? [] : try await ProductCategory.query(on: db).filter(\.$tenantID == tenantID)
            .filter(\.$code ~~ categoryCodes).all()
        let categoryIDs = Dictionary(categories.map { ($0.code, $0.id) }, uniquingKeysWith: { a, _ in a })
        let found = try await Product.query(on: db).filter(\.$tenantID == tenantID).filter(\.$sku ~~ records.map(\.sku)).all()
        let bySKU = Dictionary(found.map { ($0.sku, $0) }, uniquingKeysWith: { a, _ in a })
        let now = Date()
        var newProducts = try InsertRows(Product.self, columns: Product.insertColumns)
        var entries: [AuditLog.Change] = []
        var outcomes: [ImportOutcome] = []
        for record in records {
            let existing = bySKU[record.sku]
            let product = existing ?? Product()
            let before = existing.map(Snapshot.init)
            product.tenantID = tenantID
            product.sku = record.sku
            product.name = record.name
            product.categoryID = record.categoryCode.flatMap { categoryIDs[$0] ?? nil }
            product.supplierID = record.supplierID
            product.packDescription = record.packDescription
            product.listPriceMinor = record.listPrice.minorUnits
            product.currency = record.listPrice.currency.code
            product.reorderLevel = record.reorderLevel.scaled
            product.archived = record.archived
            product.searchText = "\(record.name) \(record.sku)".lowercased()
            guard let before else {
                product.id = UUID()
                product.version = 1
                newProducts.append(product.insertValues(at: now))
                entries.append(.init(entity: "products.product", entityID: product.id, action: "create",
                                     changes: Snapshot.changes(from: nil, to: Snapshot(product), sku: record.sku)))
                outcomes.append(.created)
                continue
            }
            let after = Snapshot(product)
            if before == after {
                outcomes.append(.unchanged)
                continue
            }
            product.version += 1
            try await product.save(on: db)
            entries.append(.init(entity: "products.product", entityID: product.id, action: "update",
                                 changes: Snapshot.changes(from: before, to: after, sku: nil)))
            outcomes.append(.updated)
        }
        try await newProducts.insert(on: db)
        try await AuditLog.append(entries, context: audit, on: db, now: now)
        return outcomes
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

        static func changes(from a: Snapshot?, to b: Snapshot, sku: String?) -> AuditChanges {
            var c = AuditChanges()
            if let sku { c.set("sku", nil, sku) }
            c.set("name", a?.name, b.name)
            c.set("category_id", a?.categoryID?.uuidString, b.categoryID?.uuidString)
            c.set("supplier_id", a?.supplierID?.uuidString, b.supplierID?.uuidString)
            c.set("pack_description", a?.pack, b.pack)
            let currency = Currency(code: b.currency) ?? .usd
            c.set("list_price", a.map { Money(minorUnits: $0.price, currency: currency).decimalText }, Money(minorUnits: b.price, currency: currency).decimalText)
            c.set("reorder_level", a.map { Quantity(scaled: $0.reorder).decimalText }, Quantity(scaled: b.reorder).decimalText)
            c.set("archived", a?.archived, b.archived)
            return c
        }
    }
}
