/// A quantity in fixed point with 4 decimals stored in an `Int64` (DESIGN §2): 12.5 → 125000.
public struct Quantity: Hashable, Sendable, Comparable {
    /// Digits after the decimal point.
    public static let scale = 4
    /// 10^scale.
    public static let unit: Int64 = 10_000

    public var scaled: Int64

    public init(scaled: Int64) { self.scaled = scaled }
    public init(whole: Int64) { self.scaled = whole * Self.unit }

    /// Reads `"12"`, `"12.5"`, `"0.0001"`; at most 4 decimals.
    /// - Throws: ``FixedDecimal/ParseError``.
    public init(parsing text: String) throws(FixedDecimal.ParseError) {
        self.scaled = try FixedDecimal.parse(text, scale: Self.scale)
    }

    /// Shortest decimal text: `"12"`, `"12.5"`.
    public var decimalText: String { FixedDecimal.formatTrimmed(scaled, scale: Self.scale) }

    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.scaled < rhs.scaled }
}

/// A percentage with 2 decimals stored as hundredths of a percent: 5 % → 500, 12.5 % → 1250,
/// 100 % → 10000.
public struct Percentage: Hashable, Sendable, Comparable {
    public static let scale = 2
    public static let hundredPercent: Int64 = 10_000

    public var hundredths: Int64

    public init(hundredths: Int64) { self.hundredths = hundredths }

    /// Reads a percentage such as `"5"` or `"12.5"` (percent, not a fraction).
    public init(parsing text: String) throws(FixedDecimal.ParseError) {
        self.hundredths = try FixedDecimal.parse(text, scale: Self.scale)
    }

    /// Reads a fraction such as Northwind's discount `"0.15"` (= 15 %).
    public init(parsingFraction text: String) throws(FixedDecimal.ParseError) {
        self.hundredths = try FixedDecimal.parse(text, scale: Self.scale + 2)
    }

    public var decimalText: String { FixedDecimal.formatTrimmed(hundredths, scale: Self.scale) }

    public static func < (lhs: Percentage, rhs: Percentage) -> Bool { lhs.hundredths < rhs.hundredths }
}
