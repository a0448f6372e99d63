import Foundation

/// A sales order in a list. Money fields are decimal strings in `currency`;
/// days are `YYYY-MM-DD` in the company's time zone. `total` = `untaxedTotal` + `freight`.
public struct OrderSummary: Codable, Sendable {
    public var id: UUID
    public var number: String
    /// `draft`, `confirmed`, `delivered` or `cancelled`.
    public var state: String
    public var orderDate: String
    public var requiredDate: String?
    public var shippedDate: String?
    public var customerId: UUID
    public var customerName: String
    public var salespersonId: UUID?
    public var salespersonName: String?
    public var untaxedTotal: String
    public var freight: String
    public var total: String
    public var currency: String
    public var version: Int

    public init(id: UUID, number: String, state: String, orderDate: String, requiredDate: String?, shippedDate: String?,
                customerId: UUID, customerName: String, salespersonId: UUID?, salespersonName: String?,
                untaxedTotal: String, freight: String, total: String, currency: String, version: Int) {
        self.id = id
        self.number = number
        self.state = state
        self.orderDate = orderDate
        self.requiredDate = requiredDate
        self.shippedDate = shippedDate
        self.customerId = customerId
        self.customerName = customerName
        self.salespersonId = salespersonId
        self.salespersonName = salespersonName
        self.untaxedTotal = untaxedTotal
        self.freight = freight
        self.total = total
        self.currency = currency
        self.version = version
    }
}

/// Where an order is shipped to (kept on the order as text, like the source documents).
public struct ShipTo: Codable, Sendable {
    public var name: String?
    public var address: String?
    public var city: String?
    public var region: String?
    public var postalCode: String?
    public var country: String?
    public init(name: String?, address: String?, city: String?, region: String?, postalCode: String?, country: String?) {
        self.name = name
        self.address = address
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
    }
}

/// One line of an order. `amount` = unitPrice × quantity × (1 − discountPercent/100),
/// rounded half-up to the currency's minor unit per line.
public struct OrderLineDTO: Codable, Sendable {
    public var id: UUID?
    public var productId: UUID
    public var sku: String
    public var productName: String
    public var quantity: String
    public var unitPrice: String
    public var discountPercent: String
    public var amount: String
    public init(id: UUID?, productId: UUID, sku: String, productName: String, quantity: String, unitPrice: String, discountPercent: String, amount: String) {
        self.id = id
        self.productId = productId
        self.sku = sku
        self.productName = productName
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.discountPercent = discountPercent
        self.amount = amount
    }
}

/// A sales order with its lines. `notes`: free text for the people handling the order
/// (absent when there are none).
public struct OrderDetail: Codable, Sendable {
    public var order: OrderSummary
    public var carrierId: UUID?
    public var carrierName: String?
    public var shipTo: ShipTo
    public var notes: String?
    public var lines: [OrderLineDTO]

    public init(order: OrderSummary, carrierId: UUID?, carrierName: String?, shipTo: ShipTo, notes: String? = nil, lines: [OrderLineDTO]) {
        self.order = order
        self.carrierId = carrierId
        self.carrierName = carrierName
        self.shipTo = shipTo
        self.notes = notes
        self.lines = lines
    }

    // Flat on the wire: the summary's fields sit beside carrier, shipTo, notes and lines.
    private enum CodingKeys: String, CodingKey { case carrierId, carrierName, shipTo, notes, lines }

    public init(from decoder: any Decoder) throws {
        order = try OrderSummary(from: decoder)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        carrierId = try c.decodeIfPresent(UUID.self, forKey: .carrierId)
        carrierName = try c.decodeIfPresent(String.self, forKey: .carrierName)
        shipTo = try c.decode(ShipTo.self, forKey: .shipTo)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
        lines = try c.decode([OrderLineDTO].self, forKey: .lines)
    }

    public func encode(to encoder: any Encoder) throws {
        try order.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(carrierId, forKey: .carrierId)
        try c.encodeIfPresent(carrierName, forKey: .carrierName)
        try c.encode(shipTo, forKey: .shipTo)
        try c.encodeIfPresent(notes, forKey: .notes)
        try c.encode(lines, forKey: .lines)
    }
}

/// Body of `POST /api/v1/sales/orders` and `/orders/preview`.
/// Omitted: `orderDate` → today in the user's time zone (their own, else the company's); `salespersonId` → the caller's
/// employee record; `unitPrice` → the product's list price; `discountPercent` → 0; `notes` → none
/// (at most ``OrderInput/notesMaximum`` characters; blank counts as none).
/// `id` (optional, create only): the UUID a client made for an order created offline, so that its
/// later commands can name the order; one already taken answers 409 `conflict.id_taken`. The
/// order is a draft and takes its number (`SO-…`) on the server.
public struct OrderInput: Codable, Sendable {
    /// Longest `notes` accepted, in characters.
    public static let notesMaximum = 2000

    public var id: UUID?
    public var customerId: UUID?
    public var orderDate: String?
    public var requiredDate: String?
    public var carrierId: UUID?
    public var salespersonId: UUID?
    public var freight: DecimalText?
    public var notes: String?
    public var lines: [OrderLineInput]?

    public init(id: UUID? = nil, customerId: UUID?, orderDate: String? = nil, requiredDate: String? = nil, carrierId: UUID? = nil,
                salespersonId: UUID? = nil, freight: DecimalText? = nil, notes: String? = nil, lines: [OrderLineInput]?) {
        self.id = id
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

/// One line of ``OrderInput``.
public struct OrderLineInput: Codable, Sendable {
    public var productId: UUID?
    public var quantity: DecimalText?
    public var unitPrice: DecimalText?
    public var discountPercent: DecimalText?
    public init(productId: UUID?, quantity: DecimalText?, unitPrice: DecimalText? = nil, discountPercent: DecimalText? = nil) {
        self.productId = productId
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.discountPercent = discountPercent
    }
}

/// Answer of `POST /api/v1/sales/orders/preview`: the computed lines and totals; nothing stored.
public struct OrderPreview: Codable, Sendable {
    public var lines: [OrderLineDTO]
    public var untaxedTotal: String
    public var freight: String
    public var total: String
    public var currency: String
    public init(lines: [OrderLineDTO], untaxedTotal: String, freight: String, total: String, currency: String) {
        self.lines = lines
        self.untaxedTotal = untaxedTotal
        self.freight = freight
        self.total = total
        self.currency = currency
    }
}

/// An employee who can be named salesperson on orders.
public struct SalespersonDTO: Codable, Sendable {
    public var id: UUID
    public var name: String
    public var title: String?
    public init(id: UUID, name: String, title: String?) {
        self.id = id
        self.name = name
        self.title = title
    }
}
