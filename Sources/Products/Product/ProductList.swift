import AfieldAPI
import Foundation
import Partners
import Platform
import SQLKit

/// The products list on the shared list mechanism (DESIGN §1): by name, archived products hidden
/// unless asked for; suppliers' names come from the Partners module's directory.
enum ProductList {
    private struct Row: Decodable {
        let id: UUID
        let sku: String
        let name: String
        let categoryId: UUID?
        let categoryName: String?
        let supplierId: UUID?
        let packDescription: String?
        let listPriceMinor: Int64
        let currency: String
        let reorderLevel: Int64
        let archived: Bool
    }

    static let table = Product.schema
    /// The category's name beside each product (a table of this module).
    static let categoryName = "(SELECT c.name FROM product_categories c WHERE c.id = products.category_id)"

    static let definition = ListDefinition<ProductDTO>(
        key: "products.products", table: table, fileName: "products",
        columns: [
            ListColumn("name", header: "products.list.name", kind: .text, expression: "products.name") { .text($0.name) },
            ListColumn("sku", header: "products.list.sku", kind: .text, expression: "products.sku") { .text($0.sku) },
            ListColumn("categoryName", header: "products.list.category", kind: .reference, expression: categoryName,
                       filterExpression: "products.category_id", parameterNames: ["category"]) { .of($0.categoryName) },
            ListColumn("supplierName", header: "products.list.supplier", kind: .reference, filterExpression: "products.supplier_id",
                       sortable: false, parameterNames: ["supplier"]) { .of($0.supplierName) },
            ListColumn("packDescription", header: "products.list.pack", kind: .text, expression: "products.pack_description") { .of($0.packDescription) },
            ListColumn("listPrice", header: "products.list.price", kind: .money, expression: "products.list_price_minor", scale: 2) { .number($0.listPrice) },
            ListColumn("reorderLevel", header: "products.list.reorder_level", kind: .number, expression: "products.reorder_level", scale: 4) {
                .number($0.reorderLevel)
            },
        ],
        defaultColumns: ["name", "sku", "categoryName", "supplierName", "packDescription", "listPrice"],
        defaultSort: [ListSort("name")],
        extraFilters: [.search(), ListExtraFilter(.oneOf("archived", ["exclude", "only", "include"])) { value, table in
            switch value ?? "exclude" {
            case "exclude": return "\(ident: table).\(ident: "archived") = \(bind: false)"
            case "only": return "\(ident: table).\(ident: "archived") = \(bind: true)"
            case "include": return nil
            default: throw DomainError.invalid([.init("archived", "products.invalid_archived_filter")])
            }
        }],
        select: { query in
            query.column(SQLColumn("id", table: table)).column("sku").column("name")
                .column(SQLAlias(SQLColumn("category_id"), as: SQLIdentifier("categoryId")))
                .column(SQLAlias(SQLRaw(categoryName), as: SQLIdentifier("categoryName")))
                .column(SQLAlias(SQLColumn("supplier_id"), as: SQLIdentifier("supplierId")))
                .column(SQLAlias(SQLColumn("pack_description"), as: SQLIdentifier("packDescription")))
                .column(SQLAlias(SQLColumn("list_price_minor"), as: SQLIdentifier("listPriceMinor")))
                .column("currency")
                .column(SQLAlias(SQLColumn("reorder_level"), as: SQLIdentifier("reorderLevel")))
                .column("archived")
        },
        decode: { row in
            let p = try row.decode(model: Row.self, keyDecodingStrategy: .useDefaultKeys)
            let currency = Currency(code: p.currency) ?? .usd
            return ProductDTO(id: p.id, sku: p.sku, name: p.name, categoryId: p.categoryId, categoryName: p.categoryName, supplierId: p.supplierId,
                              supplierName: nil, packDescription: p.packDescription,
                              listPrice: Money(minorUnits: p.listPriceMinor, currency: currency).decimalText, currency: currency.code,
                              reorderLevel: Quantity(scaled: p.reorderLevel).decimalText, archived: p.archived)
        },
        finish: { items, context in
            let suppliers = try await PartnerDirectory(db: context.db).references(Set(items.compactMap(\.supplierId)), tenantID: context.tenantID)
            return items.map { var item = $0; item.supplierName = $0.supplierId.flatMap { suppliers[$0]?.name }; return item }
        })
}
