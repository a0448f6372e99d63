import Fluent
import Foundation

/// A company or person the tenant trades with, in one or more roles (customer, supplier,
/// carrier) — one record per counterpart, as in Odoo's `res.partner`.
public final class Partner: Model, @unchecked Sendable {
    public static let schema = "partners"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    /// Unique per tenant: the external id (`ALFKI`, `NW-SUP-1`) or a generated code.
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @Field(key: "is_customer") public var isCustomer: Bool
    @Field(key: "is_supplier") public var isSupplier: Bool
    @Field(key: "is_carrier") public var isCarrier: Bool
    @OptionalField(key: "address") public var address: String?
    @OptionalField(key: "city") public var city: String?
    @OptionalField(key: "region") public var region: String?
    /// Text, not a number: codes keep leading zeros (`05021`).
    @OptionalField(key: "postal_code") public var postalCode: String?
    @OptionalField(key: "country") public var country: String?
    @OptionalField(key: "phone") public var phone: String?
    @OptionalField(key: "email") public var email: String?
    @OptionalField(key: "fax") public var fax: String?
    @OptionalField(key: "homepage") public var homepage: String?
    /// Lower-cased name, city and country, for case-insensitive search on both databases.
    @Field(key: "search_text") public var searchText: String
    @Field(key: "archived") public var archived: Bool
    /// The employee who looks after this partner (account manager); data scopes follow it.
    @OptionalField(key: "owner_id") public var ownerID: UUID?
    /// The owner's department when ownership was set; department scopes follow it.
    @OptionalField(key: "department_id") public var departmentID: UUID?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @Field(key: "version") public var version: Int

    @Children(for: \.$partner) public var contacts: [PartnerContact]

    public init() {}

    public init(tenantID: UUID, code: String, name: String) {
        self.tenantID = tenantID
        self.code = code
        self.name = name
        self.isCustomer = false
        self.isSupplier = false
        self.isCarrier = false
        self.archived = false
        self.searchText = ""
        self.version = 1
    }

    /// Refreshes ``searchText`` from name, city and country; call before saving.
    func refreshSearchText() {
        searchText = [name, city, country].compactMap { $0 }.joined(separator: " ").lowercased()
    }

    var roles: [String] {
        (isCustomer ? ["customer"] : []) + (isSupplier ? ["supplier"] : []) + (isCarrier ? ["carrier"] : [])
    }
}

/// A contact person at a partner.
public final class PartnerContact: Model, @unchecked Sendable {
    public static let schema = "partner_contacts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    @Parent(key: "partner_id") public var partner: Partner
    @Field(key: "name") public var name: String
    @OptionalField(key: "title") public var title: String?
    @OptionalField(key: "phone") public var phone: String?
    @OptionalField(key: "email") public var email: String?
    @Field(key: "position") public var position: Int
    @Field(key: "version") public var version: Int

    public init() {}
}
