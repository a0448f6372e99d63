import Fluent
import Foundation
import Platform

/// An advance (借款/备用金) of an employee; see ``AfieldAPI/ExpenseAdvanceDTO``. Money in minor
/// units of `currency` (the company's). `offset_total` and `returned_total` only grow, by the
/// conditional updates of ``AdvanceLedger``, so the balance can never go below zero.
final class ExpenseAdvance: Model, @unchecked Sendable {
    static let schema = "expense_advances"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "number") var number: String
    @Field(key: "employee_id") var employeeID: UUID
    @OptionalField(key: "department_id") var departmentID: UUID?
    @Field(key: "purpose") var purpose: String
    @OptionalField(key: "expected_claim_date") var expectedClaimDate: String?
    @Field(key: "currency") var currency: String
    @Field(key: "amount") var amount: Int64
    @Field(key: "offset_total") var offsetTotal: Int64
    @Field(key: "returned_total") var returnedTotal: Int64
    /// ``AdvanceState`` raw value.
    @Field(key: "state") var state: String
    @OptionalField(key: "paid_on") var paidOn: String?
    @OptionalField(key: "paid_by") var paidBy: UUID?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "created_at") var createdAt: Date?
    @OptionalField(key: "updated_at") var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}

    /// What is still open: amount − offset − returned, minor units.
    var balance: Int64 { amount - offsetTotal - returnedTotal }
}

/// One movement of an advance's money: set against a paid claim (`offset`) or given back
/// (`return`).
final class AdvanceMovement: Model, @unchecked Sendable {
    static let schema = "expense_advance_movements"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "advance_id") var advanceID: UUID
    /// `offset` or `return`.
    @Field(key: "kind") var kind: String
    @OptionalField(key: "claim_id") var claimID: UUID?
    /// Minor units of the company currency, above zero.
    @Field(key: "amount") var amount: Int64
    /// `YYYY-MM-DD`.
    @Field(key: "date") var date: String
    @OptionalField(key: "recorded_by") var recordedBy: UUID?
    @OptionalField(key: "created_at") var createdAt: Date?

    init() {}
}

/// The states of an advance (DESIGN §3): asked for → `pending` → `approved` → `paid` (open
/// balance) → `settled` (balance 0); rejected or withdrawn, it ends there (asking again is a
/// new advance).
enum AdvanceState: String, Sendable {
    case pending, approved, paid, settled, rejected, withdrawn
}
