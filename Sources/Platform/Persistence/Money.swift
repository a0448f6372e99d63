/// An amount of money: integer minor units plus currency (DESIGN §2). Never a `Double`.
///
/// `Money(minorUnits: 44000, currency: .usd)` is USD 440.00.
public struct Money: Hashable, Sendable {
    public var minorUnits: Int64
    public var currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    /// Reads a decimal text such as `"18.00"` or `"9.8"` exactly.
    /// - Throws: ``FixedDecimal/ParseError`` (e.g. `tooManyDecimals` for `"1.005"` in USD).
    public init(parsing text: String, currency: Currency) throws(FixedDecimal.ParseError) {
        self.minorUnits = try FixedDecimal.parse(text, scale: currency.exponent)
        self.currency = currency
    }

    /// Decimal text with the currency's digits: `"440.00"`, `"-5.10"`, JPY `"1200"`.
    public var decimalText: String { FixedDecimal.format(minorUnits, scale: currency.exponent) }

    /// Sum of amounts in this currency.
    /// - Precondition: same currency; adding across currencies is a programming error.
    public static func + (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "adding \(lhs.currency) to \(rhs.currency)")
        return Money(minorUnits: lhs.minorUnits + rhs.minorUnits, currency: lhs.currency)
    }
}
