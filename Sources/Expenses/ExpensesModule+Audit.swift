import Platform

extension ExpensesModule {
    /// Claims, advances, categories, items and budgets in the audit log.
    public var auditEntities: [AuditEntityKind] {
        [AuditEntityKind(Self.claimEntity, label: .init(en: "Expense claim", zhCN: "报销单"), actions: [
            "submit": .init(en: "Submitted {entity}{name}", zhCN: "提交了{entity}{name}"),
            "approve": .init(en: "Approved {entity}{name}", zhCN: "批准了{entity}{name}"),
            "rejected": .init(en: "Rejected {entity}{name}", zhCN: "驳回了{entity}{name}"),
            "withdrawn": .init(en: "Withdrew {entity}{name}", zhCN: "撤回了{entity}{name}"),
            "pay": .init(en: "Paid {entity}{name}", zhCN: "支付了{entity}{name}"),
         ], quotesNames: false, names: .column("number", in: ExpenseClaim.schema)),
         AuditEntityKind(Self.advanceEntity, label: .init(en: "Advance", zhCN: "借款单"), actions: [
            "approve": .init(en: "Approved {entity}{name}", zhCN: "批准了{entity}{name}"),
            "rejected": .init(en: "Rejected {entity}{name}", zhCN: "驳回了{entity}{name}"),
            "withdrawn": .init(en: "Withdrew {entity}{name}", zhCN: "撤回了{entity}{name}"),
            "pay": .init(en: "Paid {entity}{name}", zhCN: "支付了{entity}{name}"),
            "offset": .init(en: "Set {entity}{name} against a claim", zhCN: "以{entity}{name}冲抵了报销"),
            "return": .init(en: "Recorded money given back on {entity}{name}", zhCN: "登记了{entity}{name}的还款"),
         ], quotesNames: false, names: .column("number", in: ExpenseAdvance.schema)),
         AuditEntityKind(Self.categoryEntity, label: .init(en: "Expense category", zhCN: "费用类别"), names: .column("name", in: ExpenseCategory.schema)),
         AuditEntityKind(Self.itemEntity, label: .init(en: "Expense item", zhCN: "费用项目"), names: .column("name", in: ExpenseItem.schema)),
         AuditEntityKind(Self.budgetEntity, label: .init(en: "Budget", zhCN: "预算"))]
    }
}
