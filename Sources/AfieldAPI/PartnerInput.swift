import Foundation

/// `POST /api/v1/partners/{customers|suppliers|carriers}`: a new partner in that role.
///
/// `name` is required; `code` is optional and unique in the company (left out, the server gives
/// the next `CUST-<year>-<n>`, `SUP-…` or `CAR-…`); other fields are optional text (at most 200
/// characters; `email` must look like an e-mail address). Problems answer 422 with one entry per
/// field under `fields`. A new customer is looked after by its creator (their data scope).
///
/// `id` is optional: a client that creates the partner offline sends the UUID it made, so that
/// its later commands can name the partner before the server has answered (DESIGN §2). An id
/// that is already taken answers 409 `conflict.id_taken`.
public struct PartnerInput: Codable, Sendable {
    public var id: UUID?
    public var code: String?
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
    /// Customer profile (customers only; ignored for suppliers and carriers): see ``CustomerProfileFields``.
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

    public init(id: UUID? = nil, code: String? = nil, name: String?, email: String? = nil, phone: String? = nil, fax: String? = nil, address: String? = nil,
                city: String? = nil, region: String? = nil, postalCode: String? = nil, country: String? = nil, homepage: String? = nil) {
        self.id = id
        self.code = code
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

/// `POST /api/v1/partners/customers/{id}/contacts` and `PATCH …/contacts/{contactId}` (with
/// `version`): a customer's contact. `role`: `decision_maker`, `influencer`, `user`, `finance`,
/// `purchasing`, `technical` or `other` (`""` clears); `birthday` `YYYY-MM-DD` (`""` clears).
/// On a PATCH, absent fields stay as they are.
public struct ContactInput: Codable, Sendable {
    public var version: Int?
    public var name: String?
    public var title: String?
    public var phone: String?
    public var email: String?
    public var role: String?
    public var birthday: String?
    public init(version: Int? = nil, name: String? = nil, title: String? = nil, phone: String? = nil, email: String? = nil, role: String? = nil,
                birthday: String? = nil) {
        self.version = version
        self.name = name
        self.title = title
        self.phone = phone
        self.email = email
        self.role = role
        self.birthday = birthday
    }
}

/// `PATCH /api/v1/partners/customers/{id}/contacts/{contactId}`: the fields of ``ContactInput``; `version` required.
public struct ContactUpdate: Codable, Sendable {
    public var version: Int?
    public var name: String?
    public var title: String?
    public var phone: String?
    public var email: String?
    public var role: String?
    public var birthday: String?
    public init(version: Int?, name: String? = nil, title: String? = nil, phone: String? = nil, email: String? = nil, role: String? = nil,
                birthday: String? = nil) {
        self.version = version
        self.name = name
        self.title = title
        self.phone = phone
        self.email = email
        self.role = role
        self.birthday = birthday
    }
    public var input: ContactInput { ContactInput(version: version, name: name, title: title, phone: phone, email: email, role: role, birthday: birthday) }
}

extension ContactInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["name": .name(max: 200), "title": .text(max: 200), "phone": .text(max: 200), "email": .text(max: 200),
         "role": .oneOf(["", "decision_maker", "influencer", "user", "finance", "purchasing", "technical", "other"]),
         "birthday": SchemaRefinement(pattern: "^$|^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
    }
}
extension ContactUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ContactInput.schemaRefinements.merging(["version": .required, "name": .rename(max: 200)]) { _, new in new }
    }
}

/// A colleague who works a customer with its owner (协作人): sees the customer, its timeline,
/// and logs follow-ups and visits on it; the owner stays the owner.
public struct CollaboratorDTO: Codable, Sendable, Equatable {
    public var employeeId: UUID
    public var name: String?
    public var addedAt: Date
    public init(employeeId: UUID, name: String?, addedAt: Date) {
        self.employeeId = employeeId
        self.name = name
        self.addedAt = addedAt
    }
}

/// `POST /api/v1/partners/customers/{id}/collaborators`.
public struct CollaboratorInput: Codable, Sendable {
    public var employeeId: UUID
    public init(employeeId: UUID) { self.employeeId = employeeId }
}
