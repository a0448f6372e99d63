import Platform

/// Headers, values and bulk actions of the orders list (en, zh-CN): exports speak the reader's language.
enum SalesListMessages {
    static let all: [String: MessageCatalog.Entry] = [
        "sales.list.number": .init(en: "Number", zhCN: "订单号"),
        "sales.list.order_date": .init(en: "Order date", zhCN: "下单日期"),
        "sales.list.customer": .init(en: "Customer", zhCN: "客户"),
        "sales.list.salesperson": .init(en: "Salesperson", zhCN: "销售员"),
        "sales.list.state": .init(en: "Status", zhCN: "状态"),
        "sales.list.total": .init(en: "Total", zhCN: "合计"),
        "sales.list.untaxed": .init(en: "Untaxed", zhCN: "未税金额"),
        "sales.list.freight": .init(en: "Freight", zhCN: "运费"),
        "sales.list.required_date": .init(en: "Required date", zhCN: "要求交货日期"),
        "sales.list.shipped_date": .init(en: "Shipped date", zhCN: "发货日期"),
        "sales.list.currency": .init(en: "Currency", zhCN: "币种"),
        "sales.list.state.draft": .init(en: "Draft", zhCN: "草稿"),
        "sales.list.state.pending": .init(en: "Awaiting approval", zhCN: "审批中"),
        "sales.list.state.confirmed": .init(en: "Confirmed", zhCN: "已确认"),
        "sales.list.state.delivered": .init(en: "Delivered", zhCN: "已交付"),
        "sales.list.state.cancelled": .init(en: "Cancelled", zhCN: "已取消"),
        "sales.bulk.assign_salesperson": .init(en: "Assign salesperson", zhCN: "指派销售员"),
    ]
}
