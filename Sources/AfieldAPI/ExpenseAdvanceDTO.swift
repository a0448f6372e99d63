import Foundation

/// A movement of an advance's money: `kind` `offset` (set against the paid claim `claimID`,
/// ERPNext "Employee Advance" allocated in an Expense Claim; DingTalk 借款核销) or `return`
/// (unused money the employee gave back, recorded by finance). `amount` decimal text in the
/// company currency; `date` `YYYY-MM-DD`.
public struct ExpenseAdvanceMovementDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var kind: String
    public var advanceID: UUID
    public var advanceNumber: String
    public var claimID: UUID?
    public var claimNumber: String?
    public var amount: String
    public var date: String
    public init(id: UUID, kind: String, advanceID: UUID, advanceNumber: String, claimID: UUID?, claimNumber: String?, amount: String, date: String) {
        self.id = id
        self.kind = kind
        self.advanceID = advanceID
        self.advanceNumber = advanceNumber
        self.claimID = claimID
        self.claimNumber = claimNumber
        self.amount = amount
        self.date = date
    }
}

/// An advance (借款/备用金) of an employee. `state`: `pending` (being approved), `approved`
/// (to be paid), `paid` (money out, `balance` open), `settled` (balance 0), `rejected`,
/// `withdrawn`. Money is decimal text in the company currency: `amount` paid out, `offset` set
/// against claims, `returned` given back, `balance` = amount − offset − returned.
public struct ExpenseAdvanceDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var number: String
    public var employeeID: UUID
    public var employeeName: String
    public var departmentID: UUID?
    public var purpose: String
    public var expectedClaimDate: String?
    public var currency: String
    public var amount: String
    public var offset: String
    public var returned: String
    public var balance: String
    public var state: String
    public var approvalID: UUID?
    public var paidOn: String?
    public var paidBy: UUID?
    public var movements: [ExpenseAdvanceMovementDTO]
    public var version: Int
    public init(id: UUID, number: String, employeeID: UUID, employeeName: String, departmentID: UUID?, purpose: String, expectedClaimDate: String?,
                currency: String, amount: String, offset: String, returned: String, balance: String, state: String, approvalID: UUID?, paidOn: String?,
                paidBy: UUID?, movements: [ExpenseAdvanceMovementDTO], version: Int) {
        self.id = id
        self.number = number
        self.employeeID = employeeID
        self.employeeName = employeeName
        self.departmentID = departmentID
        self.purpose = purpose
        self.expectedClaimDate = expectedClaimDate
        self.currency = currency
        self.amount = amount
        self.offset = offset
        self.returned = returned
        self.balance = balance
        self.state = state
        self.approvalID = approvalID
        self.paidOn = paidOn
        self.paidBy = paidBy
        self.movements = movements
        self.version = version
    }
}

/// `POST /api/v1/expenses/advances`: an advance asked for and submitted for approval at once.
/// `amount` decimal text in the company currency, above zero; `expectedClaimDate` when the
/// employee expects to claim against it (`YYYY-MM-DD`).
public struct ExpenseAdvanceInput: Codable, Sendable, APISchemaRefining {
    public var amount: DecimalText?
    public var purpose: String?
    public var expectedClaimDate: String?
    public init(amount: DecimalText?, purpose: String?, expectedClaimDate: String? = nil) {
        self.amount = amount
        self.purpose = purpose
        self.expectedClaimDate = expectedClaimDate
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["amount": .required, "purpose": SchemaRefinement(required: true, minLength: 1, maxLength: 200, pattern: SchemaPattern.notBlank),
         "expectedClaimDate": .date]
    }
}

/// `POST /api/v1/expenses/advances/{id}/pay`: the version read; `paidOn` (default today).
public struct ExpenseAdvanceAction: Codable, Sendable, APISchemaRefining {
    public var version: Int?
    public var paidOn: String?
    public init(version: Int?, paidOn: String? = nil) {
        self.version = version
        self.paidOn = paidOn
    }
    public static var schemaRefinements: [String: SchemaRefinement] { ["version": .required, "paidOn": .date] }
}

/// `POST /api/v1/expenses/advances/{id}/return`: unused money the employee gave back — `amount`
/// decimal text in the advance's currency, above zero and at most the balance; `paidOn` the day
/// it came back (default today); the version read.
public struct ExpenseAdvanceReturnRequest: Codable, Sendable, APISchemaRefining {
    public var version: Int?
    public var paidOn: String?
    public var amount: DecimalText?
    public init(version: Int?, paidOn: String? = nil, amount: DecimalText?) {
        self.version = version
        self.paidOn = paidOn
        self.amount = amount
    }
    public static var schemaRefinements: [String: SchemaRefinement] { ["version": .required, "paidOn": .date, "amount": .required] }
}

/// One advance to set against a claim being paid: `amount` decimal text, above zero, at most
/// the advance's balance.
public struct ExpenseOffsetInput: Codable, Sendable, APISchemaRefining {
    public var advanceID: UUID?
    public var amount: DecimalText?
    public init(advanceID: UUID?, amount: DecimalText?) {
        self.advanceID = advanceID
        self.amount = amount
    }
    public static var schemaRefinements: [String: SchemaRefinement] { ["advanceID": .required, "amount": .required] }
}

/// `GET /api/v1/expenses/payables`: what finance has to pay — approved claims and approved
/// advances within the caller's data scope, oldest first.
public struct ExpensePayablesDTO: Codable, Sendable, Equatable {
    public var claims: [ExpenseClaimDTO]
    public var advances: [ExpenseAdvanceDTO]
    public init(claims: [ExpenseClaimDTO], advances: [ExpenseAdvanceDTO]) {
        self.claims = claims
        self.advances = advances
    }
}
