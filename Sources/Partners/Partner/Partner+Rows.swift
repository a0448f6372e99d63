import Foundation
import Platform

extension Partner {
    /// Every column of `partners`, in the order of ``insertValues(at:)``.
    static let insertColumns = [
        "id", "tenant_id", "code", "name", "is_customer", "is_supplier", "is_carrier", "address", "city", "region", "postal_code",
        "country", "phone", "email", "fax", "homepage", "search_text", "archived", "owner_id", "department_id", "created_at",
        "created_by", "updated_at", "version",
    ]

    /// This new partner as a row for ``InsertRows``, created and updated at `now`.
    func insertValues(at now: Date) -> [any Encodable & Sendable] {
        [id, tenantID, code, name, isCustomer, isSupplier, isCarrier, address, city, region, postalCode,
         country, phone, email, fax, homepage, searchText, archived, ownerID, departmentID, now,
         createdBy, now, version]
    }
}

extension PartnerContact {
    /// Every column of `partner_contacts`, in the order of ``insertValues``.
    static let insertColumns = ["id", "tenant_id", "partner_id", "name", "title", "phone", "email", "position", "version"]

    /// This new contact as a row for ``InsertRows`` (its id made here).
    var insertValues: [any Encodable & Sendable] {
        [id ?? UUID(), tenantID, $partner.id, name, title, phone, email, position, version]
    }
}
