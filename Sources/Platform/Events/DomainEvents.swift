import Fluent
import Foundation
import Synchronization
import Vapor

/// Something that happened in a module that others may act on (DESIGN §1: cross-module work goes
/// through a service protocol or an event). `name` is `<module>.<what>` (`expenses.claim_paid`).
public protocol DomainEvent: Sendable {
    static var name: String { get }
}

/// The in-process event bus: a module publishes inside the transaction of the change, and every
/// subscriber runs in that same transaction, so that what it writes (a voucher for a paid
/// claim) commits or rolls back with the change — nothing is lost on a crash or done twice on a
/// retry. Subscribers run in the order they subscribed; an error of one fails the change.
public final class DomainEvents: Sendable {
    public typealias Handler = @Sendable (any DomainEvent, AuditContext, any Database) async throws -> Void
    private let handlers = Mutex<[String: [Handler]]>([:])

    public init() {}

    /// Calls `handler` for every `E` published from now on (subscribe at boot).
    public func subscribe<E: DomainEvent>(_ type: E.Type, _ handler: @escaping @Sendable (E, AuditContext, any Database) async throws -> Void) {
        handlers.withLock { $0[E.name, default: []].append { event, context, db in
            if let event = event as? E { try await handler(event, context, db) }
        } }
    }

    /// Runs the subscribers of `event` in the caller's transaction `db`.
    public func publish<E: DomainEvent>(_ event: E, context: AuditContext, on db: any Database) async throws {
        for handler in handlers.withLock({ $0[E.name] ?? [] }) { try await handler(event, context, db) }
    }

    /// How many subscribers `E` has.
    public func subscribers<E: DomainEvent>(of type: E.Type) -> Int { handlers.withLock { $0[E.name]?.count ?? 0 } }
}

extension Application {
    private struct EventsKey: StorageKey { typealias Value = DomainEvents }

    /// The event bus. Made at configuration (``AfieldSettings``) time; modules subscribe at boot.
    public var domainEvents: DomainEvents {
        if let existing = storage[EventsKey.self] { return existing }
        let made = DomainEvents()
        storage[EventsKey.self] = made
        return made
    }
}
