import AfieldAPI
import Fluent
import Foundation
import Synchronization
import Vapor

/// The notification centre (DESIGN §1 Platform/Notifications): keeps every notification in-app
/// and hands it to the other registered channels (``Notifier``). Reach it as
/// `app.notificationCentre` or `req.notificationCentre`.
public struct NotificationCentre: Sendable {
    /// Name of the built-in channel.
    public static let inAppChannel = "in-app"

    let registry: NotifierRegistry

    /// Notifies `users` of company `tenantID`, inside the caller's transaction `db`: the in-app
    /// rows commit (and the other channels are handed the message) only if the action does.
    ///
    /// Recipients who are not active users of the company are left out; duplicates count once.
    /// Every remaining user gets the in-app notification; the `push` and `email` channels only
    /// reach users whose preferences (`users.notification_prefs`) allow that kind on that channel
    /// (kinds without a preference: push yes, e-mail no); other channels reach everyone.
    /// Quiet hours are left to the push channel itself (not applied here yet).
    /// - Throws: database errors and a notifier's error, either of which should roll back the caller.
    public func send(_ message: NotificationMessage, to users: [UUID], tenantID: UUID, on db: any Database) async throws {
        var seen: Set<UUID> = []
        let wanted = users.filter { seen.insert($0).inserted }
        guard !wanted.isEmpty else { return }
        let recipients = try await User.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ wanted).filter(\.$active == true).all()
        let order = Dictionary(uniqueKeysWithValues: wanted.enumerated().map { ($1, $0) })
        let sorted = recipients.sorted { order[$0.id!, default: 0] < order[$1.id!, default: 0] }
        guard !sorted.isEmpty else { return }
        try await InAppNotifier().deliver(message, to: sorted.compactMap(\.id), tenantID: tenantID, on: db)
        for notifier in registry.notifiers.withLock({ $0 }) {
            let reached = sorted.filter { Self.wants($0.notificationPreferences, kind: message.kind, channel: notifier.channel) }.compactMap(\.id)
            if !reached.isEmpty { try await notifier.deliver(message, to: reached, tenantID: tenantID, on: db) }
        }
    }

    /// Adds a channel (at boot). A notifier of a channel already registered replaces it; the
    /// in-app channel is built in and cannot be replaced.
    public func register(_ notifier: any Notifier) {
        guard notifier.channel != Self.inAppChannel else { return }
        registry.notifiers.withLock { list in
            list.removeAll { $0.channel == notifier.channel }
            list.append(notifier)
        }
    }

    /// The registered channels besides in-app, in registration order.
    public var channels: [String] { registry.notifiers.withLock { $0.map(\.channel) } }

    /// Whether preferences `prefs` let a `kind` notification through `channel`.
    public static func wants(_ prefs: NotificationPreferences, kind: String, channel: String) -> Bool {
        let choice = prefs.events[kind] ?? NotificationPreferences.defaults.events[kind]
        switch channel {
        case "email": return choice?.email ?? false
        case "push": return choice?.push ?? true
        default: return true
        }
    }

    /// `row` as the API shows it, its text in `language`.
    public static func render(_ row: UserNotification, in language: AppLanguage, catalog: MessageCatalog) -> NotificationDTO {
        let params = row.paramValues
        let bodyCode = row.code + ".body"
        return NotificationDTO(id: row.id!, kind: row.kind, code: row.code, params: params,
                               title: catalog.message(row.code, language, params: params),
                               body: catalog.contains(bodyCode) ? catalog.message(bodyCode, language, params: params) : nil,
                               link: row.link, entity: row.entity, entityId: row.entityID, createdAt: row.createdAt, readAt: row.readAt)
    }
}

/// The channels of one application besides in-app.
final class NotifierRegistry: Sendable {
    let notifiers = Mutex<[any Notifier]>([])
}

extension Application {
    private struct NotifierRegistryKey: StorageKey, LockKey { typealias Value = NotifierRegistry }

    /// The notification centre of this application.
    public var notificationCentre: NotificationCentre {
        let registry = locks.lock(for: NotifierRegistryKey.self).withLock {
            if let existing = storage[NotifierRegistryKey.self] { return existing }
            let made = NotifierRegistry()
            storage[NotifierRegistryKey.self] = made
            return made
        }
        return NotificationCentre(registry: registry)
    }
}

extension Request {
    /// The notification centre (``Application/notificationCentre``).
    public var notificationCentre: NotificationCentre { application.notificationCentre }
}
