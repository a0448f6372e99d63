import Fluent
import Foundation

/// A stage of the company's sales funnel (商机阶段) with its win probability.
///
/// `kind`: `open` stages in `position` order, then one `won` (100 %) and one `lost` (0 %) stage.
/// A company starts with 初步接洽 10 %, 需求确认 30 %, 方案报价 50 %, 谈判审核 80 % (Odoo's and
/// 销售易's usual ladder) and may rename, reorder, add or archive open stages.
final class OpportunityStage: Model, @unchecked Sendable {
    static let schema = "crm_stages"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "name") var name: String
    /// 0–100.
    @Field(key: "probability") var probability: Int
    @Field(key: "position") var position: Int
    @Field(key: "kind") var kind: String
    @Field(key: "archived") var archived: Bool
    @Field(key: "version") var version: Int

    init() {}
}

/// An opportunity (商机): a possible sale to a customer, moving through the stages.
final class Opportunity: Model, @unchecked Sendable {
    static let schema = "crm_opportunities"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    /// `OPP-2026-00001`.
    @Field(key: "number") var number: String
    @Field(key: "name") var name: String
    @Field(key: "customer_id") var customerID: UUID
    @Field(key: "stage_id") var stageID: UUID
    /// Minor units of `currency` (the company's).
    @Field(key: "amount") var amount: Int64
    @Field(key: "currency") var currency: String
    /// `YYYY-MM-DD`.
    @OptionalField(key: "expected_close") var expectedClose: String?
    /// JSON array of names.
    @OptionalField(key: "competitors") var competitors: String?
    @OptionalField(key: "lost_reason") var lostReason: String?
    /// `open`, `won`, `lost`: the kind of its stage, kept for queries.
    @Field(key: "state") var state: String
    /// The highest open-stage position it has been in, for the funnel's conversion.
    @Field(key: "furthest_position") var furthestPosition: Int
    @OptionalField(key: "closed_at") var closedAt: Date?
    @OptionalField(key: "order_id") var orderID: UUID?
    @OptionalField(key: "lead_id") var leadID: UUID?
    @Field(key: "owner_id") var ownerID: UUID
    @OptionalField(key: "department_id") var departmentID: UUID?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}

/// A product on an opportunity: quantity in 1/10,000 (4 decimals), unit price in minor units.
final class OpportunityLine: Model, @unchecked Sendable {
    static let schema = "crm_opportunity_lines"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "opportunity_id") var opportunityID: UUID
    @Field(key: "product_id") var productID: UUID
    @Field(key: "quantity") var quantity: Int64
    @Field(key: "unit_price") var unitPrice: Int64
    @Field(key: "position") var position: Int

    init() {}
}
