import Fluent
import Foundation

/// One movement of a leave balance: a grant (`accrual`, `carryOver`, `earned`, `adjustment`;
/// positive) or a take (`taken`, negative) and its undoing (`restored`). Rows are never changed;
/// balances are replayed from them (``LeaveBalanceBook``). Amounts are hundredths of the type's
/// unit (`150` = 1.5 days).
final class LeaveLedgerEntry: Model, @unchecked Sendable {
    static let schema = "leave_ledger"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "employee_id") var employeeID: UUID
    @Field(key: "type_key") var typeKey: String
    @Field(key: "kind") var kind: String
    @Field(key: "amount") var amount: Int64
    /// The day it counts from (a grant) or the first day of the leave (a take), `YYYY-MM-DD`.
    @Field(key: "date") var date: String
    /// The last day a grant may be used; nil: no end.
    @OptionalField(key: "expires_on") var expiresOn: String?
    /// What makes the entry unique for the person and type (`accrual:2026`, `taken:<request>`):
    /// running an accrual twice, or approving twice, writes nothing the second time.
    @Field(key: "dedupe_key") var dedupeKey: String
    @OptionalField(key: "request_id") var requestID: UUID?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "created_at") var createdAt: Date?

    init() {}

    init(tenantID: UUID, employeeID: UUID, typeKey: String, kind: String, amount: Int64, date: String, expiresOn: String?, dedupeKey: String,
         requestID: UUID? = nil, by: UUID?, at: Date) {
        self.id = UUID()
        self.tenantID = tenantID
        self.employeeID = employeeID
        self.typeKey = typeKey
        self.kind = kind
        self.amount = amount
        self.date = date
        self.expiresOn = expiresOn
        self.dedupeKey = dedupeKey
        self.requestID = requestID
        self.createdBy = by
        self.createdAt = at
    }
}
