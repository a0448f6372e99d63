/// Something a user may be allowed to do, named `<module>.<resource>.<action>`
/// (`sales.order.confirm`). Every route declares one (see ``SecuredRoutes``).
public struct Permission: Hashable, Sendable, Codable, CustomStringConvertible {
    public let key: String

    public init(_ key: String) { self.key = key }

    public var description: String { key }

    /// Marks a route that anyone may call without signing in (sign-in, registration, the
    /// OpenAPI document). Declaring it is explicit so a route can't be public by omission.
    public static let anonymous = Permission("public")
    /// Any signed-in user or API token, whatever their role, for reads that expose nothing of the
    /// caller's own (a colleague's avatar, the company's settings, the menu, the change feed,
    /// which filters by the caller's permissions) — once nothing blocks them: not while a password
    /// change or two-factor enrolment is pending. Routes that act or read for the user (their
    /// approvals, files, notifications) declare a personal permission instead
    /// (``AfieldModule/personalPermissions``), which a token holds only when granted.
    public static let authenticated = Permission("authenticated")
    /// One's own account (profile, password, two-factor, sessions, sign-out): open to every
    /// signed-in user even while a password change or two-factor enrolment is pending, since
    /// that is where they resolve it. Never open to API tokens.
    public static let ownAccount = Permission("own-account")
}
