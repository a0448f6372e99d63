import Fluent
import Foundation
import Platform

/// An expense claim (报销单); see ``AfieldAPI/ExpenseClaimDTO``. Money in minor units of `currency`.
final class ExpenseClaim: Model, @unchecked Sendable {
    static let schema = "expense_claims"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "number") var number: String
    @Field(key: "employee_id") var employeeID: UUID
    @OptionalField(key: "department_id") var departmentID: UUID?
    @OptionalField(key: "title") var title: String?
    @Field(key: "currency") var currency: String
    @Field(key: "total") var total: Int64
    /// ``ClaimState`` raw value.
    @Field(key: "state") var state: String
    /// Message codes joined by commas (`expenses.duplicate_invoice`).
    @Field(key: "warnings") var warningsText: String
    @OptionalField(key: "paid_on") var paidOn: String?
    @OptionalField(key: "paid_by") var paidBy: UUID?
    /// What open advances covered when it was paid, minor units (0 unpaid or none).
    @Field(key: "advance_offset") var advanceOffset: Int64
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "created_at") var createdAt: Date?
    @OptionalField(key: "updated_at") var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}

    var warnings: [String] { warningsText.split(separator: ",").map(String.init) }
}

/// A line of a claim.
final class ExpenseLine: Model, @unchecked Sendable {
    static let schema = "expense_lines"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "claim_id") var claimID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "date") var date: String
    @OptionalField(key: "item_id") var itemID: UUID?
    @Field(key: "category_id") var categoryID: UUID
    /// Minor units of the company currency (converted for a line in another currency).
    @Field(key: "amount") var amount: Int64
    /// The line's own currency.
    @Field(key: "currency") var currency: String
    /// For a line in another currency: its amount in minor units of `currency`, and the rate
    /// as sent (decimal text, company-currency units per unit of `currency`).
    @OptionalField(key: "original_amount") var originalAmount: Int64?
    @OptionalField(key: "exchange_rate") var exchangeRate: String?
    /// An approved trip of the claimant (``ExpenseTrip`` `instanceID`).
    @OptionalField(key: "trip_id") var tripID: UUID?
    @OptionalField(key: "description") var lineDescription: String?
    @OptionalField(key: "invoice_number") var invoiceNumber: String?
    @OptionalField(key: "invoice_type") var invoiceType: String?
    @OptionalField(key: "city_tier") var cityTier: String?
    @OptionalField(key: "days") var days: Int?
    @OptionalField(key: "customer_id") var customerID: UUID?
    /// A project the line's cost is booked to (issue 13).
    @OptionalField(key: "project_id") var projectID: UUID?
    /// File ids joined by commas.
    @Field(key: "receipts") var receiptsText: String
    @Field(key: "duplicate_invoice") var duplicateInvoice: Bool
    @Field(key: "over_limit") var overLimit: Bool
    @Field(key: "over_budget") var overBudget: Bool

    init() {}

    var receipts: [UUID] { receiptsText.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
}

/// The states of a claim and what moves it (DESIGN §3).
enum ClaimState: String, Sendable {
    case draft, pending, approved, paid, cancelled

    /// States whose lines hold budget when a claim is submitted.
    static let holdingOnSubmit = ["pending", "approved", "paid"]
    /// … and when one is approved.
    static let holdingOnApproval = ["approved", "paid"]
    /// States in which an invoice number counts as used.
    static let usingInvoices = ["pending", "approved", "paid"]
}

/// A claim was paid (`expenses.claim_paid`): Finance posts the voucher from it (expense by
/// category, less `advanceOffset` clearing the employee's advance receivable, `netPaid` out of
/// the bank). Published in the paying transaction (``Platform/DomainEvents``).
public struct ClaimPaid: DomainEvent {
    public static let name = "expenses.claim_paid"
    public let tenantID: UUID
    public let claimID: UUID
    public let number: String
    public let employeeID: UUID
    public let departmentID: UUID?
    /// Minor units of `currency`.
    public let total: Int64
    public let currency: String
    /// Amount by category id, minor units.
    public let byCategory: [UUID: Int64]
    /// `YYYY-MM-DD`.
    public let paidOn: String
    public let paidBy: UUID?
    /// What the claimant's open advances covered, minor units (0 when none).
    public let advanceOffset: Int64
    /// What was paid to the employee: `total − advanceOffset`, minor units.
    public let netPaid: Int64
    /// The advances set against the claim and how much of each, minor units.
    public let offsets: [UUID: Int64]
}
