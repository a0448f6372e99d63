import Foundation

/// Latitude and longitude as exact decimal degrees (WGS 84), read and written through
/// ``FixedDecimal`` at 7 decimals (about 1 cm) — never through `Double`, so what is stored is
/// exactly what was entered (`31.2304` stays `31.2304`).
public enum GeoCoordinate {
    /// Decimal places kept.
    public static let scale = 7

    public enum Axis: Sendable {
        case latitude, longitude

        /// Largest magnitude in degrees: 90 or 180.
        public var limit: Int64 { self == .latitude ? 90 : 180 }
        var rangeCode: String { self == .latitude ? "org.site.latitude_range" : "org.site.longitude_range" }
    }

    /// Reads `text` as degrees on `axis` and returns its canonical text (`"+047.60620"` → `"47.6062"`).
    ///
    /// - Returns: the canonical text, or nil after appending the problem at `path` to `problems`:
    ///   `number.not_a_number`, `number.too_many_decimals` (`allowed: 7`), `number.out_of_range`,
    ///   or `org.site.latitude_range` / `org.site.longitude_range`.
    public static func parse(_ text: String, axis: Axis, path: String, problems: inout [DomainError.Field]) -> String? {
        let scaled: Int64
        do {
            scaled = try FixedDecimal.parse(text, scale: scale)
        } catch {
            problems.append(error.field(path))
            return nil
        }
        let limit = axis.limit * 10_000_000
        guard (-limit...limit).contains(scaled) else {
            problems.append(.init(path, axis.rangeCode, params: ["min": "-\(axis.limit)", "max": "\(axis.limit)"]))
            return nil
        }
        return FixedDecimal.formatTrimmed(scaled, scale: scale)
    }

    /// Degrees × 10⁷ as an integer, for exact geofence arithmetic; nil for text that is not a coordinate.
    public static func scaled(_ text: String) -> Int64? { try? FixedDecimal.parse(text, scale: scale) }
}
