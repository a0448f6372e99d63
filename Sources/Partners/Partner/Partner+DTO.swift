import AfieldAPI

extension Partner {
    var summary: PartnerSummary {
        PartnerSummary(id: id!, code: code, name: name, city: city, country: country, phone: phone,
                       contactName: $contacts.value?.sorted { $0.position < $1.position }.first?.name, archived: archived)
    }

    var detail: PartnerDetail {
        let contacts = ($contacts.value ?? []).sorted { $0.position < $1.position }
            .map { ContactDTO(id: $0.id!, name: $0.name, title: $0.title, phone: $0.phone, email: $0.email) }
        return PartnerDetail(summary: summary, address: address, region: region, postalCode: postalCode, email: email, fax: fax,
                             homepage: homepage, roles: roles, contacts: contacts, version: version)
    }
}
