import Foundation

/// One notification of the caller, as `GET /api/v1/notifications` lists it.
///
/// `title` (and `body`, when the message has one) are rendered in the caller's language at read
/// time from `code` and `params`. `link` is a web app route such as `/approvals/<id>`.
public struct NotificationDTO: Codable, Sendable, Equatable {
    public var id: UUID
    /// What happened, e.g. `approval.task`.
    public var kind: String
    public var code: String
    public var params: [String: String]
    public var title: String
    public var body: String?
    public var link: String?
    public var entity: String?
    public var entityId: UUID?
    /// ISO 8601 UTC.
    public var createdAt: Date
    /// When the caller read it (ISO 8601 UTC); nil while unread.
    public var readAt: Date?

    public init(id: UUID, kind: String, code: String, params: [String: String], title: String, body: String?, link: String?,
                entity: String?, entityId: UUID?, createdAt: Date, readAt: Date?) {
        self.id = id
        self.kind = kind
        self.code = code
        self.params = params
        self.title = title
        self.body = body
        self.link = link
        self.entity = entity
        self.entityId = entityId
        self.createdAt = createdAt
        self.readAt = readAt
    }
}

/// `{"unread": 3}`: the caller's unread notifications (`GET /api/v1/notifications/unread-count`,
/// and the answer of `POST /api/v1/notifications/read-all`).
public struct UnreadCount: Codable, Sendable, Equatable {
    public var unread: Int
    public init(unread: Int) { self.unread = unread }
}
