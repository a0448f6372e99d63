import Foundation
import Vapor

/// Where an Afield instance reads the time for checks that depend on it (two-factor codes,
/// challenge expiry). The system clock in production; tests install a clock they move
/// themselves, so such a check gives the same answer however loaded the machine is.
public struct AfieldClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    /// The machine's clock.
    public static let system = AfieldClock { Date() }

    /// The current instant.
    public func now() -> Date { read() }
}

extension Request {
    /// The current instant by the application's ``AfieldClock``.
    public var now: Date { application.afield.clock.now() }
}
