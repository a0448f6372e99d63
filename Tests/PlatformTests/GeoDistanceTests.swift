import Foundation
import Platform
import Testing

/// Geofence distances (issue 10 case L-05).
@Suite("Geofence distance")
struct GeoDistanceTests {
    @Test("L-05 an office at 31.2304 N 121.4737 E with a 200 m radius: 31.2310, 121.4740 is ≈ 72 m (inside); 31.2400, 121.4737 is ≈ 1.07 km (outside)")
    func officeFence() throws {
        let office = (latitude: "31.2304", longitude: "121.4737")
        let near = try #require(GeoDistance.meters(from: office, to: (latitude: "31.2310", longitude: "121.4740")))
        let far = try #require(GeoDistance.meters(from: office, to: (latitude: "31.2400", longitude: "121.4737")))
        #expect(Int(near.rounded()) == 73)
        #expect(near <= 200)
        #expect(Int(far.rounded()) == 1_067)
        #expect(far > 200)
    }

    @Test("the same point is 0 m; the distance is symmetric; antipodes are half the circumference; bad text gives none")
    func edges() {
        #expect(GeoDistance.meters(latitude1: 31.2304, longitude1: 121.4737, latitude2: 31.2304, longitude2: 121.4737) == 0)
        let ab = GeoDistance.meters(latitude1: 39.9042, longitude1: 116.4074, latitude2: 31.2304, longitude2: 121.4737)
        let ba = GeoDistance.meters(latitude1: 31.2304, longitude1: 121.4737, latitude2: 39.9042, longitude2: 116.4074)
        #expect(abs(ab - ba) < 1e-6)
        #expect(Int((ab / 1000).rounded()) == 1_067)  // Beijing – Shanghai, great circle
        #expect(Int(GeoDistance.meters(latitude1: 0, longitude1: 0, latitude2: 0, longitude2: 180).rounded()) == Int((Double.pi * GeoDistance.earthRadius).rounded()))
        #expect(GeoDistance.meters(from: (latitude: "north", longitude: "1"), to: (latitude: "0", longitude: "0")) == nil)
    }
}
