import Foundation
import Platform

/// The amount above which the built-in forms' default flows ask the department head as well
/// as the manager, before a company sets its own (approval settings): about what a Chinese
/// company would put at 5,000.00 CNY, as a round amount of the company currency.
enum DepartmentHeadThreshold {
    /// Whole units of the currency, by ISO 4217 code.
    private static let units: [String: Int64] = [
        "CNY": 5_000, "HKD": 5_000, "MOP": 5_000, "TWD": 20_000,
        "USD": 1_000, "EUR": 1_000, "GBP": 1_000, "CHF": 1_000, "CAD": 1_000, "AUD": 1_000, "NZD": 1_000, "SGD": 1_000,
        "SEK": 10_000, "NOK": 10_000, "DKK": 5_000, "MXN": 20_000, "BRL": 5_000, "INR": 50_000, "THB": 30_000, "MYR": 5_000,
        "PHP": 50_000, "RUB": 50_000, "ZAR": 20_000, "AED": 5_000, "SAR": 5_000,
        "JPY": 100_000, "KRW": 1_000_000, "VND": 20_000_000, "IDR": 10_000_000, "CLP": 1_000_000, "ISK": 100_000,
        "KWD": 500, "BHD": 500, "OMR": 500, "JOD": 500, "TND": 2_000,
    ]

    /// The default for `currency`, in its minor units (5,000.00 CNY → 500000).
    static func defaultMinorUnits(for currency: Currency) -> Int64 {
        var scale: Int64 = 1
        for _ in 0..<currency.exponent { scale *= 10 }
        return (units[currency.code] ?? 5_000) * scale
    }
}
