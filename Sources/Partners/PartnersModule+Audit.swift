import Platform

extension PartnersModule {
    /// Partners (customers, suppliers, carriers) in the audit log, named by their name.
    public var auditEntities: [AuditEntityKind] {
        [AuditEntityKind(Self.auditEntity, label: .init(en: "Partner", zhCN: "业务伙伴"), actions: [
            "archive": .init(en: "Archived {entity}{name}", zhCN: "归档了{entity}{name}"),
            "unarchive": .init(en: "Restored {entity}{name}", zhCN: "恢复了{entity}{name}"),
            "owner_claim": .init(en: "Claimed {entity}{name} from the public pool", zhCN: "从公海领取了{entity}{name}"),
            "owner_release": .init(en: "Returned {entity}{name} to the public pool", zhCN: "将{entity}{name}退回公海"),
            "owner_idle": .init(en: "Returned {entity}{name} to the public pool (no follow-up)", zhCN: "{entity}{name}因未跟进退回公海"),
            "owner_transfer": .init(en: "Transferred {entity}{name}", zhCN: "转移了{entity}{name}"),
            "owner_assign": .init(en: "Assigned {entity}{name} from the public pool", zhCN: "从公海分配了{entity}{name}"),
            "collaborator_add": .init(en: "Added a collaborator to {entity}{name}", zhCN: "为{entity}{name}添加了协作人"),
            "collaborator_remove": .init(en: "Removed a collaborator of {entity}{name}", zhCN: "移除了{entity}{name}的协作人"),
            "contact_add": .init(en: "Added a contact to {entity}{name}", zhCN: "为{entity}{name}添加了联系人"),
            "contact_update": .init(en: "Changed a contact of {entity}{name}", zhCN: "修改了{entity}{name}的联系人"),
            "contact_remove": .init(en: "Removed a contact of {entity}{name}", zhCN: "删除了{entity}{name}的联系人"),
         ], names: .column("name", in: Partner.schema)),
         AuditEntityKind(Self.poolRulesEntity, label: .init(en: "Public pool rules", zhCN: "公海规则"))]
    }
}
