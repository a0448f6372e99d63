import Platform

extension PartnersModule {
    /// Partners (customers, suppliers, carriers) in the audit log, named by their name.
    public var auditEntities: [AuditEntityKind] {
        [AuditEntityKind(Self.auditEntity, label: .init(en: "Partner", zhCN: "业务伙伴"), actions: [
            "archive": .init(en: "Archived {entity}{name}", zhCN: "归档了{entity}{name}"),
            "unarchive": .init(en: "Restored {entity}{name}", zhCN: "恢复了{entity}{name}"),
         ], names: .column("name", in: Partner.schema))]
    }
}
