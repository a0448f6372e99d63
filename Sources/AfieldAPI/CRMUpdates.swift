import Foundation

// PATCH bodies of CRM records: the create body's fields, every one optional, with the `version`
// read required (409 when stale). Separate types so that the OpenAPI document says so.

/// `PATCH /api/v1/crm/leads/{id}`: fields of ``LeadInput``; `version` required.
public struct LeadUpdate: Codable, Sendable {
    public var version: Int?
    public var company: String?
    public var contactName: String?
    public var phone: String?
    public var email: String?
    public var source: String?
    public var provinceCode: String?
    public var cityCode: String?
    public var districtCode: String?
    public var notes: String?
    public var ownerId: UUID?
    public init(version: Int?, company: String? = nil, contactName: String? = nil, phone: String? = nil, email: String? = nil, source: String? = nil,
                provinceCode: String? = nil, cityCode: String? = nil, districtCode: String? = nil, notes: String? = nil, ownerId: UUID? = nil) {
        self.version = version
        self.company = company
        self.contactName = contactName
        self.phone = phone
        self.email = email
        self.source = source
        self.provinceCode = provinceCode
        self.cityCode = cityCode
        self.districtCode = districtCode
        self.notes = notes
        self.ownerId = ownerId
    }
    /// The same fields as a ``LeadInput``.
    public var input: LeadInput {
        LeadInput(version: version, company: company, contactName: contactName, phone: phone, email: email, source: source, provinceCode: provinceCode,
                  cityCode: cityCode, districtCode: districtCode, notes: notes, ownerId: ownerId)
    }
}

/// `PATCH /api/v1/crm/opportunities/{id}`: fields of ``OpportunityInput`` (not its customer or
/// stage); `version` required.
public struct OpportunityUpdate: Codable, Sendable {
    public var version: Int?
    public var name: String?
    public var amount: DecimalText?
    public var expectedCloseDate: String?
    public var competitors: [String]?
    public var lines: [OpportunityLineInput]?
    public init(version: Int?, name: String? = nil, amount: DecimalText? = nil, expectedCloseDate: String? = nil, competitors: [String]? = nil,
                lines: [OpportunityLineInput]? = nil) {
        self.version = version
        self.name = name
        self.amount = amount
        self.expectedCloseDate = expectedCloseDate
        self.competitors = competitors
        self.lines = lines
    }
    public var input: OpportunityInput {
        OpportunityInput(version: version, name: name, amount: amount, expectedCloseDate: expectedCloseDate, competitors: competitors, lines: lines)
    }
}

/// `PATCH /api/v1/crm/stages/{id}`: fields of ``StageInput``; `version` required.
public struct StageUpdate: Codable, Sendable {
    public var version: Int?
    public var name: String?
    public var probability: Int?
    public var position: Int?
    public var archived: Bool?
    public init(version: Int?, name: String? = nil, probability: Int? = nil, position: Int? = nil, archived: Bool? = nil) {
        self.version = version
        self.name = name
        self.probability = probability
        self.position = position
        self.archived = archived
    }
    public var input: StageInput { StageInput(version: version, name: name, probability: probability, position: position, archived: archived) }
}

extension LeadUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { LeadInput.schemaRefinements.merging(["version": .required, "company": .rename(max: 200)]) { _, new in new } }
}
extension OpportunityUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["version": .required, "name": .rename(max: 200), "expectedCloseDate": SchemaRefinement(pattern: "^$|^[0-9]{4}-[0-9]{2}-[0-9]{2}$"),
         "competitors": nameList(max: 10, length: 100), "lines": SchemaRefinement(maxItems: 100)]
    }
}
extension StageUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["version": .required, "name": .rename(max: 60), "probability": SchemaRefinement(minimum: 0, maximum: 100)]
    }
}
