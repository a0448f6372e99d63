/// A built-in role: a named set of permissions. Custom roles and the permission matrix come
/// with the access issue; until then users carry one of these.
public struct BuiltInRole: Sendable, Hashable {
    public let key: String
    /// Permission key prefixes granted (`sales.` grants every sales permission); `*` grants all.
    public let grants: [String]

    public init(key: String, grants: [String]) {
        self.key = key
        self.grants = grants
    }

    public static let administrator = BuiltInRole(key: "administrator", grants: ["*"])
    /// Field and office sales staff: customers, products, orders and the sales reports.
    public static let sales = BuiltInRole(key: "sales", grants: [
        "partners.customer.read", "partners.customer.write", "partners.supplier.read", "partners.carrier.read",
        "products.", "sales.order.", "sales.report.", "sales.salesperson.",
    ])

    public static let all: [BuiltInRole] = [.administrator, .sales]

    public static func named(_ key: String) -> BuiltInRole? { all.first { $0.key == key } }

    /// The concrete permissions of this role among `declared`.
    public func permissions(among declared: [Permission]) -> Set<String> {
        Set(declared.map(\.key).filter { key in grants.contains { $0 == "*" || key == $0 || ($0.hasSuffix(".") && key.hasPrefix($0)) } })
    }
}
