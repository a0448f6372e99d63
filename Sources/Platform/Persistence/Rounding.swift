/// How a quotient that falls between two representable values is settled.
///
/// `halfUp` is commercial rounding (ties away from zero: 0.125 → 0.13, −0.125 → −0.13), Afield's
/// default; `halfEven` is banker's rounding (ties to the even neighbour), a company setting.
public enum RoundingRule: String, Codable, Sendable, CaseIterable {
    case halfUp = "half_up"
    case halfEven = "half_even"

    /// `numerator / denominator` rounded by this rule. `denominator` must not be 0.
    public func divide(_ numerator: Int128, by denominator: Int128) -> Int128 {
        precondition(denominator != 0, "division by zero")
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude, d = denominator.magnitude
        var q = n / d
        let r = n % d
        let twice = r * 2
        if twice > d || (twice == d && (self == .halfUp || q % 2 == 1)) { q += 1 }
        let result = Int128(q)
        return negative ? -result : result
    }
}
