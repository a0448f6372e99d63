import Platform

extension ProductsModule {
    /// Products and categories in the audit log, named by their names.
    public var auditEntities: [AuditEntityKind] {
        [AuditEntityKind("products.product", label: .init(en: "Product", zhCN: "产品"), names: .column("name", in: Product.schema)),
         AuditEntityKind("products.category", label: .init(en: "Product category", zhCN: "产品类别"), names: .column("name", in: ProductCategory.schema))]
    }
}
