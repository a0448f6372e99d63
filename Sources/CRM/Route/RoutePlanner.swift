import Foundation
import Platform

/// Orders a day's visit stops for a field salesperson: an open path from a start point (home,
/// office, current position) through every stop once, with no return to the start.
///
/// Distances are great-circle metres (``GeoDistance/meters(latitude1:longitude1:latitude2:longitude2:)``,
/// haversine), not road distances: good enough to order visits inside a city without a routing
/// service, and the map app the salesperson opens (``geoURI(latitude:longitude:label:)``) does the
/// turn-by-turn part.
///
/// The tour is built by nearest neighbour from the start, then improved by 2-opt (reverse a run of
/// stops) and Or-opt (move a run of 1–3 stops, either way round, elsewhere) until neither finds an
/// improving move. That is a local optimum, and one 2-opt/Or-opt run can get stuck a few per cent
/// above the best (on the ten Shanghai stops of the tests it stops at 57,049 m against 56,256 m:
/// the way out needs two worsening moves at once). So the same is repeated with each of the
/// nearest stops (up to 32) forced as the first visit, and the shortest result wins. Measured
/// against an exhaustive search on 500 random sets of stops across Shanghai: with 8 stops optimal
/// in 491 (the worst of the others 8 % longer), with 10 stops in 495 (worst 1.8 %), where nearest
/// neighbour alone is optimal in fewer than a quarter. Planning 50 stops takes about 5 ms in a
/// release build, 200 stops about 0.15 s.
///
/// Everything is computed on a matrix of whole metres (each haversine distance rounded half-up),
/// so a plan's ``Plan/totalMeters`` is exactly what the optimiser minimised and improvements are
/// exact integer comparisons (no floating-point ties, no endless loops on equal moves). The result
/// is deterministic: ties are broken by the stops' input order.
public struct RoutePlanner: Sendable {
    /// One place to visit. Coordinates are WGS 84 decimal degrees (latitude −90…90, longitude
    /// −180…180), as a phone's GPS gives them.
    public struct Stop: Sendable, Hashable {
        /// The caller's id for the stop (a visit, a customer address); returned in ``Plan/order``.
        public var id: UUID
        /// Latitude in decimal degrees, north positive.
        public var latitude: Double
        /// Longitude in decimal degrees, east positive.
        public var longitude: Double

        /// A stop with the caller's id at a WGS 84 point in decimal degrees.
        public init(id: UUID, latitude: Double, longitude: Double) {
            self.id = id
            self.latitude = latitude
            self.longitude = longitude
        }
    }

    /// A planned visiting order.
    public struct Plan: Sendable, Equatable {
        /// The stops' ids in visiting order; every input stop appears exactly once.
        public var order: [UUID]
        /// Whole metres of each leg: `legs[0]` is start → `order[0]`, `legs[k]` is
        /// `order[k-1]` → `order[k]`; each is the haversine distance rounded half-up.
        /// Same count as ``order``.
        public var legs: [Int]
        /// The sum of ``legs`` in metres (the rounded legs, so it always equals `legs.reduce(0, +)`).
        public var totalMeters: Int

        /// A plan from its parts; ``totalMeters`` is the sum of `legs`.
        public init(order: [UUID], legs: [Int]) {
            self.order = order
            self.legs = legs
            self.totalMeters = legs.reduce(0, +)
        }

        /// The plan for a day without stops.
        public static let empty = Plan(order: [], legs: [])
    }

    /// How far the planner goes.
    public enum Method: Sendable {
        /// Nearest neighbour only: from where you are, always go to the closest unvisited stop.
        /// Fast and often 10–25 % longer than needed; kept as the baseline the improvement is
        /// measured against.
        case nearestNeighbour
        /// Nearest neighbour, then 2-opt and Or-opt until no move shortens the path, from several
        /// first stops, keeping the shortest (the default).
        case improved
    }

    /// Latitude of the start point in decimal degrees.
    public var startLatitude: Double
    /// Longitude of the start point in decimal degrees.
    public var startLongitude: Double

    /// A planner for days that begin at the given WGS 84 point (decimal degrees).
    public init(startLatitude: Double, startLongitude: Double) {
        self.startLatitude = startLatitude
        self.startLongitude = startLongitude
    }

