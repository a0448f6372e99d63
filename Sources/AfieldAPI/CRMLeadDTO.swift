import Foundation

/// A lead (线索). `state`: `new`, `following` (followed up at least once), `converted` (into
/// `customerId`, `contactId` and, if asked, `opportunityId`) or `invalid` (with `invalidReason`).
public struct LeadDTO: Codable, Sendable, Equatable {
    public var id: UUID
    /// `LEAD-2026-00001`.
    public var number: String
    public var company: String
    public var contactName: String?
    public var phone: String?
    public var email: String?
    public var source: String?
    public var provinceCode: String?
    public var cityCode: String?
    public var districtCode: String?
    public var divisionName: String?
    public var notes: String?
    public var ownerId: UUID?
    public var ownerName: String?
    public var state: String
    public var invalidReason: String?
    public var customerId: UUID?
    public var opportunityId: UUID?
    public var lastActivityAt: Date?
    public var createdAt: Date?
    public var version: Int
    public init(id: UUID, number: String, company: String, contactName: String?, phone: String?, email: String?, source: String?, provinceCode: String?,
                cityCode: String?, districtCode: String?, divisionName: String?, notes: String?, ownerId: UUID?, ownerName: String?, state: String,
                invalidReason: String?, customerId: UUID?, opportunityId: UUID?, lastActivityAt: Date?, createdAt: Date?, version: Int) {
        self.id = id
        self.number = number
        self.company = company
        self.contactName = contactName
        self.phone = phone
        self.email = email
        self.source = source
        self.provinceCode = provinceCode
        self.cityCode = cityCode
        self.districtCode = districtCode
        self.divisionName = divisionName
        self.notes = notes
        self.ownerId = ownerId
        self.ownerName = ownerName
        self.state = state
        self.invalidReason = invalidReason
        self.customerId = customerId
        self.opportunityId = opportunityId
        self.lastActivityAt = lastActivityAt
        self.createdAt = createdAt
        self.version = version
    }
}

/// `POST /api/v1/crm/leads` (and the fields of `PATCH …/{id}` with `version`): `company`
/// required (at most 200 characters); `phone`, `email`, `contactName`, `source` text; division
/// codes as on customers; `notes` at most 2,000 characters; `ownerId` an employee (default: the
/// creator). The same company name (legal form ignored) or phone as an open lead or a customer
/// is refused (`crm.lead.duplicate`, `crm.lead.customer_exists` with `owner`).
public struct LeadInput: Codable, Sendable {
    public var id: UUID?
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
    public init(id: UUID? = nil, version: Int? = nil, company: String? = nil, contactName: String? = nil, phone: String? = nil, email: String? = nil,
                source: String? = nil, provinceCode: String? = nil, cityCode: String? = nil, districtCode: String? = nil, notes: String? = nil,
                ownerId: UUID? = nil) {
        self.id = id
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
}

/// `POST /api/v1/crm/leads/{id}/convert`: into a new customer (named `customerName`, default the
/// lead's company) with the lead's contact — or onto the existing customer `customerId` — and,
/// with `opportunityName`, an opportunity in the first stage (`amount` decimal text, optional).
public struct LeadConvertInput: Codable, Sendable {
    public var version: Int
    public var customerId: UUID?
    public var customerName: String?
    public var opportunityName: String?
    public var amount: DecimalText?
    public var expectedCloseDate: String?
    public init(version: Int, customerId: UUID? = nil, customerName: String? = nil, opportunityName: String? = nil, amount: DecimalText? = nil,
                expectedCloseDate: String? = nil) {
        self.version = version
        self.customerId = customerId
        self.customerName = customerName
        self.opportunityName = opportunityName
        self.amount = amount
        self.expectedCloseDate = expectedCloseDate
    }
}

/// What a conversion made.
public struct LeadConversionDTO: Codable, Sendable, Equatable {
    public var lead: LeadDTO
    public var customerId: UUID
    public var opportunityId: UUID?
    public init(lead: LeadDTO, customerId: UUID, opportunityId: UUID?) {
        self.lead = lead
        self.customerId = customerId
        self.opportunityId = opportunityId
    }
}

/// `POST /api/v1/crm/leads/{id}/invalidate`: `reason` required (at most 200 characters).
public struct LeadInvalidateInput: Codable, Sendable {
    public var version: Int
    public var reason: String
    public init(version: Int, reason: String) {
        self.version = version
        self.reason = reason
    }
}

/// What an import did: `created` leads, and per refused row (1-based, header excluded) why.
public struct LeadImportResult: Codable, Sendable, Equatable {
    public struct Refused: Codable, Sendable, Equatable {
        public var row: Int
        public var company: String?
        /// `crm.lead.duplicate`, `crm.lead.customer_exists`, or a field problem code (a row repeating an earlier row is `crm.lead.duplicate`).
        public var code: String
        public var message: String
        public init(row: Int, company: String?, code: String, message: String) {
            self.row = row
            self.company = company
            self.code = code
            self.message = message
        }
    }
    public var created: Int
    public var refused: [Refused]
    public init(created: Int, refused: [Refused]) {
        self.created = created
        self.refused = refused
    }
}
