extension NotificationsModule {
    /// A user's notifications in the audit log: only their reading is recorded.
    public var auditEntities: [AuditEntityKind] {
        [AuditEntityKind(NotificationController.entity, label: .init(en: "Notification", zhCN: "通知"), actions: [
            "read": .init(en: "Read a notification", zhCN: "阅读了一条通知"),
            "read_all": .init(en: "Marked all notifications read", zhCN: "将全部通知标为已读"),
         ])]
    }
}
