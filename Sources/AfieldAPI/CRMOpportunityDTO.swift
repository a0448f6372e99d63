import Foundation

/// A stage of the sales funnel. `kind`: `open`, `won` or `lost`; `probability` 0–100 %.
public struct StageDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var probability: Int
    public var position: Int
    public var kind: String
    public var archived: Bool
    public var version: Int
    public init(id: UUID, name: String, probability: Int, position: Int, kind: String, archived: Bool, version: Int) {
        self.id = id
        self.name = name
        self.probability = probability
        self.position = position
        self.kind = kind
        self.archived = archived
        self.version = version
    }
}

/// `POST /api/v1/crm/stages` (an open stage, placed before the won stage) and `PATCH …/{id}`
/// (`version` required): `name` 1–60 characters, `probability` 0–100, `position`, `archived`.
public struct StageInput: Codable, Sendable {
    public var version: Int?
    public var name: String?
    public var probability: Int?
    public var position: Int?
    public var archived: Bool?
    public init(version: Int? = nil, name: String? = nil, probability: Int? = nil, position: Int? = nil, archived: Bool? = nil) {
        self.version = version
        self.name = name
        self.probability = probability
        self.position = position
        self.archived = archived
    }
}

/// A product on an opportunity: `quantity` up to 4 decimals, `unitPrice` in the company currency.
public struct OpportunityLineDTO: Codable, Sendable, Equatable {
    public var productId: UUID
    public var productName: String?
    public var quantity: String
    public var unitPrice: String
    public init(productId: UUID, productName: String?, quantity: String, unitPrice: String) {
        self.productId = productId
        self.productName = productName
        self.quantity = quantity
        self.unitPrice = unitPrice
    }
}

/// An opportunity (商机). `state` is its stage's kind; `probability` its stage's; `amount` and
/// `weightedAmount` (amount × probability, half-up) decimal text in `currency`.
public struct OpportunityDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var number: String
    public var name: String
    public var customerId: UUID
    public var customerName: String
    public var stageId: UUID
    public var stageName: String
    public var probability: Int
    public var state: String
    public var amount: String
    public var weightedAmount: String
    public var currency: String
    /// `YYYY-MM-DD`.
    public var expectedCloseDate: String?
    public var competitors: [String]
    public var lostReason: String?
    public var lines: [OpportunityLineDTO]
    public var orderId: UUID?
    public var leadId: UUID?
    public var ownerId: UUID
    public var ownerName: String?
    public var closedAt: Date?
    public var createdAt: Date?
    public var version: Int
    public init(id: UUID, number: String, name: String, customerId: UUID, customerName: String, stageId: UUID, stageName: String, probability: Int,
                state: String, amount: String, weightedAmount: String, currency: String, expectedCloseDate: String?, competitors: [String],
                lostReason: String?, lines: [OpportunityLineDTO], orderId: UUID?, leadId: UUID?, ownerId: UUID, ownerName: String?, closedAt: Date?,
                createdAt: Date?, version: Int) {
        self.id = id
        self.number = number
        self.name = name
        self.customerId = customerId
        self.customerName = customerName
        self.stageId = stageId
        self.stageName = stageName
        self.probability = probability
        self.state = state
        self.amount = amount
        self.weightedAmount = weightedAmount
        self.currency = currency
        self.expectedCloseDate = expectedCloseDate
        self.competitors = competitors
        self.lostReason = lostReason
        self.lines = lines
        self.orderId = orderId
        self.leadId = leadId
        self.ownerId = ownerId
        self.ownerName = ownerName
        self.closedAt = closedAt
        self.createdAt = createdAt
        self.version = version
    }
}

/// One product line of ``OpportunityInput``.
public struct OpportunityLineInput: Codable, Sendable {
    public var productId: UUID
    public var quantity: DecimalText
    /// Default: the product's list price.
    public var unitPrice: DecimalText?
    public init(productId: UUID, quantity: DecimalText, unitPrice: DecimalText? = nil) {
        self.productId = productId
        self.quantity = quantity
        self.unitPrice = unitPrice
    }
}

/// `POST /api/v1/crm/opportunities` and `PATCH …/{id}` (`version` required; absent fields stay).
/// `name` 1–200 characters; `customerId` a customer in the rep's scope; `stageId` an open stage
/// (default the first); `amount` decimal text ≥ 0 — with `lines`, the amount is their sum unless
/// given; `expectedCloseDate` `YYYY-MM-DD`; `competitors` at most 10 names.
public struct OpportunityInput: Codable, Sendable {
    public var id: UUID?
    public var version: Int?
    public var name: String?
    public var customerId: UUID?
    public var stageId: UUID?
    public var amount: DecimalText?
    public var expectedCloseDate: String?
    public var competitors: [String]?
    public var lines: [OpportunityLineInput]?
    public init(id: UUID? = nil, version: Int? = nil, name: String? = nil, customerId: UUID? = nil, stageId: UUID? = nil, amount: DecimalText? = nil,
                expectedCloseDate: String? = nil, competitors: [String]? = nil, lines: [OpportunityLineInput]? = nil) {
        self.id = id
        self.version = version
        self.name = name
        self.customerId = customerId
        self.stageId = stageId
        self.amount = amount
        self.expectedCloseDate = expectedCloseDate
        self.competitors = competitors
        self.lines = lines
    }
}

/// `POST /api/v1/crm/opportunities/{id}/move`: to `stageId` (the kanban's drag or the phone's
/// menu). Moving to the lost stage needs `lostReason`; moving to the won stage closes it (then
/// `POST …/order` makes the sales order).
public struct OpportunityMoveInput: Codable, Sendable {
    public var version: Int
    public var stageId: UUID
    public var lostReason: String?
    public init(version: Int, stageId: UUID, lostReason: String? = nil) {
        self.version = version
        self.stageId = stageId
        self.lostReason = lostReason
    }
}

/// One stage of the funnel report: open opportunities now in it (`count`, `amount`), and
/// `reached`: opportunities created in the period that got at least this far (a won one reached
/// every open stage); `conversion` = reached / reached of the first stage, in percent with one
/// decimal (text).
public struct FunnelStageDTO: Codable, Sendable, Equatable {
    public var stageId: UUID
    public var name: String
    public var kind: String
    public var probability: Int
    public var count: Int
    public var amount: String
    public var reached: Int
    public var conversion: String
    public init(stageId: UUID, name: String, kind: String, probability: Int, count: Int, amount: String, reached: Int, conversion: String) {
        self.stageId = stageId
        self.name = name
        self.kind = kind
        self.probability = probability
        self.count = count
        self.amount = amount
        self.reached = reached
        self.conversion = conversion
    }
}

/// The funnel (`GET /api/v1/crm/funnel`), in the caller's data scope.
public struct FunnelDTO: Codable, Sendable, Equatable {
    public var currency: String
    public var stages: [FunnelStageDTO]
    public init(currency: String, stages: [FunnelStageDTO]) {
        self.currency = currency
        self.stages = stages
    }
}

/// One month of the weighted forecast (`GET /api/v1/crm/forecast`): open opportunities expected
/// to close that month, their amount and weighted amount (Σ amount × probability, each rounded
/// half-up to the currency's minor unit), plus what was won that month.
public struct ForecastMonthDTO: Codable, Sendable, Equatable {
    /// `YYYY-MM`.
    public var month: String
    public var count: Int
    public var amount: String
    public var weighted: String
    public var won: String
    public init(month: String, count: Int, amount: String, weighted: String, won: String) {
        self.month = month
        self.count = count
        self.amount = amount
        self.weighted = weighted
        self.won = won
    }
}
