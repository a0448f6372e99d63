import Platform

/// How the audit log speaks of CRM records.
enum CRMAudit {
    static let kinds: [AuditEntityKind] = [
        AuditEntityKind(CRMModule.visitEntity, label: .init(en: "Visit", zhCN: "拜访"), actions: [
            "check_in": .init(en: "Checked in on {entity}{name}", zhCN: "拜访签到{name}"),
            "check_out": .init(en: "Checked out of {entity}{name}", zhCN: "拜访签退{name}"),
            "cancel": .init(en: "Cancelled {entity}{name}", zhCN: "取消了{entity}{name}"),
        ]),
        AuditEntityKind(CRMModule.followUpEntity, label: .init(en: "Follow-up", zhCN: "跟进记录")),
        AuditEntityKind(CRMModule.leadEntity, label: .init(en: "Lead", zhCN: "线索"), actions: [
            "convert": .init(en: "Converted {entity}{name}", zhCN: "转化了{entity}{name}"),
            "invalidate": .init(en: "Marked {entity}{name} invalid", zhCN: "将{entity}{name}标为无效"),
        ], names: .column("company", in: Lead.schema)),
        AuditEntityKind(CRMModule.opportunityEntity, label: .init(en: "Opportunity", zhCN: "商机"), actions: [
            "move": .init(en: "Moved {entity}{name}", zhCN: "推进了{entity}{name}"),
            "order": .init(en: "Made the sales order of {entity}{name}", zhCN: "为{entity}{name}生成了销售订单"),
        ], names: .column("name", in: Opportunity.schema)),
        AuditEntityKind(CRMModule.stageEntity, label: .init(en: "Funnel stage", zhCN: "商机阶段"), names: .column("name", in: OpportunityStage.schema)),
    ]
}
