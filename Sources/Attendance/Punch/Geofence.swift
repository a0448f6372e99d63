import Foundation
import Platform

/// Where a punch was made relative to a group's fenced sites (case L-05).
struct Geofence: Sendable {
    struct Site: Sendable {
        var id: UUID
        var name: String
        var latitude: String
        var longitude: String
        var radiusMeters: Int
    }

    struct Position: Sendable, Equatable {
        /// The site whose fence holds the punch, else the nearest one.
        var siteID: UUID?
        var siteName: String?
        /// Whole metres, rounded half-up.
        var distanceMeters: Int?
        var inside: Bool
    }

    var sites: [Site]

    /// The position of (`latitude`, `longitude`): inside when within some site's radius (the
    /// nearest such site); otherwise the nearest site and its distance. No fenced site: outside,
    /// with no site.
    func locate(latitude: String, longitude: String) -> Position {
        let measured = sites.compactMap { site in
            GeoDistance.meters(from: (latitude, longitude), to: (site.latitude, site.longitude)).map { (site, $0) }
        }.sorted { $0.1 < $1.1 }
        if let hit = measured.first(where: { $0.1 <= Double($0.0.radiusMeters) }) {
            return Position(siteID: hit.0.id, siteName: hit.0.name, distanceMeters: Int(hit.1.rounded()), inside: true)
        }
        guard let nearest = measured.first else { return Position(inside: false) }
        return Position(siteID: nearest.0.id, siteName: nearest.0.name, distanceMeters: Int(nearest.1.rounded()), inside: false)
    }

    /// "73 m", "1.07 km" (below 1 km in metres, else kilometres with two decimals).
    static func describe(_ meters: Int) -> String {
        meters < 1000 ? "\(meters) m" : String(format: "%.2f km", Double(meters) / 1000)
    }
}
