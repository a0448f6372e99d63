import Foundation

/// The company's settings (`GET/PATCH /api/v1/auth/tenant`).
///
/// `rounding`: `half_up` (default) or `half_even`. `taxRounding`: `per_line` or `per_document`
/// (tax on unrounded line amounts summed per rate, rounded once — ../shared/cases/money.md M-01).
/// `currency` (ISO 4217) can change only while the company has no business records.
public struct TenantSettings: Codable, Sendable {
    public var name: String
    public var currency: String
    public var timeZone: String
    public var locale: String
    /// Month (1–12) the fiscal year starts in.
    public var fiscalYearStartMonth: Int
    public var rounding: String
    public var taxRounding: String
    public var version: Int
    public init(name: String, currency: String, timeZone: String, locale: String, fiscalYearStartMonth: Int, rounding: String,
                taxRounding: String, version: Int) {
        self.name = name
        self.currency = currency
        self.timeZone = timeZone
        self.locale = locale
        self.fiscalYearStartMonth = fiscalYearStartMonth
        self.rounding = rounding
        self.taxRounding = taxRounding
        self.version = version
    }
}

/// `PATCH /api/v1/auth/tenant`: `version` required; absent fields stay.
public struct TenantSettingsUpdate: Codable, Sendable {
    public var version: Int?
    public var name: String?
    public var currency: String?
    public var timeZone: String?
    public var locale: String?
    public var fiscalYearStartMonth: Int?
    public var rounding: String?
    public var taxRounding: String?
    public init(version: Int?, name: String? = nil, currency: String? = nil, timeZone: String? = nil, locale: String? = nil,
                fiscalYearStartMonth: Int? = nil, rounding: String? = nil, taxRounding: String? = nil) {
        self.version = version
        self.name = name
        self.currency = currency
        self.timeZone = timeZone
        self.locale = locale
        self.fiscalYearStartMonth = fiscalYearStartMonth
        self.rounding = rounding
        self.taxRounding = taxRounding
    }
}
