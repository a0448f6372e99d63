import Foundation
import Platform

extension Partner {
    /// Every column of `partners`, in the order of ``insertValues(at:)``.
    static let insertColumns = [
        "id", "tenant_id", "code", "name", "is_customer", "is_supplier", "is_carrier", "address", "city", "region", "postal_code",
        "country", "phone", "email", "fax", "homepage", "search_text", "archived", "owner_id", "department_id", "created_at",
        "created_by", "updated_at", "version", "kind", "name_key", "phone_key", "owner_since", "level", "industry", "source", "tags", "tax_id",
        "credit_limit", "payment_terms_days", "province_code", "city_code", "district_code", "latitude", "longitude", "last_activity_at",
        "pool_since", "pool_reason", "previous_owner_id",
    ]

    /// This new partner as a row for ``InsertRows``, created and updated at `now`.
    func insertValues(at now: Date) -> [any Encodable & Sendable] {
        [id, tenantID, code, name, isCustomer, isSupplier, isCarrier, address, city, region, postalCode,
         country, phone, email, fax, homepage, searchText, archived, ownerID, departmentID, now,
         createdBy, now, version, kind, nameKey, phoneKey, ownerID == nil ? nil : now, level, industry, source, tags, taxID,
         creditLimit, paymentTermsDays, provinceCode, cityCode, districtCode, latitude, longitude, lastActivityAt,
         poolSince, poolReason, previousOwnerID]
    }
}

extension PartnerContact {
    /// Every column of `partner_contacts`, in the order of ``insertValues``.
    static let insertColumns = ["id", "tenant_id", "partner_id", "name", "title", "phone", "email", "position", "version", "role", "birthday"]

    /// This new contact as a row for ``InsertRows`` (its id made here).
    var insertValues: [any Encodable & Sendable] {
        [id ?? UUID(), tenantID, $partner.id, name, title, phone, email, position, version, role, birthday]
    }
}
