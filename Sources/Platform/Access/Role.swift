/// A built-in role: Afield's default permissions and data scopes for a common job. Every
/// company gets a ``TenantRole`` row for each; administrators may edit all but
/// `administrator`, or add custom roles (``RoleController``).
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
                                                  scopes: ["sales.order": .all, "partners.customer": .all, "partners.pool": .all, "crm.activity": .all, "crm.lead": .all, "crm.opportunity": .all, "crm.contract": .all, "attendance.record": .all, "leave.request": .all, "expenses.claim": .all, "projects.project": .all])
    /// Field and office sales staff: their own customers and orders and reports over them —
    /// Odoo's "Sales / User: Own Documents Only", the usual default for salespeople.
    public static let sales = BuiltInRole(key: "sales", grants: [
        "partners.customer.read", "partners.customer.write", "partners.supplier.read", "partners.carrier.read",
        "products.", "sales.order.", "sales.report.", "sales.salesperson.", "org.directory.read", "partners.pool.claim",
        "crm.visit.write", "crm.lead.read", "crm.lead.write", "crm.opportunity.read", "crm.opportunity.write", "crm.contract.read", "crm.contract.write",
        "crm.contract.receive",
    ], scopes: ["sales.order": .own, "partners.customer": .own, "partners.pool": .all, "crm.activity": .own, "crm.lead": .own, "crm.opportunity": .own,
                "crm.contract": .own])
    /// A department manager: the business of their department and every department below it.
    public static let manager = BuiltInRole(key: "manager", grants: [
        "partners.", "products.", "sales.", "crm.", "org.directory.read", "attendance.config.read", "attendance.record.", "leave.request.read",
        "expenses.claim.read", "expenses.budget.read", "projects.",
    ], scopes: ["sales.order": .departmentTree, "partners.customer": .departmentTree, "partners.pool": .all, "crm.activity": .departmentTree,
                "crm.lead": .departmentTree, "crm.opportunity": .departmentTree, "crm.contract": .departmentTree, "attendance.record": .departmentTree,
                "leave.request": .departmentTree, "expenses.claim": .departmentTree,
                "projects.project": .departmentTree])
    /// Buyers: suppliers, the catalogue and purchasing (Odoo "Purchase / User").
    public static let purchasing = BuiltInRole(key: "purchasing", grants: [
        "partners.supplier.", "partners.carrier.read", "products.", "purchasing.", "org.directory.read",
    ])
    /// Storekeepers: the catalogue and inventory (Odoo "Inventory / User").
    public static let warehouse = BuiltInRole(key: "warehouse", grants: [
        "products.", "inventory.", "partners.carrier.read", "org.directory.read",
    ])
    /// Accountants: every order and customer for invoicing and collection, reports, finance
    /// (Odoo "Invoicing / Billing").
    public static let finance = BuiltInRole(key: "finance", grants: [
        "sales.order.read", "sales.order.export", "sales.report.", "sales.salesperson.", "partners.customer.read", "partners.supplier.read",
        "products.product.read", "finance.", "org.directory.read", "expenses.", "crm.contract.read", "crm.contract.receive",
        "projects.project.read", "projects.cost.read",
    ], scopes: ["sales.order": .all, "partners.customer": .all, "expenses.claim": .all, "crm.contract": .all, "projects.project": .all])
    /// HR staff: the organisation, employees and their sensitive fields.
    public static let hr = BuiltInRole(key: "hr", grants: ["org.", "hr.", "attendance.", "leave."],
                                               scopes: ["attendance.record": .all, "leave.request": .all])
    /// Everyone else: the catalogue only (self-service modules add to it).
    public static let employee = BuiltInRole(key: "employee", grants: ["products.product.read", "org.directory.read"])

    public static let all: [BuiltInRole] = [.administrator, .manager, .sales, .purchasing, .warehouse, .finance, .hr, .employee]

    public static func named(_ key: String) -> BuiltInRole? { all.first { $0.key == key } }

    /// The concrete permissions of this role among `declared`.
    public func permissions(among declared: [Permission]) -> Set<String> {
        Set(declared.map(\.key).filter { key in grants.contains { $0 == "*" || key == $0 || ($0.hasSuffix(".") && key.hasPrefix($0)) } })
    }
}
