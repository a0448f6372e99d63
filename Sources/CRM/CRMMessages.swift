import Platform

/// Messages of the CRM module (en, zh-CN).
enum CRMMessages {
    static let all: [String: MessageCatalog.Entry] = [
        "crm.route.too_many": .init(en: "Plan at most {max} stops at once.", zhCN: "一次最多规划 {max} 个拜访点。"),
    ]
}
