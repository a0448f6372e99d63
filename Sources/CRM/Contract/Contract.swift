import Fluent
import Foundation

/// A contract (合同) with a customer (issue 12 point 8).
///
/// States: `draft` → `pending` (waiting for approval, subject ``ContractApproval/subject``) →
/// `active` → `expired` (the reminder job, once `ends_on` has passed in the company's time zone) or
/// `terminated`; a draft may be `cancelled`. Only a draft is edited; renewal makes a new draft.
final class Contract: Model, @unchecked Sendable {
    static let schema = "crm_contracts"
    static let states = ["draft", "pending", "active", "expired", "terminated", "cancelled"]

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    /// `CT-2026-00001`.
    @Field(key: "number") var number: String
    @Field(key: "title") var title: String
    @Field(key: "customer_id") var customerID: UUID
    @OptionalField(key: "opportunity_id") var opportunityID: UUID?
    /// A contact of the customer.
    @OptionalField(key: "customer_signatory_id") var customerSignatoryID: UUID?
    /// An employee.
    @OptionalField(key: "our_signatory_id") var ourSignatoryID: UUID?
    /// Minor units of `currency` (the company's).
    @Field(key: "amount") var amount: Int64
    @Field(key: "currency") var currency: String
    /// Sum of the receipts, minor units.
    @Field(key: "received") var received: Int64
    /// `YYYY-MM-DD`.
    @OptionalField(key: "signed_on") var signedOn: String?
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String
    @OptionalField(key: "terms") var terms: String?
    @Field(key: "remind_days") var remindDays: Int
    @Field(key: "state") var state: String
    @OptionalField(key: "termination_reason") var terminationReason: String?
    @OptionalField(key: "renewal_of_id") var renewalOfID: UUID?
    @OptionalField(key: "renewed_by_id") var renewedByID: UUID?
    /// When the renewal reminder was sent (once per contract).
    @OptionalField(key: "reminded_at") var remindedAt: Date?
    @Field(key: "search_text") var searchText: String
    @Field(key: "owner_id") var ownerID: UUID
    @OptionalField(key: "department_id") var departmentID: UUID?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}

/// A sales order linked to a contract.
final class ContractOrder: Model, @unchecked Sendable {
    static let schema = "crm_contract_orders"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "contract_id") var contractID: UUID
    @Field(key: "order_id") var orderID: UUID

    init() {}
}

/// One instalment of the collection plan (回款计划): amount in minor units due on a day.
final class ContractInstalment: Model, @unchecked Sendable {
    static let schema = "crm_contract_instalments"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "contract_id") var contractID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "due_on") var dueOn: String
    @Field(key: "amount") var amount: Int64
    @OptionalField(key: "note") var note: String?

    init() {}
}

/// Money received on a contract (回款), minor units.
final class ContractReceipt: Model, @unchecked Sendable {
    static let schema = "crm_contract_receipts"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "contract_id") var contractID: UUID
    @Field(key: "received_on") var receivedOn: String
    @Field(key: "amount") var amount: Int64
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
