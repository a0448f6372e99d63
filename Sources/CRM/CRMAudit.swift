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
        AuditEntityKind(CRMModule.contractEntity, label: .init(en: "Contract", zhCN: "合同"), actions: [
            "submit": .init(en: "Submitted {entity}{name} for approval", zhCN: "提交了{entity}{name}审批"),
            "approve": .init(en: "Approved {entity}{name}", zhCN: "批准了{entity}{name}"),
            "reject": .init(en: "Rejected {entity}{name}", zhCN: "驳回了{entity}{name}"),
            "withdraw": .init(en: "Withdrew {entity}{name}", zhCN: "撤回了{entity}{name}"),
            "cancel": .init(en: "Cancelled {entity}{name}", zhCN: "作废了{entity}{name}"),
            "terminate": .init(en: "Terminated {entity}{name}", zhCN: "终止了{entity}{name}"),
            "renew": .init(en: "Renewed {entity}{name}", zhCN: "续签了{entity}{name}"),
            "receive": .init(en: "Recorded money received on {entity}{name}", zhCN: "登记了{entity}{name}的回款"),
            "expire": .init(en: "{entity}{name} expired", zhCN: "{entity}{name}已到期"),
        ], names: .column("title", in: Contract.schema)),
        AuditEntityKind(CRMModule.stageEntity, label: .init(en: "Funnel stage", zhCN: "商机阶段"), names: .column("name", in: OpportunityStage.schema)),
    ]
}
