import AfieldAPI
import Foundation
import Platform

extension Partner {
    var summary: PartnerSummary {
        PartnerSummary(id: id!, code: code, name: name, city: city, country: country, phone: phone,
                       contactName: $contacts.value?.sorted { $0.position < $1.position }.first?.name, archived: archived,
                       level: level, ownerId: isCustomer ? ownerID : nil, lastActivityAt: lastActivityAt)
    }

    /// The partner as answered; customers carry their ``CustomerProfile`` with the credit
    /// limit in `currency` and the owner's name when known.
    func detail(currency: Currency, ownerName: String? = nil) -> PartnerDetail {
        let contacts = ($contacts.value ?? []).sorted { $0.position < $1.position }
            .map { ContactDTO(id: $0.id!, name: $0.name, title: $0.title, phone: $0.phone, email: $0.email, role: $0.role, birthday: $0.birthday, version: $0.version) }
        var detail = PartnerDetail(summary: summary, address: address, region: region, postalCode: postalCode, email: email, fax: fax,
                                   homepage: homepage, roles: roles, contacts: contacts, version: version)
        if isCustomer {
            detail.profile = CustomerProfile(
                kind: kind, level: level, industry: industry, source: source, tags: tagList, taxId: taxID,
                creditLimit: creditLimit.map { Money(minorUnits: $0, currency: currency).decimalText }, currency: currency.code,
                paymentTermsDays: paymentTermsDays, provinceCode: provinceCode, cityCode: cityCode, districtCode: districtCode,
                divisionName: AdminDivisionsCN.fullName(province: provinceCode, city: cityCode, district: districtCode),
                latitude: latitude, longitude: longitude, ownerId: ownerID, ownerName: ownerName, ownerSince: ownerSince,
                poolSince: poolSince, poolReason: poolReason, lastActivityAt: lastActivityAt)
        }
        return detail
    }
}
