import Foundation

/// An expense category (费用类别), company-editable. `limits`: the most a line may claim per
/// day by city tier (`"1"`, `"2"`, `"3"`, `"other"` → decimal text in the company currency);
/// a line above it is flagged for the approver.
public struct ExpenseCategoryDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var key: String
    public var name: String
    public var limits: [String: String]
    public var archived: Bool
    public var version: Int
    public init(id: UUID, key: String, name: String, limits: [String: String], archived: Bool, version: Int) {
        self.id = id
        self.key = key
        self.name = name
        self.limits = limits
        self.archived = archived
        self.version = version
    }
}

/// `POST /api/v1/expenses/categories`: `name` required; `limits` per-day limits by city tier.
public struct ExpenseCategoryInput: Codable, Sendable, APISchemaRefining {
    public var name: String?
    public var limits: [String: DecimalText]?
    public init(name: String?, limits: [String: DecimalText]? = nil) {
        self.name = name
        self.limits = limits
    }
    public static var schemaRefinements: [String: SchemaRefinement] { ["name": .name(max: 60)] }
}

/// `PATCH /api/v1/expenses/categories/{id}`: `version` required; `limits` sent replace the old.
public struct ExpenseCategoryUpdate: Codable, Sendable, APISchemaRefining {
    public var version: Int?
    public var name: String?
    public var limits: [String: DecimalText]?
    public var archived: Bool?
    public init(version: Int?, name: String? = nil, limits: [String: DecimalText]? = nil, archived: Bool? = nil) {
        self.version = version
        self.name = name
        self.limits = limits
        self.archived = archived
    }
    public static var schemaRefinements: [String: SchemaRefinement] { ["version": .required, "name": .rename(max: 60)] }
}

/// An expense item (费用项目): what is bought (`Printer repair`), with the category a line of it
/// falls into unless the line names another.
public struct ExpenseItemDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var defaultCategoryID: UUID
    public init(id: UUID, name: String, defaultCategoryID: UUID) {
        self.id = id
        self.name = name
        self.defaultCategoryID = defaultCategoryID
    }
}

/// `POST /api/v1/expenses/items`.
public struct ExpenseItemInput: Codable, Sendable, APISchemaRefining {
    public var name: String?
    public var defaultCategoryID: UUID?
    public init(name: String?, defaultCategoryID: UUID?) {
        self.name = name
        self.defaultCategoryID = defaultCategoryID
    }
    public static var schemaRefinements: [String: SchemaRefinement] { ["name": .name(max: 80), "defaultCategoryID": .required] }
}

/// A budget (预算) of a department for a category and a month (`YYYY-MM`); `action` `stop`
/// (claims beyond it cannot be submitted or approved) or `warn` (they are flagged). `used`:
/// approved and paid claims; `pending`: claims being approved.
public struct ExpenseBudgetDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var departmentID: UUID
    public var departmentName: String?
    public var categoryID: UUID
    public var categoryName: String?
    public var month: String
    public var amount: String
    public var action: String
    public var used: String
    public var pending: String
    public var version: Int
    public init(id: UUID, departmentID: UUID, departmentName: String?, categoryID: UUID, categoryName: String?, month: String, amount: String,
                action: String, used: String, pending: String, version: Int) {
        self.id = id
        self.departmentID = departmentID
        self.departmentName = departmentName
        self.categoryID = categoryID
        self.categoryName = categoryName
        self.month = month
        self.amount = amount
        self.action = action
        self.used = used
        self.pending = pending
        self.version = version
    }
}

/// `POST /api/v1/expenses/budgets`: everything required; one budget per department, category and month.
public struct ExpenseBudgetInput: Codable, Sendable, APISchemaRefining {
    public var departmentID: UUID?
    public var categoryID: UUID?
    public var month: String?
    public var amount: DecimalText?
    public var action: String?
    public init(departmentID: UUID?, categoryID: UUID?, month: String?, amount: DecimalText?, action: String?) {
        self.departmentID = departmentID
        self.categoryID = categoryID
        self.month = month
        self.amount = amount
        self.action = action
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["departmentID": .required, "categoryID": .required, "month": SchemaRefinement(required: true, pattern: "^[0-9]{4}-(0[1-9]|1[0-2])$"),
         "amount": .required, "action": .oneOf(["stop", "warn"], required: true)]
    }
}

/// `PATCH /api/v1/expenses/budgets/{id}`: `version` required; `amount`, `action`.
public struct ExpenseBudgetUpdate: Codable, Sendable, APISchemaRefining {
    public var version: Int?
    public var amount: DecimalText?
    public var action: String?
    public init(version: Int?, amount: DecimalText? = nil, action: String? = nil) {
        self.version = version
        self.amount = amount
        self.action = action
    }
    public static var schemaRefinements: [String: SchemaRefinement] { ["version": .required, "action": .oneOf(["stop", "warn"])] }
}

