/// An ISO 4217 currency and the number of its minor-unit digits (its exponent).
public struct Currency: Hashable, Sendable, Codable, CustomStringConvertible {
    public let code: String
    /// Digits after the decimal point: CNY/USD/EUR 2, JPY/KRW 0, KWD/BHD 3 (ISO 4217 "minor unit").
    public let exponent: Int

    /// The currency for `code`, or nil when Afield does not know it.
    public init?(code: String) {
        let upper = code.uppercased()
        guard upper.count == 3, let exponent = Self.exponents[upper] else { return nil }
        self.code = upper
        self.exponent = exponent
    }

    public static let usd = Currency(code: "USD")!
    public static let cny = Currency(code: "CNY")!

    public var description: String { code }

    // ISO 4217 minor units for the currencies a company can choose now; extend as needed.
    private static let exponents: [String: Int] = [
        "CNY": 2, "USD": 2, "EUR": 2, "GBP": 2, "HKD": 2, "TWD": 2, "SGD": 2, "AUD": 2, "CAD": 2,
        "CHF": 2, "NZD": 2, "SEK": 2, "NOK": 2, "DKK": 2, "MXN": 2, "BRL": 2, "INR": 2, "THB": 2,
        "MYR": 2, "PHP": 2, "RUB": 2, "ZAR": 2, "AED": 2, "SAR": 2, "MOP": 2,
        "JPY": 0, "KRW": 0, "VND": 0, "IDR": 2, "CLP": 0, "ISK": 0,
        "KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3,
    ]
}
