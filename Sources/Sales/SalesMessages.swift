import Platform

/// Messages of the sales module (en, zh-CN).
enum SalesMessages {
    static let all: [String: MessageCatalog.Entry] = [
        "entity.sales_order": .init(en: "Sales order", zhCN: "销售订单"),
        "sales.order.invalid_transition": .init(en: "An order that is {state} cannot be {action}ed.",
                                                zhCN: "该订单当前为“{state}”状态，不能执行“{action}”。"),
        "sales.order.unknown_customer": .init(en: "Choose an existing customer.", zhCN: "请选择已有客户。"),
        "sales.order.unknown_carrier": .init(en: "Choose an existing carrier.", zhCN: "请选择已有承运商。"),
        "sales.order.unknown_salesperson": .init(en: "Choose an existing salesperson.", zhCN: "请选择已有销售员。"),
        "sales.order.unknown_product": .init(en: "Choose an existing product.", zhCN: "请选择已有产品。"),
        "sales.order.product_archived": .init(en: "This product is discontinued.", zhCN: "该产品已停售。"),
        "sales.order.no_lines": .init(en: "Add at least one product line.", zhCN: "请至少添加一行产品。"),
        "sales.order.quantity_not_positive": .init(en: "Quantity must be greater than 0.", zhCN: "数量必须大于 0。"),
        "sales.order.discount_out_of_range": .init(en: "Discount must be between 0 and 100 %.", zhCN: "折扣必须在 0 到 100% 之间。"),
        "sales.order.price_negative": .init(en: "Unit price cannot be negative.", zhCN: "单价不能为负数。"),
        "sales.order.freight_negative": .init(en: "Freight cannot be negative.", zhCN: "运费不能为负数。"),
        "sales.order.currency_mismatch": .init(en: "Price is in {currency}, not the company currency.", zhCN: "价格币种为 {currency}，与公司本位币不同。"),
        "sales.order.too_many_lines": .init(en: "An order can have at most {max} lines.", zhCN: "一张订单最多 {max} 行。"),
        "sales.order.required_before_order": .init(en: "The required date cannot be before the order date.", zhCN: "要求交货日期不能早于下单日期。"),
        "sales.order.invalid_transition.state.draft": .init(en: "draft", zhCN: "草稿"),
        "sales.order.invalid_transition.state.confirmed": .init(en: "confirmed", zhCN: "已确认"),
        "sales.order.invalid_transition.state.delivered": .init(en: "delivered", zhCN: "已交付"),
        "sales.order.invalid_transition.state.cancelled": .init(en: "cancelled", zhCN: "已取消"),
        "sales.order.invalid_transition.action.confirm": .init(en: "confirm", zhCN: "确认"),
        "sales.order.invalid_transition.action.deliver": .init(en: "deliver", zhCN: "交付"),
        "sales.order.invalid_transition.action.cancel": .init(en: "cancel", zhCN: "取消"),
        "sales.order.not_editable": .init(en: "Only draft orders can be changed; this order is {state}.",
                                          zhCN: "只能修改草稿订单，该订单当前为“{state}”状态。"),
        "sales.order.not_editable.state.confirmed": .init(en: "confirmed", zhCN: "已确认"),
        "sales.order.not_editable.state.delivered": .init(en: "delivered", zhCN: "已交付"),
        "sales.order.not_editable.state.cancelled": .init(en: "cancelled", zhCN: "已取消"),
        "sales.order.export_too_large": .init(en: "More than {max} orders: narrow the filters to export.", zhCN: "订单超过 {max} 条，请缩小筛选范围后再导出。"),
        "sales.order.invalid_state_filter": .init(en: "Unknown order state.", zhCN: "未知的订单状态。"),
        "sales.report.invalid_year": .init(en: "Enter a year such as 1997.", zhCN: "请输入年份，例如 1997。"),
    ]
}
