import Foundation

/// A sales order linked to a contract. `total` is decimal text in `currency`.
public struct ContractOrderDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var number: String
    public var state: String
    /// `YYYY-MM-DD`.
    public var orderDate: String
    public var total: String
    public var currency: String
    public init(id: UUID, number: String, state: String, orderDate: String, total: String, currency: String) {
        self.id = id
        self.number = number
        self.state = state
        self.orderDate = orderDate
        self.total = total
        self.currency = currency
    }
}

/// One instalment of a contract's collection plan (回款计划), with what has been received
/// against it: receipts are matched to instalments first due, first paid.
public struct ContractInstalmentDTO: Codable, Sendable, Equatable {
    public var id: UUID
    /// 1-based, in due order.
    public var position: Int
    /// `YYYY-MM-DD`.
    public var dueOn: String
    /// Decimal text in the contract's currency.
    public var amount: String
    public var note: String?
    /// Decimal text: the part of the received money matched to this instalment.
    public var received: String
    /// `open`, `partial`, `paid`, or `overdue` (due before today in the company's time zone and not paid).
    public var state: String
    public init(id: UUID, position: Int, dueOn: String, amount: String, note: String?, received: String, state: String) {
        self.id = id
        self.position = position
        self.dueOn = dueOn
        self.amount = amount
        self.note = note
        self.received = received
        self.state = state
    }
}

/// Money received on a contract (回款), recorded by hand until invoices and receipts exist.
public struct ContractReceiptDTO: Codable, Sendable, Equatable {
    public var id: UUID
    /// `YYYY-MM-DD`.
    public var receivedOn: String
    public var amount: String
    public var note: String?
    public var byName: String?
    public var at: Date
    public init(id: UUID, receivedOn: String, amount: String, note: String?, byName: String?, at: Date) {
        self.id = id
        self.receivedOn = receivedOn
        self.amount = amount
        self.note = note
        self.byName = byName
        self.at = at
    }
}

/// A contract (合同) with a customer: parties, amount, dates, terms, linked orders, the
/// collection plan and the money received. Money is decimal text in `currency`; days are
/// `YYYY-MM-DD`.
///
/// `state`: `draft` → `pending` (approval, subject `crm.contract`) → `active` → `expired` (after
/// `endsOn`) or `terminated`; a draft may be `cancelled`.
public struct ContractDTO: Codable, Sendable, Equatable {
    public var id: UUID
    /// `CT-2026-00001`.
    public var number: String
    public var title: String
    public var customerId: UUID
    public var customerName: String
    public var opportunityId: UUID?
    public var opportunityName: String?
    public var customerSignatoryId: UUID?
    public var customerSignatoryName: String?
    public var ourSignatoryId: UUID?
    public var ourSignatoryName: String?
    public var amount: String
    public var currency: String
    public var received: String
    /// amount − received (never below zero).
    public var outstanding: String
    public var signedOn: String?
    public var startsOn: String
    public var endsOn: String
    public var terms: String?
    /// Days before `endsOn` the owner is reminded to renew.
    public var remindDaysBefore: Int
    public var state: String
    public var terminationReason: String?
    /// The approval instance deciding or decided last, if any.
    public var approvalId: UUID?
    public var approvalState: String?
    public var renewalOfId: UUID?
    public var renewedById: UUID?
    public var orders: [ContractOrderDTO]
    public var instalments: [ContractInstalmentDTO]
    public var receipts: [ContractReceiptDTO]
    public var ownerId: UUID
    public var ownerName: String?
    public var createdAt: Date?
    public var version: Int

    public init(id: UUID, number: String, title: String, customerId: UUID, customerName: String, opportunityId: UUID?, opportunityName: String?,
                customerSignatoryId: UUID?, customerSignatoryName: String?, ourSignatoryId: UUID?, ourSignatoryName: String?, amount: String,
                currency: String, received: String, outstanding: String, signedOn: String?, startsOn: String, endsOn: String, terms: String?,
                remindDaysBefore: Int, state: String, terminationReason: String?, approvalId: UUID?, approvalState: String?, renewalOfId: UUID?,
                renewedById: UUID?, orders: [ContractOrderDTO], instalments: [ContractInstalmentDTO], receipts: [ContractReceiptDTO],
                ownerId: UUID, ownerName: String?, createdAt: Date?, version: Int) {
        self.id = id
        self.number = number
        self.title = title
        self.customerId = customerId
        self.customerName = customerName
        self.opportunityId = opportunityId
        self.opportunityName = opportunityName
        self.customerSignatoryId = customerSignatoryId
        self.customerSignatoryName = customerSignatoryName
        self.ourSignatoryId = ourSignatoryId
        self.ourSignatoryName = ourSignatoryName
        self.amount = amount
        self.currency = currency
        self.received = received
        self.outstanding = outstanding
        self.signedOn = signedOn
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.terms = terms
        self.remindDaysBefore = remindDaysBefore
        self.state = state
        self.terminationReason = terminationReason
        self.approvalId = approvalId
        self.approvalState = approvalState
        self.renewalOfId = renewalOfId
        self.renewedById = renewedById
        self.orders = orders
        self.instalments = instalments
        self.receipts = receipts
        self.ownerId = ownerId
        self.ownerName = ownerName
        self.createdAt = createdAt
        self.version = version
    }
}

/// One instalment of a plan as sent: `dueOn` `YYYY-MM-DD`, `amount` decimal text.
public struct ContractInstalmentInput: Codable, Sendable {
    public var dueOn: String
    public var amount: DecimalText
    public var note: String?
    public init(dueOn: String, amount: DecimalText, note: String? = nil) {
        self.dueOn = dueOn
        self.amount = amount
        self.note = note
    }
}

