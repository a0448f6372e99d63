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
         "products.invalid_archived_filter": .init(en: "Use exclude, include or only.", zhCN: "请使用 exclude、include 或 only。")]
    }

    public var feedEntities: [String: [Permission]] { ["products.product": [Self.read], "products.category": [Self.read]] }

    public var searchProviders: [SearchProvider] { [Product.searchProvider] }

    public func routes(_ api: any RoutesBuilder) throws { ProductController().register(api) }
}