/// One line of a claim as sent. `categoryID` absent: the item's default category; neither: the
/// line is refused. `amount` decimal text in `currency` (default the company's); another
/// currency needs `exchangeRate`, decimal text with at most 6 decimals: company-currency units
/// for one unit of `currency` (`7.1234` for USD → CNY). `tripID`: an approved business trip
/// (出差) approval of the claimant's that the expense belongs to. `invoiceType`:
/// `vatSpecial` (增值税专用发票), `vatNormal` (普通发票), `electronic`, `receipt`. `cityTier` `1`…`3`
/// or `other` with `days` for per-day limits. `receipts`: uploaded images or PDFs, at most 5 MB each.
public struct ExpenseLineInput: Codable, Sendable, APISchemaRefining {
    public var date: String?
    public var itemID: UUID?
    public var categoryID: UUID?
    public var amount: DecimalText?
    public var currency: String?
    public var description: String?
    public var invoiceNumber: String?
    public var invoiceType: String?
    public var cityTier: String?
    public var days: Int?
    public var customerID: UUID?
    public var receipts: [UUID]?
    public var exchangeRate: DecimalText?
    public var tripID: UUID?
    /// A project the claimant may book costs to (its cost counts against the project's
    /// `expenses` budget once the claim is approved).
    public var projectID: UUID?
    public init(date: String?, itemID: UUID? = nil, categoryID: UUID? = nil, amount: DecimalText?, currency: String? = nil, description: String? = nil,
                invoiceNumber: String? = nil, invoiceType: String? = nil, cityTier: String? = nil, days: Int? = nil, customerID: UUID? = nil,
                receipts: [UUID]? = nil, exchangeRate: DecimalText? = nil, tripID: UUID? = nil, projectID: UUID? = nil) {
        self.projectID = projectID
        self.exchangeRate = exchangeRate
        self.tripID = tripID
        self.date = date
        self.itemID = itemID
        self.categoryID = categoryID
        self.amount = amount
        self.currency = currency
        self.description = description
        self.invoiceNumber = invoiceNumber
        self.invoiceType = invoiceType
        self.cityTier = cityTier
        self.days = days
        self.customerID = customerID
        self.receipts = receipts
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["date": SchemaRefinement(required: true, format: "date"), "amount": .required, "description": .text(max: 200),
         "invoiceNumber": SchemaRefinement(maxLength: 40, pattern: "^[0-9A-Za-z-]*$"),
         "invoiceType": .oneOf(["vatSpecial", "vatNormal", "electronic", "receipt"]), "cityTier": .oneOf(["1", "2", "3", "other"]),
         "days": SchemaRefinement(minimum: 1, maximum: 366), "receipts": SchemaRefinement(maxItems: 10), "currency": .text(max: 3)]
    }
}

/// `POST /api/v1/expenses/claims`: a draft; `submit: true` submits it at once.
public struct ExpenseClaimInput: Codable, Sendable, APISchemaRefining {
    public var title: String?
    public var lines: [ExpenseLineInput]?
    public var submit: Bool?
    public init(title: String?, lines: [ExpenseLineInput]?, submit: Bool? = nil) {
        self.title = title
        self.lines = lines
        self.submit = submit
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["title": SchemaRefinement(maxLength: 120, pattern: SchemaPattern.line), "lines": SchemaRefinement(required: true, maxItems: 100)]
    }
}

/// `PATCH /api/v1/expenses/claims/{id}` (a draft): `version` required; `lines` replace the old ones.
public struct ExpenseClaimUpdate: Codable, Sendable, APISchemaRefining {
    public var version: Int?
    public var title: String?
    public var lines: [ExpenseLineInput]?
    public init(version: Int?, title: String? = nil, lines: [ExpenseLineInput]? = nil) {
        self.version = version
        self.title = title
        self.lines = lines
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["version": .required, "title": SchemaRefinement(maxLength: 120, pattern: SchemaPattern.line), "lines": SchemaRefinement(maxItems: 100)]
    }
}

