import Foundation

/// What a customer carries besides its address and contacts (CRM, issue 12 point 2), as
/// answered inside ``PartnerDetail/profile``. The same names are accepted flat on
/// ``PartnerInput`` and ``PartnerUpdate``:
///
/// - `kind`: `company` (default) or `individual`.
/// - `level`: `A`, `B` or `C` (value to the company, A highest), or nil.
/// - `industry`, `source`: text (the web app offers `referral`, `website`, `exhibition`,
///   `cold_call`, `advertising`, `partner`, `lead`, `other` as sources); at most 200 characters.
/// - `tags`: at most 20 distinct tags of at most 40 characters each.
/// - `taxId`: the unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters
///   whose last is the check character; written in capitals; unique in the company.
/// - `creditLimit`: decimal text in the company currency (`currency`), not negative.
/// - `paymentTermsDays`: 0–365 days after the invoice.
/// - `provinceCode`, `cityCode`, `districtCode`: China's administrative division codes
///   (NBS 2023: `31`, `3101`, `310115`), each inside the one before (`GET /api/v1/partners/divisions`).
/// - `latitude`, `longitude`: WGS 84 decimal degrees, at most 7 decimals, both or neither.
public struct CustomerProfile: Codable, Sendable, Equatable {
    public var kind: String
    public var level: String?
    public var industry: String?
    public var source: String?
    public var tags: [String]
    public var taxId: String?
    public var creditLimit: String?
    /// ISO 4217 code of ``creditLimit``: the company currency.
    public var currency: String
    public var paymentTermsDays: Int?
    public var provinceCode: String?
    public var cityCode: String?
    public var districtCode: String?
    /// "上海市 浦东新区" — province, city (left out where it is 「市辖区」) and district names.
    public var divisionName: String?
    public var latitude: String?
    public var longitude: String?
    /// The account manager (employee), nil when unowned or in the public pool.
    public var ownerId: UUID?
    public var ownerName: String?
    /// Since when the current owner has it (UTC).
    public var ownerSince: Date?
    /// In the public pool (公海) since this instant; nil when not in the pool.
    public var poolSince: Date?
    /// Why it is in the pool: `released` (by its owner), `idle` (no follow-up for the company's
    /// number of days), `transferred` (put there by a manager).
    public var poolReason: String?
    /// The last follow-up or visit (UTC).
    public var lastActivityAt: Date?

    public init(kind: String = "company", level: String? = nil, industry: String? = nil, source: String? = nil, tags: [String] = [],
                taxId: String? = nil, creditLimit: String? = nil, currency: String, paymentTermsDays: Int? = nil, provinceCode: String? = nil,
                cityCode: String? = nil, districtCode: String? = nil, divisionName: String? = nil, latitude: String? = nil,
                longitude: String? = nil, ownerId: UUID? = nil, ownerName: String? = nil, ownerSince: Date? = nil, poolSince: Date? = nil,
                poolReason: String? = nil, lastActivityAt: Date? = nil) {
        self.kind = kind
        self.level = level
        self.industry = industry
        self.source = source
        self.tags = tags
        self.taxId = taxId
        self.creditLimit = creditLimit
        self.currency = currency
        self.paymentTermsDays = paymentTermsDays
        self.provinceCode = provinceCode
        self.cityCode = cityCode
        self.districtCode = districtCode
        self.divisionName = divisionName
        self.latitude = latitude
        self.longitude = longitude
        self.ownerId = ownerId
        self.ownerName = ownerName
        self.ownerSince = ownerSince
        self.poolSince = poolSince
        self.poolReason = poolReason
        self.lastActivityAt = lastActivityAt
    }
}

/// `POST /api/v1/partners/customers/duplicates` (查重): the fields to check. Blank fields are
/// not checked; `excludeId` leaves out the customer being edited.
public struct DuplicateCheckInput: Codable, Sendable {
    public var name: String?
    public var phone: String?
    public var taxId: String?
    public var excludeId: UUID?
    public init(name: String? = nil, phone: String? = nil, taxId: String? = nil, excludeId: UUID? = nil) {
        self.name = name
        self.phone = phone
        self.taxId = taxId
        self.excludeId = excludeId
    }
}

/// One customer that looks like the one being entered.
///
/// `field` is what matched: `name`, `phone` or `taxId`; `exact` is true for the same normalised
/// name (company suffixes such as 有限公司 / Co., Ltd. ignored), the same phone digits or the same
/// tax id — those block a save — and false for a near name (one inside the other, or a few
/// characters apart), which only warns. `visible` tells whether the caller may open it: when false,
/// `id` and `code` are nil and `name` is masked (`上海**技术`); the owner's name and department are
/// always given so that the caller knows whom to ask. `inPool` is true for a customer in the public pool.
public struct DuplicateMatch: Codable, Sendable, Equatable {
    public var field: String
    public var exact: Bool
    public var visible: Bool
    public var id: UUID?
    public var code: String?
    public var name: String
    public var ownerName: String?
    public var departmentName: String?
    public var inPool: Bool
    public init(field: String, exact: Bool, visible: Bool, id: UUID?, code: String?, name: String, ownerName: String?, departmentName: String?,
                inPool: Bool) {
        self.field = field
        self.exact = exact
        self.visible = visible
        self.id = id
        self.code = code
        self.name = name
        self.ownerName = ownerName
        self.departmentName = departmentName
        self.inPool = inPool
    }
}

