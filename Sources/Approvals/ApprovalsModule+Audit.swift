import Platform

extension ApprovalsModule {
    /// Approval requests, flows, forms, settings and delegations in the audit log. A request is
    /// named by its title (`SO-2026-00042 · ALFKI · 36.00 USD` for a sales order).
    public var auditEntities: [AuditEntityKind] {
        [AuditEntityKind(Self.auditEntity, label: .init(en: "Approval request", zhCN: "审批申请"), actions: [
            "submit": .init(en: "Submitted {entity}{name}", zhCN: "提交了{entity}{name}"),
            "approve": .init(en: "Approved {entity}{name}", zhCN: "同意了{entity}{name}"),
            // The instance's own entry when its last step approved it.
            "approve>approved": .init(en: "{entity}{name} was approved", zhCN: "{entity}{name}已审批通过"),
            "autoApprove": .init(en: "Approved {entity}{name} automatically", zhCN: "自动同意了{entity}{name}"),
            "reject": .init(en: "Rejected {entity}{name}", zhCN: "拒绝了{entity}{name}"),
            "rejected": .init(en: "{entity}{name} was rejected", zhCN: "{entity}{name}已被拒绝"),
            "return": .init(en: "Returned {entity}{name}", zhCN: "退回了{entity}{name}"),
            "returned": .init(en: "{entity}{name} was returned to its requester", zhCN: "{entity}{name}已退回申请人"),
            "transfer": .init(en: "Transferred {entity}{name}", zhCN: "转交了{entity}{name}"),
            "addSigner": .init(en: "Added approvers to {entity}{name}", zhCN: "为{entity}{name}加签"),
            "withdraw": .init(en: "Withdrew {entity}{name}", zhCN: "撤回了{entity}{name}"),
            "withdrawn": .init(en: "{entity}{name} was withdrawn", zhCN: "{entity}{name}已撤回"),
            "urge": .init(en: "Sent a reminder about {entity}{name}", zhCN: "催办了{entity}{name}"),
            "comment": .init(en: "Commented on {entity}{name}", zhCN: "评论了{entity}{name}"),
            "cc": .init(en: "Copied {entity}{name} to others", zhCN: "抄送了{entity}{name}"),
            "resubmit": .init(en: "Resubmitted {entity}{name}", zhCN: "重新提交了{entity}{name}"),
            "void": .init(en: "{entity}{name} was voided", zhCN: "{entity}{name}已作废"),
         ], names: .column("title", in: ApprovalInstance.schema)),
         AuditEntityKind(Self.flowAuditEntity, label: .init(en: "Approval flow", zhCN: "审批流程"), names: .column("name", in: ApprovalFlow.schema)),
         AuditEntityKind(Self.formAuditEntity, label: .init(en: "Approval form", zhCN: "审批表单"), names: .column("name", in: ApprovalForm.schema)),
         AuditEntityKind("approvals.settings", label: .init(en: "Approval settings", zhCN: "审批设置"), actions: [
            "update": .init(en: "Changed the approval settings", zhCN: "修改了审批设置"),
         ]),
         AuditEntityKind("approvals.delegation", label: .init(en: "Approval delegation", zhCN: "审批委托"))]
    }
}