    /// Orders `stops` into an open path from the start. No stops give ``Plan/empty``; stops at the
    /// same coordinates (two visits in one building) are legal and are visited one after the other
    /// with a 0 m leg (barring a near-straight line where whole-metre rounding makes a detour 1 m
    /// shorter).
    public func plan(_ stops: [Stop], method: Method = .improved) -> Plan {
        guard !stops.isEmpty else { return .empty }
        let matrix = DistanceMatrix(startLatitude: startLatitude, startLongitude: startLongitude, stops: stops)
        var path = matrix.nearestNeighbour(first: nil)
        if method == .improved {
            matrix.improve(&path)
            var length = matrix.length(path)
            for first in matrix.firstStopsToTry() {
                var candidate = matrix.nearestNeighbour(first: first)
                matrix.improve(&candidate)
                let candidateLength = matrix.length(candidate)
                if candidateLength < length {
                    path = candidate
                    length = candidateLength
                }
            }
        }
        // path[0] is the start (node 0); stop k of the input is node k + 1.
        var legs: [Int] = []
        legs.reserveCapacity(stops.count)
        for k in 1..<path.count {
            legs.append(matrix[path[k - 1], path[k]])
        }
        return Plan(order: path.dropFirst().map { stops[$0 - 1].id }, legs: legs)
    }

    /// Whole metres between two WGS 84 points in decimal degrees: the haversine distance rounded
    /// half-up. The unit every leg of a ``Plan`` is measured in.
    public static func roundedMeters(latitude1: Double, longitude1: Double, latitude2: Double, longitude2: Double) -> Int {
        let meters = GeoDistance.meters(latitude1: latitude1, longitude1: longitude1, latitude2: latitude2, longitude2: longitude2)
        // Distances are never negative, so .toNearestOrAwayFromZero is half-up.
        return Int(meters.rounded(.toNearestOrAwayFromZero))
    }

    /// An RFC 5870 `geo:` URI that opens the point in the phone's map app, with a pin labelled
    /// `label`: `geo:31.2304,121.4737?q=31.2304,121.4737(人民广场)` with the label percent-encoded.
    ///
    /// RFC 5870 defines `geo:lat,lng`; the `q=lat,lng(label)` query that puts a named pin there is
    /// Android's convention (its map apps, including Amap and Baidu Maps, handle it). iOS has no
    /// system handler for `geo:` (Apple Maps takes `https://maps.apple.com/?ll=…&q=…`), so an iOS
    /// client needs its own link; this one is the Android and standard form.
    /// `latitude` and `longitude` are the stored coordinate texts (decimal degrees, `.` as
    /// separator), passed through unchanged so the URI shows exactly what was stored. The label is
    /// UTF-8 percent-encoded with the URL-query set minus `( ) & = + #`, so a label containing
    /// brackets cannot end the `(label)` part early, and `&`/`=`/`+`/`#` cannot split the query.
    public static func geoURI(latitude: String, longitude: String, label: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "()&=+#")
        let encoded = label.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return "geo:\(latitude),\(longitude)?q=\(latitude),\(longitude)(\(encoded))"
    }
}

/// Whole-metre distances between the start (node 0) and the stops (nodes 1…n), and the tour
/// construction and improvement on them. A path is `[0, a, b, …]`: node 0 first, every stop once.
private struct DistanceMatrix {
    let size: Int
    private var cells: [Int]

    init(startLatitude: Double, startLongitude: Double, stops: [RoutePlanner.Stop]) {
        let points = [(startLatitude, startLongitude)] + stops.map { ($0.latitude, $0.longitude) }
        size = points.count
        cells = Array(repeating: 0, count: size * size)
        for i in 0..<size {
            for j in (i + 1)..<size {
                let d = RoutePlanner.roundedMeters(latitude1: points[i].0, longitude1: points[i].1,
                                                   latitude2: points[j].0, longitude2: points[j].1)
                cells[i * size + j] = d
                cells[j * size + i] = d
            }
        }
    }

    subscript(_ i: Int, _ j: Int) -> Int { cells[i * size + j] }

