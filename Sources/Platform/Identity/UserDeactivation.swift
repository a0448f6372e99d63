import Fluent
import Foundation
import Synchronization
import Vapor

/// A module that holds work for people (approval tasks, …) and hands it on when one of them is
/// deactivated. Identity calls every registered handler in the deactivation's transaction, so
/// the person's leaving and the handing on commit together; Identity knows no module.
public protocol UserDeactivationHandler: Sendable {
    /// `userID` was just deactivated (the row is saved, inactive). `context` is the
    /// administrator who deactivated them.
    func userDeactivated(_ userID: UUID, tenantID: UUID, context: AuditContext, on db: any Database) async throws
}

/// The handlers modules registered at boot, called in registration order.
public final class UserDeactivationHandlers: Sendable {
    private let handlers = Mutex<[any UserDeactivationHandler]>([])
    public init() {}
    public func register(_ handler: any UserDeactivationHandler) { handlers.withLock { $0.append(handler) } }
    public var all: [any UserDeactivationHandler] { handlers.withLock { $0 } }

    /// Tells every handler that `userID` left; runs in the caller's transaction.
    public func deactivated(_ userID: UUID, tenantID: UUID, context: AuditContext, on db: any Database) async throws {
        for handler in all { try await handler.userDeactivated(userID, tenantID: tenantID, context: context, on: db) }
    }
}

extension Application {
    private struct DeactivationKey: StorageKey { typealias Value = UserDeactivationHandlers }

    /// Where modules register what happens to a person's open work when they are deactivated.
    public var userDeactivation: UserDeactivationHandlers {
        if let existing = storage[DeactivationKey.self] { return existing }
        let made = UserDeactivationHandlers()
        storage[DeactivationKey.self] = made
        return made
    }
}
