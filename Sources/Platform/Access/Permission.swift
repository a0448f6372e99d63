/// Something a user may be allowed to do, named `<module>.<resource>.<action>`
/// (`sales.order.confirm`). Every route declares one (see ``SecuredRoutes``).
public struct Permission: Hashable, Sendable, Codable, CustomStringConvertible {
    public let key: String

    public init(_ key: String) { self.key = key }

    public var description: String { key }

    /// Marks a route that anyone may call without signing in (sign-in, registration, the
    /// OpenAPI document). Declaring it is explicit so a route can't be public by omission.
    public static let anonymous = Permission("public")
    /// Any signed-in user, whatever their role (a colleague's avatar, the change feed) — once
    /// nothing blocks them: not while a password change or two-factor enrolment is pending.
    public static let authenticated = Permission("authenticated")
    /// One's own account (profile, password, two-factor, sessions, sign-out): open to every
    /// signed-in user even while a password change or two-factor enrolment is pending, since
    /// that is where they resolve it.
    public static let ownAccount = Permission("own-account")
}
