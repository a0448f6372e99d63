import Foundation

/// `POST /api/v1/attendance/punches`: a check-in or check-out (打卡). The server's clock is the
/// punch time; `deviceTime` is the phone's clock when the button was pressed.
///
/// A punch queued while offline sends `queued: true`, its `deviceTime` (the punch time then) and
/// `sentAt`, the phone's clock when it was finally sent, which tells how far that clock is off.
/// `latitude`/`longitude` decimal degrees (WGS 84), `accuracy` metres. Outside every fence, a
/// field check-in needs `note` and, as the group says, `photoFileID` (an uploaded image) and
/// `customerID`.
public struct PunchInput: Codable, Sendable, APISchemaRefining {
    public var latitude: DecimalText?
    public var longitude: DecimalText?
    public var accuracy: Int?
    /// ISO 8601 date-time with an offset (`2026-12-07T09:00:05+08:00`).
    public var deviceTime: String?
    public var queued: Bool?
    /// ISO 8601, as `deviceTime`.
    public var sentAt: String?
    public var note: String?
    public var photoFileID: UUID?
    public var customerID: UUID?
    public init(latitude: DecimalText?, longitude: DecimalText?, accuracy: Int? = nil, deviceTime: String?, queued: Bool? = nil, sentAt: String? = nil,
                note: String? = nil, photoFileID: UUID? = nil, customerID: UUID? = nil) {
        self.latitude = latitude
        self.longitude = longitude
        self.accuracy = accuracy
        self.deviceTime = deviceTime
        self.queued = queued
        self.sentAt = sentAt
        self.note = note
        self.photoFileID = photoFileID
        self.customerID = customerID
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["latitude": .required, "longitude": .required, "deviceTime": SchemaRefinement(required: true, format: "date-time"),
         "sentAt": SchemaRefinement(format: "date-time"), "accuracy": SchemaRefinement(minimum: 0, maximum: 100_000),
         "note": .text(max: 500)]
    }
}

/// A punch as recorded. `at` is when it counts (the server's time; for a queued punch the
/// device time); `workDate` the day of the group it belongs to (a night shift's check-out
/// belongs to the day the shift started). `distanceMeters` to the nearest fenced site;
/// `inside` whether within its radius; `field` a field check-in outside every fence.
/// `clockSkewSeconds`: server minus device clock; `flagged` when more than 5 minutes off.
public struct PunchDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var employeeID: UUID
    public var employeeName: String?
    public var workDate: String
    public var at: Date
    public var serverTime: Date
    public var deviceTime: Date
    public var latitude: String
    public var longitude: String
    public var accuracy: Int?
    public var siteID: UUID?
    public var siteName: String?
    public var distanceMeters: Int?
    public var inside: Bool
    public var field: Bool
    public var note: String?
    public var photoFileID: UUID?
    public var customerID: UUID?
    public var queued: Bool
    public var clockSkewSeconds: Int
    public var flagged: Bool
    /// `punch` or `correction` (补卡, added by an approved request).
    public var source: String
    public init(id: UUID, employeeID: UUID, employeeName: String?, workDate: String, at: Date, serverTime: Date, deviceTime: Date, latitude: String,
                longitude: String, accuracy: Int?, siteID: UUID?, siteName: String?, distanceMeters: Int?, inside: Bool, field: Bool, note: String?,
                photoFileID: UUID?, customerID: UUID?, queued: Bool, clockSkewSeconds: Int, flagged: Bool, source: String) {
        self.id = id
        self.employeeID = employeeID
        self.employeeName = employeeName
        self.workDate = workDate
        self.at = at
        self.serverTime = serverTime
        self.deviceTime = deviceTime
        self.latitude = latitude
        self.longitude = longitude
        self.accuracy = accuracy
        self.siteID = siteID
        self.siteName = siteName
        self.distanceMeters = distanceMeters
        self.inside = inside
        self.field = field
        self.note = note
        self.photoFileID = photoFileID
        self.customerID = customerID
        self.queued = queued
        self.clockSkewSeconds = clockSkewSeconds
        self.flagged = flagged
        self.source = source
    }
}

/// What the check-in page shows before the button is pressed: the caller's group, today's
/// plan, today's punches and the nearest site with its distance (when a position is given).
public struct PunchStatusDTO: Codable, Sendable, Equatable {
    public var groupID: UUID?
    public var groupName: String?
    public var timeZone: String
    public var today: String
    public var result: DailyResultDTO?
    public var punches: [PunchDTO]
    public var nearestSiteName: String?
    public var distanceMeters: Int?
    public var inside: Bool?
    public var fieldCheckIn: Bool
    public var fieldNeedsPhoto: Bool
    public var fieldNeedsCustomer: Bool
    public init(groupID: UUID?, groupName: String?, timeZone: String, today: String, result: DailyResultDTO?, punches: [PunchDTO],
                nearestSiteName: String?, distanceMeters: Int?, inside: Bool?, fieldCheckIn: Bool, fieldNeedsPhoto: Bool, fieldNeedsCustomer: Bool) {
        self.groupID = groupID
        self.groupName = groupName
        self.timeZone = timeZone
        self.today = today
        self.result = result
        self.punches = punches
        self.nearestSiteName = nearestSiteName
        self.distanceMeters = distanceMeters
        self.inside = inside
        self.fieldCheckIn = fieldCheckIn
        self.fieldNeedsPhoto = fieldNeedsPhoto
        self.fieldNeedsCustomer = fieldNeedsCustomer
    }
}

/// `POST /api/v1/attendance/corrections`: a missed punch (补卡) at `time` (`HH:mm`, the group's
/// local time) on `date`, with a reason; submitted for approval.
public struct CorrectionInput: Codable, Sendable, APISchemaRefining {
    public var date: String?
    public var time: String?
    public var reason: String?
    public init(date: String?, time: String?, reason: String?) {
        self.date = date
        self.time = time
        self.reason = reason
    }
    public static var schemaRefinements: [String: SchemaRefinement] {
        ["date": SchemaRefinement(required: true, format: "date"), "time": SchemaRefinement(required: true, pattern: SchemaPattern.clock),
         "reason": .name(max: 200)]
    }
}

/// A correction; `state` `pending`, `approved`, `rejected` or `withdrawn`.
public struct CorrectionDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var employeeID: UUID
    public var workDate: String
    public var at: Date
    public var reason: String
    public var state: String
    public var version: Int
    public init(id: UUID, employeeID: UUID, workDate: String, at: Date, reason: String, state: String, version: Int) {
        self.id = id
        self.employeeID = employeeID
        self.workDate = workDate
        self.at = at
        self.reason = reason
        self.state = state
        self.version = version
    }
}
