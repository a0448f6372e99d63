import AfieldAPI
import Foundation
import Platform
import SQLKit

extension Product {
    /// Global search over the catalogue by name or SKU (`search_text`); discontinued (archived)
    /// products are left out. A hit opens the product list filtered to its SKU — products have
    /// no page of their own yet.
    static var searchProvider: SearchProvider {
        SearchProvider(kind: "products.product", permission: ProductsModule.read, priority: 30, morePath: { "/products?q=\($0)" }) { context in
            let table = Product.schema
            let rows = try await SearchQuery.rows(context, table: table, columns: ["id", "name", "sku", "pack_description"],
                                                  matches: [SQLContains.condition(table: table, column: "search_text", text: context.text.lowered)],
                                                  conditions: ["\(ident: table).\(ident: "archived") = \(bind: false)"], rankColumn: "name")
            return try rows.map { row in
                let sku = try row.decode(column: "sku", as: String.self)
                let pack = try row.decode(column: "pack_description", as: String?.self)
                return SearchHit(kind: "products.product", id: try row.decode(column: "id", as: UUID.self),
                                 title: try row.decode(column: "name", as: String.self),
                                 subtitle: [sku, pack ?? ""].filter { !$0.isEmpty }.joined(separator: " · "),
                                 path: "/products?q=" + (sku.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            }
        }
    }
}
