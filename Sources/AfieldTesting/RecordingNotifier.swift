import Fluent
import Foundation
import Platform
import Synchronization

/// A ``Notifier`` for tests: records what it was asked to deliver instead of sending it.
public final class RecordingNotifier: Notifier, Sendable {
    /// One delivery: the message, its recipients (in the order given) and their company.
    public struct Delivery: Sendable, Equatable {
        public let message: NotificationMessage
        public let users: [UUID]
        public let tenantID: UUID
    }

    public let channel: String
    private let recorded = Mutex<[Delivery]>([])

    /// - Parameter channel: e.g. `push` or `email` (which follow users' preferences) or `webhook`.
    public init(channel: String) { self.channel = channel }

    /// Every delivery so far, oldest first.
    public var deliveries: [Delivery] { recorded.withLock { $0 } }

    public func deliver(_ message: NotificationMessage, to users: [UUID], tenantID: UUID, on db: any Database) async throws {
        recorded.withLock { $0.append(Delivery(message: message, users: users, tenantID: tenantID)) }
    }
}
