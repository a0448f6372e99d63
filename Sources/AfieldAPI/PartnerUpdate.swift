/// `PATCH /api/v1/partners/{customers|suppliers|carriers}/{id}`: the fields to change.
///
/// `version` is the version the client last read (required); absent fields stay as they are and
/// an empty string clears an optional field. A stale version answers 409
/// `conflict.stale_version` with the current record under `current`.
public struct PartnerUpdate: Codable, Sendable {
    public var version: Int?
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

    public init(version: Int?, name: String? = nil, email: String? = nil, phone: String? = nil, fax: String? = nil, address: String? = nil,
                city: String? = nil, region: String? = nil, postalCode: String? = nil, country: String? = nil, homepage: String? = nil) {
        self.version = version
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
