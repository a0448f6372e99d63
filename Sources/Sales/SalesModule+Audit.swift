import Platform

extension SalesModule {
    /// Sales orders in the audit log: named by number; their state changes in words.
    public var auditEntities: [AuditEntityKind] {
        [AuditEntityKind(Self.auditEntity, label: .init(en: "Sales order", zhCN: "销售订单"), actions: [
            "confirm": .init(en: "Confirmed {entity}{name}", zhCN: "确认了{entity}{name}"),
            "confirm>pending": .init(en: "Sent {entity}{name} for approval", zhCN: "提交了{entity}{name}，等待审批"),
            "deliver": .init(en: "Delivered {entity}{name}", zhCN: "交付了{entity}{name}"),
            "cancel": .init(en: "Cancelled {entity}{name}", zhCN: "取消了{entity}{name}"),
            // Taken by the approval flow's outcome (``SalesOrderApproval``), in the decider's name.
            "approve": .init(en: "{entity}{name} was approved and confirmed", zhCN: "{entity}{name}审批通过，已确认"),
            "rejected": .init(en: "{entity}{name} went back to draft: its approval was rejected", zhCN: "{entity}{name}审批被拒绝，已退回草稿"),
            "withdrawn": .init(en: "{entity}{name} went back to draft: its approval was withdrawn", zhCN: "{entity}{name}审批已撤回，已退回草稿"),
            "returned": .init(en: "{entity}{name} went back to draft: its approval was returned", zhCN: "{entity}{name}审批被退回，已退回草稿"),
        ], quotesNames: false, names: .column("number", in: SalesOrder.schema))]
    }
}
