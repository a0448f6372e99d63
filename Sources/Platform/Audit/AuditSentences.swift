/// Sentences for actions that records of any kind go through; a kind's own
/// ``AuditEntityKind/actions`` come first. Placeholders: `{entity}` and `{name}`.
public enum AuditSentences {
    public static let common: [String: MessageCatalog.Entry] = [
        "create": .init(en: "Created {entity}{name}", zhCN: "新建了{entity}{name}"),
        "update": .init(en: "Changed {entity}{name}", zhCN: "修改了{entity}{name}"),
        "delete": .init(en: "Deleted {entity}{name}", zhCN: "删除了{entity}{name}"),
        "archive": .init(en: "Archived {entity}{name}", zhCN: "归档了{entity}{name}"),
        "restore": .init(en: "Restored {entity}{name}", zhCN: "恢复了{entity}{name}"),
        "deactivate": .init(en: "Deactivated {entity}{name}", zhCN: "停用了{entity}{name}"),
        "import": .init(en: "Imported {entity}{name}", zhCN: "导入了{entity}{name}"),
    ]

    /// For an action nobody declared: the code is shown as it is, so a gap is visible.
    static let unknown = MessageCatalog.Entry(en: "{entity}{name}: {action}", zhCN: "{entity}{name}：{action}")
}