/// `POST /api/v1/crm/contracts`. `orderIds` and `instalments`, when sent, replace the linked
/// orders and the plan.
public struct ContractInput: Codable, Sendable {
    public var id: UUID?
    public var version: Int?
    public var title: String?
    public var customerId: UUID?
    public var opportunityId: UUID?
    public var customerSignatoryId: UUID?
    public var ourSignatoryId: UUID?
    public var amount: DecimalText?
    public var signedOn: String?
    public var startsOn: String?
    public var endsOn: String?
    public var terms: String?
    public var remindDaysBefore: Int?
    public var orderIds: [UUID]?
    public var instalments: [ContractInstalmentInput]?
    public init(id: UUID? = nil, version: Int? = nil, title: String? = nil, customerId: UUID? = nil, opportunityId: UUID? = nil,
                customerSignatoryId: UUID? = nil, ourSignatoryId: UUID? = nil, amount: DecimalText? = nil, signedOn: String? = nil,
                startsOn: String? = nil, endsOn: String? = nil, terms: String? = nil, remindDaysBefore: Int? = nil, orderIds: [UUID]? = nil,
                instalments: [ContractInstalmentInput]? = nil) {
        self.id = id
        self.version = version
        self.title = title
        self.customerId = customerId
        self.opportunityId = opportunityId
        self.customerSignatoryId = customerSignatoryId
        self.ourSignatoryId = ourSignatoryId
        self.amount = amount
        self.signedOn = signedOn
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.terms = terms
        self.remindDaysBefore = remindDaysBefore
        self.orderIds = orderIds
        self.instalments = instalments
    }
}

/// `PATCH /api/v1/crm/contracts/{id}`: the fields of ``ContractInput`` but the customer; `version` required.
public struct ContractUpdate: Codable, Sendable {
    public var version: Int?
    public var title: String?
    public var opportunityId: UUID?
    public var customerSignatoryId: UUID?
    public var ourSignatoryId: UUID?
    public var amount: DecimalText?
    public var signedOn: String?
    public var startsOn: String?
    public var endsOn: String?
    public var terms: String?
    public var remindDaysBefore: Int?
    public var orderIds: [UUID]?
    public var instalments: [ContractInstalmentInput]?
    public init(version: Int?, title: String? = nil, opportunityId: UUID? = nil, customerSignatoryId: UUID? = nil, ourSignatoryId: UUID? = nil,
                amount: DecimalText? = nil, signedOn: String? = nil, startsOn: String? = nil, endsOn: String? = nil, terms: String? = nil,
                remindDaysBefore: Int? = nil, orderIds: [UUID]? = nil, instalments: [ContractInstalmentInput]? = nil) {
        self.version = version
        self.title = title
        self.opportunityId = opportunityId
        self.customerSignatoryId = customerSignatoryId
        self.ourSignatoryId = ourSignatoryId
        self.amount = amount
        self.signedOn = signedOn
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.terms = terms
        self.remindDaysBefore = remindDaysBefore
        self.orderIds = orderIds
        self.instalments = instalments
    }
    public var input: ContractInput {
        ContractInput(version: version, title: title, opportunityId: opportunityId, customerSignatoryId: customerSignatoryId, ourSignatoryId: ourSignatoryId,
                      amount: amount, signedOn: signedOn, startsOn: startsOn, endsOn: endsOn, terms: terms, remindDaysBefore: remindDaysBefore,
                      orderIds: orderIds, instalments: instalments)
    }
}

/// A state change of a contract: `version` read; `reason` for a termination.
public struct ContractActionInput: Codable, Sendable {
    public var version: Int
    public var reason: String?
    public init(version: Int, reason: String? = nil) {
        self.version = version
        self.reason = reason
    }
}

/// `POST /api/v1/crm/contracts/{id}/receipts`: money received, `amount` decimal text > 0.
public struct ContractReceiptInput: Codable, Sendable {
    public var receivedOn: String
    public var amount: DecimalText
    public var note: String?
    public init(receivedOn: String, amount: DecimalText, note: String? = nil) {
        self.receivedOn = receivedOn
        self.amount = amount
        self.note = note
    }
}

/// A day a business document may carry: 1900-01-01…2999-12-31 (``CalendarDay.isPlausibleBusinessDay``).
private let businessDay = "^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
private func day(required: Bool = false) -> SchemaRefinement { SchemaRefinement(required: required, pattern: businessDay, format: "date") }

private let contractFields: [String: SchemaRefinement] = [
    "signedOn": SchemaRefinement(pattern: "^$|" + businessDay), "startsOn": day(), "endsOn": day(),
    "terms": SchemaRefinement(maxLength: 20_000, pattern: SchemaPattern.text), "remindDaysBefore": SchemaRefinement(minimum: 0, maximum: 365),
    "orderIds": SchemaRefinement(maxItems: 50), "instalments": SchemaRefinement(maxItems: 60),
]

extension ContractInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        contractFields.merging(["title": .name(max: 200), "customerId": .required, "amount": .required,
                                "startsOn": day(required: true), "endsOn": day(required: true)]) { _, new in new }
    }
}
extension ContractUpdate: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        contractFields.merging(["version": .required, "title": .rename(max: 200)]) { _, new in new }
    }
}
extension ContractInstalmentInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["dueOn": day(required: true), "amount": .required, "note": SchemaRefinement(maxLength: 200, pattern: SchemaPattern.line)]
    }
}
extension ContractActionInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] { ["version": .required, "reason": SchemaRefinement(maxLength: 500, pattern: SchemaPattern.line)] }
}
extension ContractReceiptInput: APISchemaRefining {
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["receivedOn": day(required: true), "amount": .required, "note": SchemaRefinement(maxLength: 200, pattern: SchemaPattern.line)]
    }
}
