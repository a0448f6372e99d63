import Platform

extension PartnersModule {
    /// Partners (customers, suppliers, carriers) in the audit log, named by their name.
    public var auditEntities: [AuditEntityKind] {
        [AuditEntityKind(Self.auditEntity, label: .init(en: "Partner", zhCN: "业务伙伴"), names: .column("name", in: Partner.schema))]
    }
}
