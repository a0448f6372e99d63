import Foundation

/// Which notifications a user wants by which channel (个人设置 › 通知), and quiet hours.
///
/// In-app notifications are always kept (the notification centre); `email` and `push` are
/// per event kind. Kinds: `approval.requested` (something waits for my approval),
/// `approval.decided` (my request was approved or rejected), `approval.cc` (I was copied),
/// `mention` (someone mentioned me), `announcement` (company announcements), `task.assigned`,
/// `record.comment` (a record I follow has a new comment).
/// Quiet hours (`HH:mm`, in the user's time zone; may span midnight) hold back push messages,
/// as DingTalk's 免打扰 does.
public struct NotificationPreferences: Codable, Sendable, Equatable {
    public struct Channels: Codable, Sendable, Equatable {
        public var email: Bool
        public var push: Bool
        public init(email: Bool, push: Bool) {
            self.email = email
            self.push = push
        }
    }

    /// The event kinds, in display order.
    public static let kinds = ["approval.requested", "approval.decided", "approval.cc", "mention", "announcement", "task.assigned", "task.due", "record.comment"]

    /// Channels by event kind; a kind left out of an update keeps its default (``defaults``).
    public var events: [String: Channels]
    public var quietHoursStart: String?
    public var quietHoursEnd: String?

    public init(events: [String: Channels], quietHoursStart: String? = nil, quietHoursEnd: String? = nil) {
        self.events = events
        self.quietHoursStart = quietHoursStart
        self.quietHoursEnd = quietHoursEnd
    }

    /// Push for everything, e-mail for approvals waiting on me.
    public static let defaults = NotificationPreferences(events: Dictionary(uniqueKeysWithValues: kinds.map {
        ($0, Channels(email: $0 == "approval.requested", push: true))
    }))
}
