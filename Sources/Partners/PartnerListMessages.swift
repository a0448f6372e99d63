import Platform

/// Headers and bulk actions of the partner lists (en, zh-CN).
enum PartnerListMessages {
    static let all: [String: MessageCatalog.Entry] = [
        "partners.list.name": .init(en: "Name", zhCN: "名称"),
        "partners.list.code": .init(en: "Code", zhCN: "编码"),
        "partners.list.contact": .init(en: "Contact", zhCN: "联系人"),
        "partners.list.city": .init(en: "City", zhCN: "城市"),
        "partners.list.country": .init(en: "Country", zhCN: "国家/地区"),
        "partners.list.phone": .init(en: "Phone", zhCN: "电话"),
        "partners.bulk.archive": .init(en: "Archive", zhCN: "归档"),
        "partners.bulk.unarchive": .init(en: "Restore", zhCN: "恢复"),
    ]
}