    /// From node 0, always the closest unvisited node; the lowest node number wins a tie, which is
    /// the stops' input order. With `first`, that stop is visited first and the rule applies from
    /// there on.
    func nearestNeighbour(first: Int?) -> [Int] {
        var path = [0]
        path.reserveCapacity(size)
        var visited = Array(repeating: false, count: size)
        visited[0] = true
        var current = 0
        if let first {
            path.append(first)
            visited[first] = true
            current = first
        }
        for _ in path.count..<size {
            var best = -1
            for candidate in 1..<size where !visited[candidate] {
                if best < 0 || self[current, candidate] < self[current, best] { best = candidate }
            }
            visited[best] = true
            path.append(best)
            current = best
        }
        return path
    }

    /// How many forced first stops are tried. Each costs one improvement run; 32 keeps 200 stops
    /// near 0.1 s in a release build, while a real day (under 50 stops) is tried in full.
    static let firstStopsTried = 32

    /// The stops whose forced-first nearest-neighbour tour is improved as well: the
    /// ``firstStopsTried`` nearest to the start, nearest first, input order breaking ties.
    func firstStopsToTry() -> [Int] {
        let stops = Array(1..<size).sorted { self[0, $0] < self[0, $1] || (self[0, $0] == self[0, $1] && $0 < $1) }
        return Array(stops.prefix(Self.firstStopsTried))
    }

    func length(_ path: [Int]) -> Int {
        var total = 0
        for k in 1..<path.count { total += self[path[k - 1], path[k]] }
        return total
    }

    /// 2-opt to a local optimum, then Or-opt; repeated until a whole round of both changes nothing.
    /// Each accepted move shortens the integer length by at least 1 m, so this terminates.
    func improve(_ path: inout [Int]) {
        guard path.count > 2 else { return }
        var changed = true
        while changed {
            twoOpt(&path)
            changed = orOpt(&path)
        }
    }

    /// Reverses `path[i...j]` whenever that shortens the path, scanning i then j in order and
    /// taking the first improving move, until none is left. The path is open: reversing a tail
    /// (`j` the last index) only changes the edge into the run.
    private func twoOpt(_ path: inout [Int]) {
        let last = path.count - 1
        var improved = true
        while improved {
            improved = false
            for i in 1..<last {
                for j in (i + 1)...last {
                    let before = self[path[i - 1], path[i]] + (j < last ? self[path[j], path[j + 1]] : 0)
                    let after = self[path[i - 1], path[j]] + (j < last ? self[path[i], path[j + 1]] : 0)
                    if after < before {
                        path[i...j].reverse()
                        improved = true
                    }
                }
            }
        }
    }

    /// Moves a run of 1–3 consecutive stops (kept or reversed) to another gap, including after the
    /// last stop, whenever that shortens the path; first improving move in scan order. Returns
    /// whether any move was made. 2-opt alone cannot move a stop from one side of the day to the
    /// other without reversing everything in between, which is what Or-opt adds.
    private func orOpt(_ path: inout [Int]) -> Bool {
        var any = false
        var improved = true
        while improved {
            improved = false
            let last = path.count - 1
            search: for runLength in 1...3 {
                guard runLength < last else { break }
                for i in 1...(last - runLength + 1) {
                    let runEnd = i + runLength - 1
                    let first = path[i], final = path[runEnd]
                    let previous = path[i - 1]
                    let next = runEnd < last ? path[runEnd + 1] : -1
                    // What taking the run out saves: its two joining edges, less the edge that closes the gap.
                    let removal = self[previous, first] + (next >= 0 ? self[final, next] - self[previous, next] : 0)
                    // Insert between path[j] and path[j+1] (or after path[j] when j is last), outside the run.
                    for j in 0...last where j < i - 1 || j > runEnd {
                        let a = path[j]
                        let b = j < last ? path[j + 1] : -1
                        let gap = b >= 0 ? self[a, b] : 0
                        let forward = self[a, first] + (b >= 0 ? self[final, b] : 0) - gap
                        let backward = self[a, final] + (b >= 0 ? self[first, b] : 0) - gap
                        let reversed = backward < forward
                        if min(forward, backward) < removal {
                            var run = Array(path[i...runEnd])
                            if reversed { run.reverse() }
                            var rest = Array(path[0..<i]) + Array(path[(runEnd + 1)...])
                            // j is an index of the original path; past the run it moves back by runLength.
                            let at = (j < i ? j : j - runLength) + 1
                            rest.insert(contentsOf: run, at: at)
                            path = rest
                            improved = true
                            any = true
                            break search
                        }
                    }
                }
            }
        }
        return any
    }
}
