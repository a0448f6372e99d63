import Platform

/// The role a partner list or detail is about; each has its own read permission.
public enum PartnerRole: String, Sendable, CaseIterable {
    case customer, supplier, carrier

    var readPermission: Permission { Permission("partners.\(rawValue).read") }
    var writePermission: Permission { Permission("partners.\(rawValue).write") }
    var entity: String { rawValue }
}