/// A claim line as stored, with what the approver should look at: `duplicateInvoice` (the
/// invoice number is on another claim of the company), `overLimit` (above the category's
/// per-day limit), `overBudget` (its budget warns and is exceeded). `amount` is in the line's
/// `currency`; `companyAmount` in the company currency (the same text for a line in it), which
/// totals, budgets and limits use; `exchangeRate` is set for a line in another currency.
public struct ExpenseLineDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var date: String
    public var itemID: UUID?
    public var itemName: String?
    public var categoryID: UUID
    public var categoryName: String
    public var amount: String
    public var currency: String
    public var description: String?
    public var invoiceNumber: String?
    public var invoiceType: String?
    public var cityTier: String?
    public var days: Int?
    public var customerID: UUID?
    public var receipts: [UUID]
    public var duplicateInvoice: Bool
    public var overLimit: Bool
    public var overBudget: Bool
    public var companyAmount: String
    public var exchangeRate: String?
    public var tripID: UUID?
    public var projectID: UUID?
    /// `PRJ-2026-00001 Shop opening`.
    public var projectName: String?
    public init(id: UUID, date: String, itemID: UUID?, itemName: String?, categoryID: UUID, categoryName: String, amount: String, currency: String,
                description: String?, invoiceNumber: String?, invoiceType: String?, cityTier: String?, days: Int?, customerID: UUID?, receipts: [UUID],
                duplicateInvoice: Bool, overLimit: Bool, overBudget: Bool, companyAmount: String? = nil, exchangeRate: String? = nil, tripID: UUID? = nil,
                projectID: UUID? = nil, projectName: String? = nil) {
        self.projectID = projectID
        self.projectName = projectName
        self.companyAmount = companyAmount ?? amount
        self.exchangeRate = exchangeRate
        self.tripID = tripID
        self.id = id
        self.date = date
        self.itemID = itemID
        self.itemName = itemName
        self.categoryID = categoryID
        self.categoryName = categoryName
        self.amount = amount
        self.currency = currency
        self.description = description
        self.invoiceNumber = invoiceNumber
        self.invoiceType = invoiceType
        self.cityTier = cityTier
        self.days = days
        self.customerID = customerID
        self.receipts = receipts
        self.duplicateInvoice = duplicateInvoice
        self.overLimit = overLimit
        self.overBudget = overBudget
    }
}

/// An expense claim (报销单). `state`: `draft`, `pending`, `approved`, `paid`, `rejected` (back to
/// the requester as a draft after rejection is `draft` again), `cancelled`. `total` decimal text
/// in the company currency; `warnings` message codes for the requester and approver. When paid:
/// `offset` what open advances of the claimant covered (`offsets` says which), `netPaid` what
/// was paid to the employee (total − offset); both decimal text.
public struct ExpenseClaimDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var number: String
    public var employeeID: UUID
    public var employeeName: String
    public var departmentID: UUID?
    public var title: String?
    public var currency: String
    public var total: String
    public var state: String
    public var lines: [ExpenseLineDTO]
    public var warnings: [String]
    public var approvalID: UUID?
    public var paidOn: String?
    public var paidBy: UUID?
    public var offset: String
    public var netPaid: String?
    public var offsets: [ExpenseAdvanceMovementDTO]
    public var version: Int
    public init(id: UUID, number: String, employeeID: UUID, employeeName: String, departmentID: UUID?, title: String?, currency: String, total: String,
                state: String, lines: [ExpenseLineDTO], warnings: [String], approvalID: UUID?, paidOn: String?, paidBy: UUID?, version: Int,
                offset: String = "0", netPaid: String? = nil, offsets: [ExpenseAdvanceMovementDTO] = []) {
        self.offset = offset
        self.netPaid = netPaid
        self.offsets = offsets
        self.id = id
        self.number = number
        self.employeeID = employeeID
        self.employeeName = employeeName
        self.departmentID = departmentID
        self.title = title
        self.currency = currency
        self.total = total
        self.state = state
        self.lines = lines
        self.warnings = warnings
        self.approvalID = approvalID
        self.paidOn = paidOn
        self.paidBy = paidBy
        self.version = version
    }
}

/// `POST /api/v1/expenses/claims/{id}/submit` and `…/pay`: the version read; `paidOn` the
/// payment date (`YYYY-MM-DD`, default today) when paying. Paying may set open advances of the
/// claimant against the claim: `offsets` names them with amounts, or `offsetAll: true` takes
/// the balances oldest paid first up to the claim's total (not both).
public struct ExpenseClaimAction: Codable, Sendable, APISchemaRefining {
    public var version: Int?
    public var paidOn: String?
    public var offsets: [ExpenseOffsetInput]?
    public var offsetAll: Bool?
    public init(version: Int?, paidOn: String? = nil, offsets: [ExpenseOffsetInput]? = nil, offsetAll: Bool? = nil) {
        self.version = version
        self.paidOn = paidOn
        self.offsets = offsets
        self.offsetAll = offsetAll
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["version": .required, "paidOn": SchemaRefinement(format: "date"), "offsets": SchemaRefinement(maxItems: 50)]
    }
}
