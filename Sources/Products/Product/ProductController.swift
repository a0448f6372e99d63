import AfieldAPI
import Fluent
import Partners
import Platform
import Vapor

/// `/api/v1/products`: categories and products.
struct ProductController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, "categories", permission: ProductsModule.read, summary: "Product categories with product counts",
                  query: QueryParameter.paging, use: categories)
        routes.list(ProductList.definition, "products", permission: ProductsModule.read,
                    summary: "List products (search by name or SKU; archived=exclude|include|only)")
        routes.on(.GET, "products", ":id", permission: ProductsModule.read, summary: "A product", use: detail)
    }

    @Sendable func categories(_ req: Request) async throws -> AfieldAPI.Page<CategoryDTO> {
        let actor = try req.actor
        let page = try PageRequest(from: req, defaultLimit: 100)
        let query = ProductCategory.query(on: req.database).filter(\.$tenantID == actor.tenantID)
        let total = try await query.count()
        let rows = try await query.sort(\.$name).sort(\.$id).range(page.range).all()
        let products = try await Product.query(on: req.database).filter(\.$tenantID == actor.tenantID).field(\.$categoryID).all()
        var counts: [UUID: Int] = [:]
        for product in products { if let c = product.categoryID { counts[c, default: 0] += 1 } }
        return AfieldAPI.Page(items: rows.map { CategoryDTO(id: $0.id!, name: $0.name, description: $0.description, productCount: counts[$0.id!] ?? 0) },
                              page: page.page, limit: page.limit, total: total)
    }

    @Sendable func detail(_ req: Request) async throws -> ProductDTO {
        let actor = try req.actor
        let id = try req.pathID(entity: "product")
        guard let product = try await Product.query(on: req.database).filter(\.$tenantID == actor.tenantID).filter(\.$id == id).first()
        else { throw DomainError.notFound("product") }
        return try await dtos([product], req, tenantID: actor.tenantID)[0]
    }

    private func dtos(_ products: [Product], _ req: Request, tenantID: UUID) async throws -> [ProductDTO] {
        let categories = try await ProductCatalog(db: req.database).categoryNames(tenantID: tenantID)
        let suppliers = try await PartnerDirectory(db: req.database).references(Set(products.compactMap(\.supplierID)), tenantID: tenantID)
        return products.map { p in
            let currency = Currency(code: p.currency) ?? .usd
            return ProductDTO(id: p.id!, sku: p.sku, name: p.name, categoryId: p.categoryID, categoryName: p.categoryID.flatMap { categories[$0] },
                              supplierId: p.supplierID, supplierName: p.supplierID.flatMap { suppliers[$0]?.name },
                              packDescription: p.packDescription, listPrice: Money(minorUnits: p.listPriceMinor, currency: currency).decimalText,
                              currency: currency.code, reorderLevel: Quantity(scaled: p.reorderLevel).decimalText, archived: p.archived)
        }
    }
}
