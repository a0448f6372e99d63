import Foundation

/// Body of `POST /api/v1/sales/orders/{id}/cancel`: the `version` of the order as read.
///
/// A draft, an order awaiting approval (its approval is withdrawn) or a confirmed order can be
/// cancelled; a delivered or already cancelled one answers 409 `sales.order.invalid_transition`,
/// and a stale `version` 409 `conflict.stale_version`, both with the order as it is now under
/// `current`.
public struct OrderCancelRequest: Codable, Sendable {
    public var version: Int?

    public init(version: Int?) { self.version = version }
}
