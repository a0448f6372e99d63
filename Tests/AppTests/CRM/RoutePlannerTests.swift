import CRM
import Foundation
import Testing

/// Ordering a day's visits (CRM route planning): the planner against an exhaustive search, the
/// shape of a plan, and the `geo:` link a phone opens.
@Suite("Visit route planning")
struct RoutePlannerTests {
    /// 上海火车站 (Shanghai Railway Station), where the day starts. WGS 84, 4 decimals (about 10 m).
    static let start = (latitude: 31.2496, longitude: 121.4554)

    /// Ten well-known Shanghai places, WGS 84 (not the GCJ-02 offsets Chinese map apps show).
    static let places: [(name: String, latitude: Double, longitude: Double)] = [
        ("人民广场", 31.2323, 121.4697),
        ("陆家嘴", 31.2397, 121.4998),
        ("静安寺", 31.2234, 121.4453),
        ("徐家汇", 31.1950, 121.4368),
        ("虹桥火车站", 31.1944, 121.3206),
        ("世纪公园", 31.2165, 121.5510),
        ("中山公园", 31.2209, 121.4168),
        ("五角场", 31.2996, 121.5140),
        ("七宝", 31.1558, 121.3498),
        ("张江高科", 31.2021, 121.5876),
    ]

    /// The places as stops with fixed ids (…0001 for 人民广场, in list order).
    static func stops() -> [RoutePlanner.Stop] {
        places.enumerated().map { index, place in
            RoutePlanner.Stop(id: id(index + 1), latitude: place.latitude, longitude: place.longitude)
        }
    }

    static func id(_ number: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", number))!
    }

    static var planner: RoutePlanner {
        RoutePlanner(startLatitude: start.latitude, startLongitude: start.longitude)
    }

    /// The shortest open path from `start` through all stops, by exhaustive depth-first search over
    /// every order (10! = 3,628,800 for ten stops) on the same whole-metre legs the planner uses,
    /// so the totals compare exactly. Branch and bound keeps it fast in a debug build: a partial
    /// path already as long as the best complete one is not extended, since legs are never
    /// negative and none of its completions can be shorter. That prunes without skipping any
    /// order that could be shorter, so the result is the optimum (576,353 nodes visited here).
    static func bruteForceOptimum(start: (latitude: Double, longitude: Double), stops: [RoutePlanner.Stop]) -> Int {
        let points = [start] + stops.map { (latitude: $0.latitude, longitude: $0.longitude) }
        let distance = points.map { a in
            points.map { b in
                RoutePlanner.roundedMeters(latitude1: a.latitude, longitude1: a.longitude, latitude2: b.latitude, longitude2: b.longitude)
            }
        }
        let count = stops.count
        var best = Int.max
        var used = Array(repeating: false, count: count + 1)
        func extend(from node: Int, visited: Int, length: Int) {
            if length >= best { return }
            if visited == count {
                best = length
                return
            }
            for next in 1...count where !used[next] {
                used[next] = true
                extend(from: next, visited: visited + 1, length: length + distance[node][next])
                used[next] = false
            }
        }
        extend(from: 0, visited: 0, length: 0)
        return best
    }

    @Test("route ordering on 10 fixed points: the planned total equals the brute-force optimum")
    func tenShanghaiPlaces() {
        let stops = Self.stops()
        let plan = Self.planner.plan(stops)
        let optimum = Self.bruteForceOptimum(start: Self.start, stops: stops)

        #expect(plan.totalMeters == optimum)
        #expect(optimum == 56_256)
        #expect(plan.order.count == stops.count)
        #expect(Set(plan.order) == Set(stops.map(\.id)))
        let names = plan.order.map { id in Self.places[stops.firstIndex { $0.id == id }!].name }
        #expect(names == ["五角场", "张江高科", "世纪公园", "陆家嘴", "人民广场", "静安寺", "中山公园", "徐家汇", "七宝", "虹桥火车站"])

        // Why the improvement exists: going to the nearest place each time (人民广场 first) ends
        // with a long run out east and back west, 11.7 km (21 %) longer than needed. A single
        // 2-opt/Or-opt pass from that tour stops at 57,049 m; the multi-start reaches the optimum.
        let greedy = Self.planner.plan(stops, method: .nearestNeighbour)
        #expect(greedy.totalMeters == 67_985)
        #expect(greedy.totalMeters > optimum)
    }

    @Test("no stops give an empty plan; one stop is one leg from the start")
    func edgeCases() {
        let none = Self.planner.plan([])
        #expect(none == .empty)
        #expect(none.order.isEmpty && none.legs.isEmpty && none.totalMeters == 0)

        let stop = Self.stops()[0]
        let one = Self.planner.plan([stop])
        let leg = RoutePlanner.roundedMeters(latitude1: Self.start.latitude, longitude1: Self.start.longitude,
                                             latitude2: stop.latitude, longitude2: stop.longitude)
        #expect(one.order == [stop.id])
        #expect(one.legs == [leg])
        #expect(one.totalMeters == leg)
        #expect(leg == 2_356)
    }

    @Test("legs are whole metres between consecutive stops and sum to the total; same-place stops get a 0 m leg")
    func legs() throws {
        var stops = Self.stops()
        // A second visit in the same building as 静安寺, listed last.
        stops.append(RoutePlanner.Stop(id: Self.id(99), latitude: stops[2].latitude, longitude: stops[2].longitude))
        let plan = Self.planner.plan(stops)

        #expect(plan.legs.count == plan.order.count)
        #expect(plan.legs.reduce(0, +) == plan.totalMeters)
        let points = [(Self.start.latitude, Self.start.longitude)]
            + plan.order.map { id in stops.first { $0.id == id }!.coordinates }
        for (index, leg) in plan.legs.enumerated() {
            let (from, to) = (points[index], points[index + 1])
            #expect(leg == RoutePlanner.roundedMeters(latitude1: from.0, longitude1: from.1, latitude2: to.0, longitude2: to.1))
        }
        let first = try #require(plan.order.firstIndex(of: Self.id(3)))
        let second = try #require(plan.order.firstIndex(of: Self.id(99)))
        #expect(abs(first - second) == 1)
        #expect(plan.legs[max(first, second)] == 0)
        #expect(plan.totalMeters == 56_256)
        #expect(Self.planner.plan(stops) == plan)
    }

    @Test("a geo: URI carries the coordinates and the percent-encoded Chinese label")
    func geoURI() {
        #expect(RoutePlanner.geoURI(latitude: "31.2323", longitude: "121.4697", label: "人民广场")
            == "geo:31.2323,121.4697?q=31.2323,121.4697(%E4%BA%BA%E6%B0%91%E5%B9%BF%E5%9C%BA)")
        // Brackets, & and # in a label would end the label or split the query; they are encoded.
        #expect(RoutePlanner.geoURI(latitude: "31.2323", longitude: "121.4697", label: "华为 (上海) & Co #2")
            == "geo:31.2323,121.4697?q=31.2323,121.4697(%E5%8D%8E%E4%B8%BA%20%28%E4%B8%8A%E6%B5%B7%29%20%26%20Co%20%232)")
    }
}

private extension RoutePlanner.Stop {
    var coordinates: (Double, Double) { (latitude, longitude) }
}
