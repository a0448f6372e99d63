import Foundation

/// `POST /api/v1/crm/routes/plan`: order a day's visits (issue 12 point 6).
///
/// `startLatitude`/`startLongitude`: where the day starts (the phone's position or the office),
/// WGS 84 decimal degrees. `customerIds`: 1–50 customers the caller may see; customers without
/// coordinates are answered under `skipped` instead of being planned.
public struct RoutePlanInput: Codable, Sendable {
    public var startLatitude: DecimalText
    public var startLongitude: DecimalText
    public var customerIds: [UUID]
    public init(startLatitude: DecimalText, startLongitude: DecimalText, customerIds: [UUID]) {
        self.startLatitude = startLatitude
        self.startLongitude = startLongitude
        self.customerIds = customerIds
    }
}

/// A planned day: the stops in visiting order with each leg, and the total, in whole metres of
/// great-circle distance (not road distance).
public struct RoutePlanDTO: Codable, Sendable, Equatable {
    public var stops: [RouteStopDTO]
    public var totalMeters: Int
    /// Customers left out: `reason` is `no_coordinates`.
    public var skipped: [RouteSkippedDTO]
    public init(stops: [RouteStopDTO], totalMeters: Int, skipped: [RouteSkippedDTO]) {
        self.stops = stops
        self.totalMeters = totalMeters
        self.skipped = skipped
    }
}

/// One stop: `legMeters` from the previous stop (or the start); `geoUri` opens the phone's map
/// app at the customer (RFC 5870, e.g. `geo:31.2304,121.4737?q=31.2304,121.4737(…)`).
public struct RouteStopDTO: Codable, Sendable, Equatable {
    public var customerId: UUID
    public var name: String
    public var divisionName: String?
    public var address: String?
    public var latitude: String
    public var longitude: String
    public var legMeters: Int
    public var geoUri: String
    public init(customerId: UUID, name: String, divisionName: String?, address: String?, latitude: String, longitude: String, legMeters: Int, geoUri: String) {
        self.customerId = customerId
        self.name = name
        self.divisionName = divisionName
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.legMeters = legMeters
        self.geoUri = geoUri
    }
}

public struct RouteSkippedDTO: Codable, Sendable, Equatable {
    public var customerId: UUID
    public var name: String
    public var reason: String
    public init(customerId: UUID, name: String, reason: String) {
        self.customerId = customerId
        self.name = name
        self.reason = reason
    }
}
