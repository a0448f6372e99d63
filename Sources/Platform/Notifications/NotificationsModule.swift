import Fluent
import Vapor

/// The notification centre (`/api/v1/notifications`): each user's in-app notifications, and the
/// ``NotificationCentre`` through which modules send them to every channel.
public struct NotificationsModule: AfieldModule {
    public static let id = "notifications"
    public static let dependsOn: [any AfieldModule.Type] = [IdentityModule.self, JobsModule.self]

    public init() {}

    public var permissions: [Permission] { [] }
    public var personalPermissions: [Permission] { [Self.own] }

    /// Personal: read one's own notifications and mark them read. Every session holds it; an API
    /// token only when created with it.
    public static let own = Permission("notifications.own.read")
    public var migrations: [any AsyncMigration] { [CreateNotifications()] }
    public var messages: [String: MessageCatalog.Entry] {
        [
            "entity.notification": .init(en: "Notification", zhCN: "通知"),
            "notifications.announcement": .init(en: "Announcement: {title}", zhCN: "公告：{title}"),
            "notifications.announcement.body": .init(en: "{text}", zhCN: "{text}"),
        ]
    }

    public func routes(_ api: any RoutesBuilder) throws {
        NotificationController().register(api)
    }
}
