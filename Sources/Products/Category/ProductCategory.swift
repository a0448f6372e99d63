import Fluent
import Foundation

/// A group of products (Beverages, Condiments, …).
public final class ProductCategory: Model, @unchecked Sendable {
    public static let schema = "product_categories"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    /// Unique per tenant (`NW-CAT-1`).
    @Field(key: "code") public var code: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "description") public var description: String?
    @Field(key: "version") public var version: Int

    public init() {}
}
