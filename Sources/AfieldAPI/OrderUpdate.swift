import Foundation

/// Body of `PATCH /api/v1/sales/orders/{id}`: new content for a **draft** order.
///
/// `version` is the order version the client last read (required). Every other field is
/// optional: an absent field keeps the order's current value, a present one replaces it —
/// `lines`, when present, replaces all lines (in the order given, the same shape and rules as on
/// create: omitted `unitPrice` → the product's list price). An empty `requiredDate` or `notes`
/// clears it. Field rules and error codes are those of `POST /api/v1/sales/orders`.
///
/// Answers: 200 with the order as stored; 404 for an order outside the caller's data scope;
/// 409 `sales.order.not_editable` when the order is no longer a draft and 409
/// `conflict.stale_version` when `version` is not the current one — both with the order as it is
/// now under `current`; 422 `validation_failed` with field problems (nothing is changed).
public struct OrderUpdate: Codable, Sendable {
    public var version: Int?
    public var customerId: UUID?
    /// `YYYY-MM-DD`, a day in the company's time zone.
    public var orderDate: String?
    /// `YYYY-MM-DD`; `""` clears it.
    public var requiredDate: String?
    public var carrierId: UUID?
    public var salespersonId: UUID?
    /// Decimal text in the company currency.
    public var freight: DecimalText?
    /// `""` clears them.
    public var notes: String?
    public var lines: [OrderLineInput]?

    public init(version: Int?, customerId: UUID? = nil, orderDate: String? = nil, requiredDate: String? = nil, carrierId: UUID? = nil,
                salespersonId: UUID? = nil, freight: DecimalText? = nil, notes: String? = nil, lines: [OrderLineInput]? = nil) {
        self.version = version
        self.customerId = customerId
        self.orderDate = orderDate
        self.requiredDate = requiredDate
        self.carrierId = carrierId
        self.salespersonId = salespersonId
        self.freight = freight
        self.notes = notes
        self.lines = lines
    }
}
