import Fluent
import Foundation

/// A company using Afield; every business row carries its id (DESIGN §2).
public final class Tenant: Model, @unchecked Sendable {
    public static let schema = "tenants"

    @ID(key: .id) public var id: UUID?
    /// URL-safe unique handle, e.g. `northwind`.
    @Field(key: "slug") public var slug: String
    @Field(key: "name") public var name: String
    /// ISO 4217 base currency.
    @Field(key: "currency") public var currency: String
    /// IANA time zone answering every "which day" question for the company.
    @Field(key: "time_zone") public var timeZone: String
    @Field(key: "locale") public var locale: String
    @Field(key: "rounding") public var rounding: String
    /// Month (1–12) the fiscal year starts in.
    @Field(key: "fiscal_year_start_month") public var fiscalYearStartMonth: Int
    /// `per_line` or `per_document`.
    @Field(key: "tax_rounding") public var taxRounding: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @Field(key: "version") public var version: Int

    public init() {}

    public init(id: UUID? = nil, slug: String, name: String, currency: String, timeZone: String, locale: String) {
        self.id = id
        self.slug = slug
        self.name = name
        self.currency = currency
        self.timeZone = timeZone
        self.locale = locale
        self.rounding = RoundingRule.halfUp.rawValue
        self.fiscalYearStartMonth = 1
        self.taxRounding = "per_line"
        self.version = 1
    }
}
