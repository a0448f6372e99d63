import Fluent
import Foundation

/// What to tell users: a kind, a message code with params (rendered per reader's language) and
/// where it leads. Sent through ``NotificationCentre/send(_:to:tenantID:on:)``.
public struct NotificationMessage: Sendable, Codable, Equatable {
    /// What happened, e.g. `approval.task`; the user's channel preferences are per kind
    /// (``NotificationPreferences/kinds``).
    public var kind: String
    /// Message code of the title in the ``MessageCatalog``; `<code>.body`, when defined, is the body.
    public var code: String
    /// Values for the message's `{name}` placeholders.
    public var params: [String: String]
    /// Web app route to open, e.g. `/approvals/<id>`.
    public var link: String?
    /// Audit entity and id of the record it is about, e.g. `approvals.request`.
    public var entity: String?
    public var entityID: UUID?

    public init(kind: String, code: String, params: [String: String] = [:], link: String? = nil, entity: String? = nil, entityID: UUID? = nil) {
        self.kind = kind
        self.code = code
        self.params = params
        self.link = link
        self.entity = entity
        self.entityID = entityID
    }
}

/// A channel that carries notifications to users: the built-in in-app centre, later push,
/// e-mail, webhooks. Register one with ``NotificationCentre/register(_:)``.
///
/// `deliver` is called inside the transaction of the action that caused the message, so a
/// channel that talks to the outside world should enqueue a job (``JobQueue``) on `db` and send
/// from its handler: then nothing is sent for an action that rolls back, and a send that fails
/// is retried.
public protocol Notifier: Sendable {
    /// The channel's name: `in-app`, `push`, `email`, `webhook`. `push` and `email` follow the
    /// users' notification preferences (``NotificationPreferences``).
    var channel: String { get }
    /// Delivers `message` to `users` (all of company `tenantID`, already filtered by their
    /// preferences for this channel; never empty).
    /// - Throws: any error, which rolls back the caller's transaction.
    func deliver(_ message: NotificationMessage, to users: [UUID], tenantID: UUID, on db: any Database) async throws
}

/// The built-in channel: one `notifications` row per recipient, read in the web app's bell.
struct InAppNotifier: Notifier {
    var channel: String { NotificationCentre.inAppChannel }

    func deliver(_ message: NotificationMessage, to users: [UUID], tenantID: UUID, on db: any Database) async throws {
        let params = String(decoding: try JSONEncoder.sortedKeys.encode(message.params), as: UTF8.self)
        let now = Date()
        let rows = users.map { user in
            let row = UserNotification()
            row.id = UUID()
            row.tenantID = tenantID
            row.userID = user
            row.kind = message.kind
            row.code = message.code
            row.params = params
            row.link = message.link
            row.entity = message.entity
            row.entityID = message.entityID
            row.createdAt = now
            return row
        }
        try await rows.create(on: db)
    }
}
