/// Something a user may be allowed to do, named `<module>.<resource>.<action>`
/// (`sales.order.confirm`). Every route declares one (see ``SecuredRoutes``).
public struct Permission: Hashable, Sendable, Codable, CustomStringConvertible {
    public let key: String

    public init(_ key: String) { self.key = key }

    public var description: String { key }

    /// Marks a route that anyone may call without signing in (sign-in, registration, the
    /// OpenAPI document). Declaring it is explicit so a route can't be public by omission.
    public static let anonymous = Permission("public")
    /// Any signed-in user, whatever their role (their own profile, sign-out).
    public static let authenticated = Permission("authenticated")
}
