/// `PATCH /api/v1/partners/{customers|suppliers|carriers}/{id}`: the fields to change.
///
/// `version` is the version the client last read (required); absent fields stay as they are and
/// an empty string clears an optional field. A stale version answers 409
/// `conflict.stale_version` with the current record under `current`.
///
/// Field-by-field merge (an edit made offline): `base` holds, for each field sent, the value the
/// user started from (`""` for an empty one). With a stale `version` the change is still applied
/// when every sent field is, on the server now, either still its `base` value or already the new
/// value — someone else changed only other fields. Otherwise 409 `conflict.fields`, with one entry
/// per field changed on both sides (code `conflict.field_changed`) and the record as it is now
/// under `current`; nothing is changed. Without `base`, a stale version is 409 as before.
public struct PartnerUpdate: Codable, Sendable {
    public var version: Int?
    /// Field name (as in this body: `phone`, `postalCode`, …) → the value the edit started from.
    public var base: [String: String]?
    public var name: String?
    public var email: String?
    public var phone: String?
    public var fax: String?
    public var address: String?
    public var city: String?
    public var region: String?
    public var postalCode: String?
    public var country: String?
    public var homepage: String?
    /// Customer profile fields (customers only), as in ``PartnerInput``; `""` clears a text field,
    /// `[]` the tags.
    public var kind: String?
    public var level: String?
    public var industry: String?
    public var source: String?
    public var tags: [String]?
    public var taxId: String?
    public var creditLimit: DecimalText?
    public var paymentTermsDays: Int?
    public var provinceCode: String?
    public var cityCode: String?
    public var districtCode: String?
    public var latitude: DecimalText?
    public var longitude: DecimalText?

    public init(version: Int?, name: String? = nil, email: String? = nil, phone: String? = nil, fax: String? = nil, address: String? = nil,
                city: String? = nil, region: String? = nil, postalCode: String? = nil, country: String? = nil, homepage: String? = nil,
                base: [String: String]? = nil) {
        self.version = version
        self.base = base
        self.name = name
        self.email = email
        self.phone = phone
        self.fax = fax
        self.address = address
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
        self.homepage = homepage
    }
}
