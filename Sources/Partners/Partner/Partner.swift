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

    // Customer profile (partners.0002, ``CustomerProfile``).
    /// `company` or `individual`.
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "level") public var level: String?
    @OptionalField(key: "industry") public var industry: String?
    @OptionalField(key: "source") public var source: String?
    /// Tags joined by ``Partner/tagSeparator`` with one at each end (`|vip|北区|`), so that a
    /// tag filter is one `LIKE '%|vip|%'` on both databases.
    @OptionalField(key: "tags") public var tags: String?
    /// Unified social credit code, normalised (``CreditCode/normalise(_:)``); unique per company.
    @OptionalField(key: "tax_id") public var taxID: String?
    /// In minor units of the company currency.
    @OptionalField(key: "credit_limit") public var creditLimit: Int64?
    @OptionalField(key: "payment_terms_days") public var paymentTermsDays: Int?
    @OptionalField(key: "province_code") public var provinceCode: String?
    @OptionalField(key: "city_code") public var cityCode: String?
    @OptionalField(key: "district_code") public var districtCode: String?
    /// Exact decimal degrees (``GeoCoordinate``).
    @OptionalField(key: "latitude") public var latitude: String?
    @OptionalField(key: "longitude") public var longitude: String?
    /// ``DuplicateKeys/name(_:)`` of the name, for 查重.
    @Field(key: "name_key") public var nameKey: String
    /// ``DuplicateKeys/phone(_:)`` of the phone.
    @OptionalField(key: "phone_key") public var phoneKey: String?
    /// Since when ``ownerID`` has it; the public pool's idle clock starts here at the latest.
    @OptionalField(key: "owner_since") public var ownerSince: Date?
    /// The last follow-up or visit (CRM tells through ``CustomerActivity``).
    @OptionalField(key: "last_activity_at") public var lastActivityAt: Date?
    /// Set while the customer is in the public pool (公海); ``ownerID`` is then nil.
    @OptionalField(key: "pool_since") public var poolSince: Date?
    /// `released`, `idle` or `transferred`.
    @OptionalField(key: "pool_reason") public var poolReason: String?
    /// Who had it before it went to the pool, for the reclaim rule.
    @OptionalField(key: "previous_owner_id") public var previousOwnerID: UUID?

    @Children(for: \.$partner) public var contacts: [PartnerContact]

    static let tagSeparator = "|"

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
        self.kind = "company"
        self.nameKey = ""
    }

    /// Refreshes ``searchText`` from name, city and country, and the duplicate-check keys from
    /// name and phone; call before saving.
    func refreshSearchText() {
        searchText = [name, city, country].compactMap { $0 }.joined(separator: " ").lowercased()
        nameKey = DuplicateKeys.name(name)
        phoneKey = phone.flatMap(DuplicateKeys.phone)
    }

    /// The tags as a list, in the order stored.
    var tagList: [String] { (tags ?? "").split(separator: Character(Self.tagSeparator)).map(String.init) }

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
    /// `decision_maker`, `influencer`, `user`, `finance`, `purchasing`, `technical`, `other`.
    @OptionalField(key: "role") public var role: String?
    /// `YYYY-MM-DD`.
    @OptionalField(key: "birthday") public var birthday: String?
    @Field(key: "position") public var position: Int
    @Field(key: "version") public var version: Int

    public init() {}
}
