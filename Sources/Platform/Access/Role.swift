/// A built-in role: a named set of permissions. Custom roles and the permission matrix come
/// with the access issue; until then users carry one of these.
public struct BuiltInRole: Sendable {
    public let key: String
    /// Permission key prefixes granted (`sales.` grants every sales permission); `*` grants all.
    public let grants: [String]
    /// Data scope per resource (`sales.order`, `partners.customer`); a resource not listed is
    /// seen in full when the role is `administrator`, else own records only.
    public let scopes: [String: ScopeLevel]

    public init(key: String, grants: [String], scopes: [String: ScopeLevel] = [:]) {
        self.key = key
        self.grants = grants
        self.scopes = scopes
    }

    public static let administrator = BuiltInRole(key: "administrator", grants: ["*"],
                                                  scopes: ["sales.order": .all, "partners.customer": .all])
    /// Field and office sales staff: their own customers and orders and reports over them —
    /// Odoo's "Sales / User: Own Documents Only", the usual default for salespeople.
    public static let sales = BuiltInRole(key: "sales", grants: [
        "partners.customer.read", "partners.customer.write", "partners.supplier.read", "partners.carrier.read",
        "products.", "sales.order.", "sales.report.", "sales.salesperson.", "org.directory.read",
    ], scopes: ["sales.order": .own, "partners.customer": .own])
    /// A department manager: the business of their department and every department below it.
    public static let manager = BuiltInRole(key: "manager", grants: [
        "partners.", "products.", "sales.", "org.directory.read",
    ], scopes: ["sales.order": .departmentTree, "partners.customer": .departmentTree])
    /// Everyone else: the catalogue only (self-service modules add to it).
    public static let employee = BuiltInRole(key: "employee", grants: ["products.product.read", "org.directory.read"])

    public static let all: [BuiltInRole] = [.administrator, .manager, .sales, .employee]

    public static func named(_ key: String) -> BuiltInRole? { all.first { $0.key == key } }

    /// The concrete permissions of this role among `declared`.
    public func permissions(among declared: [Permission]) -> Set<String> {
        Set(declared.map(\.key).filter { key in grants.contains { $0 == "*" || key == $0 || ($0.hasSuffix(".") && key.hasPrefix($0)) } })
    }
}
