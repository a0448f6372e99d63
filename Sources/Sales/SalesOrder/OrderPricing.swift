import Platform

/// The money rules of a sales order.
///
/// Line amount = unit price × quantity × (1 − discount), rounded once per line to the
/// currency's minor unit (half-up by default) — Northwind's and Odoo's per-line rule
/// (../shared/cases/northwind.md: order 10248 → 440.00). Untaxed total = sum of line amounts;
/// freight is a separate charge, kept out of product sales.
public enum OrderPricing {
    /// - Parameters:
    ///   - unitPrice: price per unit in minor units.
    ///   - quantity: fixed point (4 decimals).
    ///   - discount: hundredths of a percent, 0…10000.
    /// - Returns: the line amount in minor units, or nil when it does not fit an `Int64`.
    public static func lineAmount(unitPrice: Int64, quantity: Quantity, discount: Percentage, rule: RoundingRule) -> Int64? {
        let numerator = Int128(unitPrice) * Int128(quantity.scaled) * Int128(Percentage.hundredPercent - discount.hundredths)
        let denominator = Int128(Quantity.unit) * Int128(Percentage.hundredPercent)
        return Int64(exactly: rule.divide(numerator, by: denominator))
    }
}
