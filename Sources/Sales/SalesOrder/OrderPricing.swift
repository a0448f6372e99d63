import Platform

/// The money rules of a sales order.
///
/// Line amount = unit price × quantity × (1 − discount), rounded once per line to the
/// currency's minor unit (half-up by default) — Northwind's and Odoo's per-line rule
/// (../shared/cases/northwind.md: order 10248 → 440.00). Untaxed total = sum of line amounts;
/// freight is a separate charge, kept out of product sales.
public enum OrderPricing {
    /// Largest line amount or order total, in minor units (10^13: 100 billion in a 2-decimal
    /// currency). Keeps every sum of up to ~900,000 orders inside `Int64`, so reports cannot overflow.
    public static let maximumAmount: UInt64 = 10_000_000_000_000

    /// Most lines on one order: a bound on the work and the write lock one request can take.
    public static let maximumLines = 500

    /// - Parameters:
    ///   - unitPrice: price per unit in minor units.
    ///   - quantity: fixed point (4 decimals).
    ///   - discount: hundredths of a percent, 0…10000.
    /// - Returns: the line amount in minor units, or nil when it does not fit an `Int64`.
    public static func lineAmount(unitPrice: Int64, quantity: Quantity, discount: Percentage, rule: RoundingRule) -> Int64? {
        let (partial, overflow1) = Int128(unitPrice).multipliedReportingOverflow(by: Int128(quantity.scaled))
        let (numerator, overflow2) = partial.multipliedReportingOverflow(by: Int128(Percentage.hundredPercent - discount.hundredths))
        guard !overflow1, !overflow2 else { return nil }
        let denominator = Int128(Quantity.unit) * Int128(Percentage.hundredPercent)
        guard let amount = Int64(exactly: rule.divide(numerator, by: denominator)), amount.magnitude <= maximumAmount else { return nil }
        return amount
    }
}
