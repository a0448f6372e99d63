import Fluent
import Foundation
import Platform

/// Idempotent upsert of partners by code, for imports (`afield import …`).
public struct PartnerImport: Sendable {
    /// One partner as a source file describes it. `roles` are added to existing ones, never removed.
    public struct Record: Sendable, Equatable {
        public var code: String
        public var name: String
        public var roles: Set<PartnerRole>
        public var address: String?, city: String?, region: String?, postalCode: String?, country: String?
        public var phone: String?, fax: String?, homepage: String?
        /// The main contact person (name, title), if any.
        public var contact: (name: String, title: String?)?

        public init(code: String, name: String, roles: Set<PartnerRole>, address: String? = nil, city: String? = nil, region: String? = nil,
                    postalCode: String? = nil, country: String? = nil, phone: String? = nil, fax: String? = nil, homepage: String? = nil,
                    contact: (name: String, title: String?)? = nil) {
            self.code = code
            self.name = name
            self.roles = roles
            self.address = address
            self.city = city
            self.region = region
            self.postalCode = postalCode
            self.country = country
            self.phone = phone
            self.fax = fax
            self.homepage = homepage
            self.contact = contact
        }

        public static func == (a: Record, b: Record) -> Bool {
            a.code == b.code && a.name == b.name && a.roles == b.roles && a.address == b.address && a.city == b.city
                && a.region == b.region && a.postalCode == b.postalCode && a.country == b.country && a.phone == b.phone
                && a.fax == b.fax && a.homepage == b.homepage && a.contact?.name == b.contact?.name && a.contact?.title == b.contact?.title
        }
    }

    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Creates or updates the partner with `record.code`; returns what happened and its id.
    public func upsert(_ record: Record, tenantID: UUID) async throws -> (ImportOutcome, UUID) {
        let existing = try await Partner.query(on: db).filter(\.$tenantID == tenantID).filter(\.$code == record.code).with(\.$contacts).first()
        let partner = existing ?? Partner(tenantID: tenantID, code: record.code, name: record.name)
        var changed = existing == nil
        func set<T: Equatable>(_ keyPath: ReferenceWritableKeyPath<Partner, T>, _ value: T) {
            if partner[keyPath: keyPath] != value { partner[keyPath: keyPath] = value; changed = true }
        }
        set(\.name, record.name)
        set(\.address, record.address)
        set(\.city, record.city)
        set(\.region, record.region)
        set(\.postalCode, record.postalCode)
        set(\.country, record.country)
        set(\.phone, record.phone)
        set(\.fax, record.fax)
        set(\.homepage, record.homepage)
        if record.roles.contains(.customer) { set(\.isCustomer, true) }
        if record.roles.contains(.supplier) { set(\.isSupplier, true) }
        if record.roles.contains(.carrier) { set(\.isCarrier, true) }
        partner.refreshSearchText()
        if changed {
            if existing != nil { partner.version += 1 }
            try await partner.save(on: db)
        }
        let contactChanged = try await upsertContact(record.contact, of: partner)
        let outcome: ImportOutcome = existing == nil ? .created : (changed || contactChanged ? .updated : .unchanged)
        return (outcome, partner.id!)
    }

    private func upsertContact(_ contact: (name: String, title: String?)?, of partner: Partner) async throws -> Bool {
        guard let contact else { return false }
        let current = (partner.$contacts.value ?? []).first { $0.position == 0 }
        if let current, current.name == contact.name, current.title == contact.title { return false }
        let row = current ?? PartnerContact()
        if current == nil {
            row.tenantID = partner.tenantID
            row.$partner.id = partner.id!
            row.position = 0
            row.version = 1
        } else {
            row.version += 1
        }
        row.name = contact.name
        row.title = contact.title
        try await row.save(on: db)
        return true
    }
}
