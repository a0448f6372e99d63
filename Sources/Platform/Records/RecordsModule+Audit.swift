extension RecordsModule {
    /// Comments, following and attachments in the audit log; each entry's `record` change names
    /// the record (`sales.order:<id>`).
    public var auditEntities: [AuditEntityKind] {
        [AuditEntityKind(Chatter.commentEntity, label: .init(en: "Comment", zhCN: "评论"), actions: [
            "create": .init(en: "Commented", zhCN: "发表了评论"),
            "update": .init(en: "Changed a comment", zhCN: "修改了评论"),
            "delete": .init(en: "Deleted a comment", zhCN: "删除了评论"),
         ]),
         AuditEntityKind(Chatter.followerEntity, label: .init(en: "Follower", zhCN: "关注者"), actions: [
            "follow": .init(en: "Followed a record", zhCN: "关注了记录"),
            "unfollow": .init(en: "Stopped following a record", zhCN: "取消关注记录"),
         ]),
         AuditEntityKind(Chatter.attachmentEntity, label: .init(en: "Attachment", zhCN: "附件"), actions: [
            "attach": .init(en: "Attached {entity}{name}", zhCN: "添加了{entity}{name}"),
            "detach": .init(en: "Removed {entity}{name}", zhCN: "移除了{entity}{name}"),
         ], names: .column("name", in: StoredFile.schema))]
    }
}
