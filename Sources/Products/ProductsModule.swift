import Fluent
import Partners
import Platform
import Vapor

/// Products: the catalogue and its categories (`/api/v1/products`). Public services:
/// ``ProductCatalog``, ``ProductImport``.
public struct ProductsModule: AfieldModule {
    public static let id = "products"
    public static let dependsOn: [any AfieldModule.Type] = [PartnersModule.self]
    static let read = Permission("products.product.read")

    public init() {}

    public var permissions: [Permission] { [Self.read] }
    public var migrations: [any AsyncMigration] { [CreateProducts()] }
    public var menu: [MenuItem] {
        [MenuItem(id: "products.products", path: "/products", titleKey: "nav.products", permission: Self.read.key)]
    }
    public var messages: [String: MessageCatalog.Entry] {
        ["entity.product": .init(en: "Product", zhCN: "产品"),
         "search.kind.products.product": .init(en: "Products", zhCN: "产品"),
         "products.invalid_archived_filter": .init(en: "Use exclude, include or only.", zhCN: "请使用 exclude、include 或 only。"),
         "products.list.name": .init(en: "Name", zhCN: "名称"),
         "products.list.sku": .init(en: "SKU", zhCN: "货号"),
         "products.list.category": .init(en: "Category", zhCN: "类别"),
         "products.list.supplier": .init(en: "Supplier", zhCN: "供应商"),
         "products.list.pack": .init(en: "Pack", zhCN: "包装"),
         "products.list.price": .init(en: "List price", zhCN: "标价"),
         "products.list.reorder_level": .init(en: "Reorder level", zhCN: "再订货点")]
    }

    public var feedEntities: [String: [Permission]] { ["products.product": [Self.read], "products.category": [Self.read]] }

    public var searchProviders: [SearchProvider] { [Product.searchProvider] }

    public func routes(_ api: any RoutesBuilder) throws { ProductController().register(api) }
}
