import Foundation

/// A partner (customer, supplier or carrier) in a list.
public struct PartnerSummary: Codable, Sendable {
    public var id: UUID
    /// External or human code, e.g. the Northwind customer id `ALFKI`.
    public var code: String
    public var name: String
    public var city: String?
    public var country: String?
    public var phone: String?
    public var contactName: String?
    public var archived: Bool
    /// Customers: `A`, `B`, `C` or nil.
    public var level: String?
    /// Customers: the account manager (employee) and their name (nil when unowned or in the public pool).
    public var ownerId: UUID?
    public var ownerName: String?
    /// Customers: the last follow-up or visit (UTC), nil when none.
    public var lastActivityAt: Date?

    public init(id: UUID, code: String, name: String, city: String?, country: String?, phone: String?, contactName: String?, archived: Bool,
                level: String? = nil, ownerId: UUID? = nil, ownerName: String? = nil, lastActivityAt: Date? = nil) {
        self.ownerId = ownerId
        self.level = level
        self.ownerName = ownerName
        self.lastActivityAt = lastActivityAt
        self.id = id
        self.code = code
        self.name = name
        self.city = city
        self.country = country
        self.phone = phone
        self.contactName = contactName
        self.archived = archived
    }
}

/// A partner with its address and contacts. `roles` holds `customer`, `supplier`, `carrier`.
public struct PartnerDetail: Codable, Sendable {
    public var id: UUID
    public var code: String
    public var name: String
    public var city: String?
    public var country: String?
    public var phone: String?
    public var contactName: String?
    public var archived: Bool
    public var address: String?
    public var region: String?
    /// Kept as text: postal codes have leading zeros (`05021`).
    public var postalCode: String?
    public var email: String?
    public var fax: String?
    public var homepage: String?
    public var roles: [String]
    public var contacts: [ContactDTO]
    /// Customer profile (customers; nil for suppliers and carriers).
    public var profile: CustomerProfile?
    /// Send it back with an update; a stale one gets 409 with the current record.
    public var version: Int

    public init(summary: PartnerSummary, address: String?, region: String?, postalCode: String?, email: String?, fax: String?, homepage: String?,
                roles: [String], contacts: [ContactDTO], version: Int) {
        self.id = summary.id
        self.code = summary.code
        self.name = summary.name
        self.city = summary.city
        self.country = summary.country
        self.phone = summary.phone
        self.contactName = summary.contactName
        self.archived = summary.archived
        self.address = address
        self.region = region
        self.postalCode = postalCode
        self.email = email
        self.fax = fax
        self.homepage = homepage
        self.roles = roles
        self.contacts = contacts
        self.version = version
    }
}

/// A contact person of a partner.
public struct ContactDTO: Codable, Sendable {
    public var id: UUID
    public var name: String
    public var title: String?
    public var phone: String?
    public var email: String?
    /// `decision_maker`, `influencer`, `user`, `finance`, `purchasing`, `technical`, `other`, or nil.
    public var role: String?
    /// `YYYY-MM-DD`.
    public var birthday: String?
    /// Send it back to change or remove the contact.
    public var version: Int
    public init(id: UUID, name: String, title: String?, phone: String?, email: String?, role: String? = nil, birthday: String? = nil, version: Int = 1) {
        self.version = version
        self.role = role
        self.birthday = birthday
        self.id = id
        self.name = name
        self.title = title
        self.phone = phone
        self.email = email
    }
}
