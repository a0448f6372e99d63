import AfieldAPI
import AfieldTesting
import Foundation

/// Ids from the demo company that order tests need.
struct OrderFixtures {
    let customer: UUID
    let product: UUID
    let otherProduct: UUID
    let discontinued: UUID

    static func load(_ api: APIClient) async throws -> OrderFixtures {
        let customers: Page<PartnerSummary> = try await api.get("/api/v1/partners/customers?q=Alfreds").decode()
        let chai: Page<ProductDTO> = try await api.get("/api/v1/products/products?q=NW-1&limit=100").decode()
        let old: Page<ProductDTO> = try await api.get("/api/v1/products/products?archived=only").decode()
        guard let customer = customers.items.first, let p1 = chai.items.first(where: { $0.sku == "NW-1" }),
              let p2 = chai.items.first(where: { $0.sku == "NW-11" }), let gone = old.items.first
        else { throw TestFailure("demo data missing") }
        return OrderFixtures(customer: customer.id, product: p1.id, otherProduct: p2.id, discontinued: gone.id)
    }

    func input(quantity: DecimalText = "2", discount: DecimalText? = nil, price: DecimalText? = nil) -> OrderInput {
        OrderInput(customerId: customer, orderDate: "2026-11-29",
                   lines: [OrderLineInput(productId: product, quantity: quantity, unitPrice: price, discountPercent: discount)])
    }
}
