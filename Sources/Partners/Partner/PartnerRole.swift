import Platform

/// The role a partner list or detail is about; each has its own read permission.
public enum PartnerRole: String, Sendable, CaseIterable {
    case customer, supplier, carrier

    var readPermission: Permission { Permission("partners.\(rawValue).read") }
    var writePermission: Permission { Permission("partners.\(rawValue).write") }
    var entity: String { rawValue }
    /// The data-scope resource of this role's records: customers are owned by account
    /// managers; suppliers and carriers are shared by the whole company.
    public var scopedResource: String? { self == .customer ? "partners.customer" : nil }
}

/// Partners' permissions other modules check before calling its services.
public enum PartnerPermissions {
    public static let customerRead = PartnerRole.customer.readPermission
    public static let customerWrite = PartnerRole.customer.writePermission
}
