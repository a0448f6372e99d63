import Platform

extension LeaveModule {
    /// Leave requests, accrual runs and leave profiles in the audit log.
    public var auditEntities: [AuditEntityKind] {
        [AuditEntityKind(Self.requestEntity, label: .init(en: "Leave request", zhCN: "请假申请"), actions: [
            "approve": .init(en: "Approved {entity}{name}", zhCN: "批准了{entity}{name}"),
            "rejected": .init(en: "Rejected {entity}{name}", zhCN: "驳回了{entity}{name}"),
            "withdrawn": .init(en: "Withdrew {entity}{name}", zhCN: "撤回了{entity}{name}"),
            "cancel": .init(en: "Cancelled {entity}{name}", zhCN: "撤销了{entity}{name}"),
         ], quotesNames: false, names: .column("number", in: LeaveRequest.schema)),
         AuditEntityKind(Self.accrualEntity, label: .init(en: "Annual leave accrual", zhCN: "年假发放"), actions: [
            "accrue": .init(en: "Granted annual leave", zhCN: "发放了年假"),
         ]),
         AuditEntityKind(Self.profileEntity, label: .init(en: "Leave profile", zhCN: "假期档案"))]
    }
}
