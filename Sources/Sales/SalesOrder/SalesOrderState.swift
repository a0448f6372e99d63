import Platform

/// States of a sales order. Northwind's shipped orders import as `delivered`, the others as
/// `confirmed`; new orders start as `draft`. `pending`: confirmed by its salesperson but waiting
/// for the company's approval flow (when it has one for sales orders); nothing downstream
/// (delivery, reports) happens until the flow approves it, and rejection returns it to `draft`.
public enum SalesOrderState: String, Codable, Sendable, CaseIterable {
    case draft, pending, confirmed, delivered, cancelled

    /// States whose lines count as sales in reports.
    public static let counted: [SalesOrderState] = [.confirmed, .delivered]
}

extension SalesModule {
    static let orderRead = Permission("sales.order.read")
    static let orderCreate = Permission("sales.order.create")
    /// Changing a draft order's content (customer, days, salesperson, notes, lines).
    static let orderWrite = Permission("sales.order.write")
    static let orderConfirm = Permission("sales.order.confirm")
    static let orderCancel = Permission("sales.order.cancel")
    static let orderExport = Permission("sales.order.export")
    static let reportRead = Permission("sales.report.read")
    static let salespersonRead = Permission("sales.salesperson.read")

    /// The transition table of sales orders (DESIGN §3).
    static let orderStates = StateMachine<SalesOrderState>(entity: "sales.order", transitions: [
        .init(from: [.draft], to: .confirmed, action: "confirm", permission: orderConfirm),
        .init(from: [.confirmed], to: .delivered, action: "deliver", permission: orderConfirm),
        // Cancelling an order awaiting approval withdraws its approval (``SalesOrderCancelling``).
        .init(from: [.draft, .pending, .confirmed], to: .cancelled, action: "cancel", permission: orderCancel),
        // Taken by the approval flow's outcome (``SalesOrderApproval``), not by a request: the
        // flow's approvers decide, whatever sales permissions they hold.
        .init(from: [.pending], to: .confirmed, action: "approve", permission: orderConfirm),
        .init(from: [.pending], to: .draft, action: "return", permission: orderConfirm),
    ])
}
