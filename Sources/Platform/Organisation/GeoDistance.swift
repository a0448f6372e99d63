import Foundation

/// Distances on the Earth between two WGS 84 points, for geofences (check-in inside a site's
/// radius, issue 10 case L-05).
///
/// The haversine formula on a sphere of the IUGG mean Earth radius, 6,371,008.8 m: within 0.5 %
/// of the ellipsoidal distance, far finer than a phone's GPS accuracy (5–50 m). Geometry, not
/// money: `Double` is right here; what is stored stays exact text (``GeoCoordinate``).
public enum GeoDistance {
    /// The IUGG mean Earth radius in metres.
    public static let earthRadius = 6_371_008.8

    /// Metres between two points given in decimal degrees.
    public static func meters(latitude1: Double, longitude1: Double, latitude2: Double, longitude2: Double) -> Double {
        let φ1 = latitude1 * .pi / 180, φ2 = latitude2 * .pi / 180
        let Δφ = φ2 - φ1, Δλ = (longitude2 - longitude1) * .pi / 180
        let a = sin(Δφ / 2) * sin(Δφ / 2) + cos(φ1) * cos(φ2) * sin(Δλ / 2) * sin(Δλ / 2)
        return 2 * earthRadius * asin(min(1, a.squareRoot()))
    }

    /// Metres between two points given as coordinate text (`"31.2304"`); nil when a text is not
    /// a coordinate.
    public static func meters(from: (latitude: String, longitude: String), to: (latitude: String, longitude: String)) -> Double? {
        guard let a = GeoCoordinate.scaled(from.latitude), let b = GeoCoordinate.scaled(from.longitude),
              let c = GeoCoordinate.scaled(to.latitude), let d = GeoCoordinate.scaled(to.longitude) else { return nil }
        let unit = 10_000_000.0
        return meters(latitude1: Double(a) / unit, longitude1: Double(b) / unit, latitude2: Double(c) / unit, longitude2: Double(d) / unit)
    }
}