/// The answer of a duplicate check: exact matches first, then near ones, at most 20 in all.
public struct DuplicateReport: Codable, Sendable, Equatable {
    public var matches: [DuplicateMatch]
    /// True when an exact match would block saving.
    public var blocking: Bool
    public init(matches: [DuplicateMatch]) {
        self.matches = matches
        self.blocking = matches.contains(where: \.exact)
    }
}

/// A province, city or district of China (NBS 2023 codes), with its children.
public struct DivisionDTO: Codable, Sendable {
    public var code: String
    public var name: String
    public var children: [DivisionDTO]?
    public init(code: String, name: String, children: [DivisionDTO]? = nil) {
        self.code = code
        self.name = name
        self.children = children
    }
}

/// The company's public-pool (公海) rules (`GET/PUT /api/v1/partners/pool/rules`).
///
/// `idleDays` (0–3650; 0 = never): an owned customer with no follow-up or visit for more than
/// this many days returns to the pool by the nightly job. `maxOwned` (1–100000): customers a rep
/// may own before claiming more is refused. `dailyClaims` (1–1000): claims per rep per day.
/// `reclaimDays` (0–365): days before a rep may claim back a customer they gave up.
/// Which pool customers a rep sees is the data scope of `partners.pool` in their roles. `version`: 0 while the defaults apply; send the one
/// read (409 when stale).
public struct PoolRulesDTO: Codable, Sendable, Equatable {
    public var idleDays: Int
    public var maxOwned: Int
    public var dailyClaims: Int
    public var reclaimDays: Int
    public var version: Int
    public init(idleDays: Int, maxOwned: Int, dailyClaims: Int, reclaimDays: Int, version: Int) {
        self.idleDays = idleDays
        self.maxOwned = maxOwned
        self.dailyClaims = dailyClaims
        self.reclaimDays = reclaimDays
        self.version = version
    }
}

/// `POST /api/v1/partners/customers/transfer`: give customers to another rep (bulk transfer).
/// `ids`: 1–500 customers within the caller's data scope or in the pool; `toEmployeeId`: the
/// new account manager (an active employee); `reason`: optional, at most 200 characters.
public struct CustomerTransferInput: Codable, Sendable {
    public var ids: [UUID]
    public var toEmployeeId: UUID
    public var reason: String?
    public init(ids: [UUID], toEmployeeId: UUID, reason: String? = nil) {
        self.ids = ids
        self.toEmployeeId = toEmployeeId
        self.reason = reason
    }
}

/// `POST /api/v1/partners/customers/{id}/release`: give a customer back to the public pool.
public struct CustomerReleaseInput: Codable, Sendable {
    public var reason: String?
    public init(reason: String? = nil) { self.reason = reason }
}

/// One change of a customer's account manager, newest first in the history.
/// `action`: `claim`, `release`, `idle`, `transfer`, `assign`.
public struct OwnerChangeDTO: Codable, Sendable, Equatable {
    public var action: String
    public var fromOwnerId: UUID?
    public var fromOwnerName: String?
    public var toOwnerId: UUID?
    public var toOwnerName: String?
    public var reason: String?
    public var at: Date
    public var byUserName: String?
    public init(action: String, fromOwnerId: UUID?, fromOwnerName: String?, toOwnerId: UUID?, toOwnerName: String?, reason: String?, at: Date,
                byUserName: String?) {
        self.action = action
        self.fromOwnerId = fromOwnerId
        self.fromOwnerName = fromOwnerName
        self.toOwnerId = toOwnerId
        self.toOwnerName = toOwnerName
        self.reason = reason
        self.at = at
        self.byUserName = byUserName
    }
}

/// What a bulk transfer did: `transferred` customers moved; `unchanged` already had that owner.
public struct CustomerTransferResult: Codable, Sendable, Equatable {
    public var transferred: Int
    public var unchanged: Int
    public init(transferred: Int, unchanged: Int) {
        self.transferred = transferred
        self.unchanged = unchanged
    }
}

/// A customer in the public pool list.
public struct PoolCustomerDTO: Codable, Sendable {
    public var id: UUID
    public var code: String
    public var name: String
    public var level: String?
    public var industry: String?
    public var divisionName: String?
    public var poolSince: Date?
    /// `released`, `idle` or `transferred`.
    public var poolReason: String?
    public var previousOwnerId: UUID?
    public var previousOwnerName: String?
    public init(id: UUID, code: String, name: String, level: String?, industry: String?, divisionName: String?, poolSince: Date?, poolReason: String?,
                previousOwnerId: UUID?, previousOwnerName: String?) {
        self.id = id
        self.code = code
        self.name = name
        self.level = level
        self.industry = industry
        self.divisionName = divisionName
        self.poolSince = poolSince
        self.poolReason = poolReason
        self.previousOwnerId = previousOwnerId
        self.previousOwnerName = previousOwnerName
    }
}
