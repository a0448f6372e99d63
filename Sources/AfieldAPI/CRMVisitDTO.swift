import Foundation

/// A visit (拜访) as answered. `state`: `planned`, `in_progress` (checked in), `done` (checked
/// out) or `cancelled`. `distanceMeters`: check-in to the customer's coordinates (nil when the
/// customer has none); `far`: beyond the company's distance (500 m) — marked, never hidden.
/// Instants are UTC; `checkInDeviceAt` is the phone's clock.
public struct VisitDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var customerId: UUID
    public var customerName: String
    public var ownerId: UUID
    public var ownerName: String?
    /// `YYYY-MM-DD`.
    public var plannedFor: String
    public var sequence: Int?
    public var purpose: String?
    public var state: String
    public var checkInAt: Date?
    public var checkInDeviceAt: Date?
    public var checkInLatitude: String?
    public var checkInLongitude: String?
    public var distanceMeters: Int?
    public var far: Bool
    public var photoFileId: UUID?
    public var checkOutAt: Date?
    public var durationMinutes: Int?
    public var summary: String?
    public var version: Int

    public init(id: UUID, customerId: UUID, customerName: String, ownerId: UUID, ownerName: String?, plannedFor: String, sequence: Int?, purpose: String?,
                state: String, checkInAt: Date?, checkInDeviceAt: Date?, checkInLatitude: String?, checkInLongitude: String?, distanceMeters: Int?,
                far: Bool, photoFileId: UUID?, checkOutAt: Date?, durationMinutes: Int?, summary: String?, version: Int) {
        self.id = id
        self.customerId = customerId
        self.customerName = customerName
        self.ownerId = ownerId
        self.ownerName = ownerName
        self.plannedFor = plannedFor
        self.sequence = sequence
        self.purpose = purpose
        self.state = state
        self.checkInAt = checkInAt
        self.checkInDeviceAt = checkInDeviceAt
        self.checkInLatitude = checkInLatitude
        self.checkInLongitude = checkInLongitude
        self.distanceMeters = distanceMeters
        self.far = far
        self.photoFileId = photoFileId
        self.checkOutAt = checkOutAt
        self.durationMinutes = durationMinutes
        self.summary = summary
        self.version = version
    }
}

/// `POST /api/v1/crm/visits`: plan a visit. `id` optional (made offline); `plannedFor`
/// `YYYY-MM-DD` (default today in the rep's time zone); `purpose` at most 200 characters.
public struct VisitInput: Codable, Sendable {
    public var id: UUID?
    public var customerId: UUID
    public var plannedFor: String?
    public var purpose: String?
    public init(id: UUID? = nil, customerId: UUID, plannedFor: String? = nil, purpose: String? = nil) {
        self.id = id
        self.customerId = customerId
        self.plannedFor = plannedFor
        self.purpose = purpose
    }
}

/// `POST /api/v1/crm/routes`: save a planned day as visits, in visiting order (1–50 customers).
public struct RouteSaveInput: Codable, Sendable {
    /// `YYYY-MM-DD`.
    public var date: String
    public var customerIds: [UUID]
    public init(date: String, customerIds: [UUID]) {
        self.date = date
        self.customerIds = customerIds
    }
}

/// `POST /api/v1/crm/visits/{id}/check-in`: the phone's position and clock.
///
/// `deviceTime` ISO 8601 (the phone's clock); live check-ins more than 5 minutes off are refused
/// (`crm.visit.clock_skew`), and `queued: true` (sent later from the outbox) keeps the phone's time
/// if at most 7 days old, with `sentAt` the phone's time of sending. `photoFileId`: an image the
/// rep uploaded (`/api/v1/files`). `accuracy` in metres.
public struct VisitCheckInInput: Codable, Sendable {
    public var latitude: DecimalText
    public var longitude: DecimalText
    public var accuracy: Int?
    public var deviceTime: String
    public var queued: Bool?
    public var sentAt: String?
    public var photoFileId: UUID?
    public init(latitude: DecimalText, longitude: DecimalText, accuracy: Int? = nil, deviceTime: String, queued: Bool? = nil, sentAt: String? = nil,
                photoFileId: UUID? = nil) {
        self.latitude = latitude
        self.longitude = longitude
        self.accuracy = accuracy
        self.deviceTime = deviceTime
        self.queued = queued
        self.sentAt = sentAt
        self.photoFileId = photoFileId
    }
}

/// `POST /api/v1/crm/visits/{id}/check-out`: `summary` (required, at most 2,000 characters)
/// becomes the visit's follow-up record; `nextStep`/`nextAt` as on a follow-up.
public struct VisitCheckOutInput: Codable, Sendable {
    public var deviceTime: String
    public var queued: Bool?
    public var sentAt: String?
    public var summary: String
    public var nextStep: String?
    /// ISO 8601 instant.
    public var nextAt: String?
    public init(deviceTime: String, queued: Bool? = nil, sentAt: String? = nil, summary: String, nextStep: String? = nil, nextAt: String? = nil) {
        self.deviceTime = deviceTime
        self.queued = queued
        self.sentAt = sentAt
        self.summary = summary
        self.nextStep = nextStep
        self.nextAt = nextAt
    }
}

/// A follow-up (跟进记录). Exactly one of `customerId`, `leadId`, `opportunityId` is its subject.
/// `kind`: `call`, `visit`, `email`, `meeting`, `message`.
public struct FollowUpDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var customerId: UUID?
    public var leadId: UUID?
    public var opportunityId: UUID?
    public var visitId: UUID?
    public var kind: String
    public var notes: String
    public var at: Date
    public var nextStep: String?
    public var nextAt: Date?
    public var ownerId: UUID
    public var ownerName: String?
    public init(id: UUID, customerId: UUID?, leadId: UUID?, opportunityId: UUID?, visitId: UUID?, kind: String, notes: String, at: Date, nextStep: String?,
                nextAt: Date?, ownerId: UUID, ownerName: String?) {
        self.id = id
        self.customerId = customerId
        self.leadId = leadId
        self.opportunityId = opportunityId
        self.visitId = visitId
        self.kind = kind
        self.notes = notes
        self.at = at
        self.nextStep = nextStep
        self.nextAt = nextAt
        self.ownerId = ownerId
        self.ownerName = ownerName
    }
}

/// `POST /api/v1/crm/follow-ups`. One of `customerId`, `leadId`, `opportunityId`; `notes`
/// 1–2,000 characters; `at` (ISO 8601, with or without fractional seconds) defaults to now and
/// may not be in the future; `nextAt` (ISO 8601) in the future sends the owner a reminder then. `fileIds`: files the rep uploaded, attached to the follow-up.
public struct FollowUpInput: Codable, Sendable {
    public var id: UUID?
    public var customerId: UUID?
    public var leadId: UUID?
    public var opportunityId: UUID?
    public var kind: String
    public var notes: String
    public var at: String?
    public var nextStep: String?
    public var nextAt: String?
    public var fileIds: [UUID]?
    public init(id: UUID? = nil, customerId: UUID? = nil, leadId: UUID? = nil, opportunityId: UUID? = nil, kind: String, notes: String, at: String? = nil,
                nextStep: String? = nil, nextAt: String? = nil, fileIds: [UUID]? = nil) {
        self.id = id
        self.customerId = customerId
        self.leadId = leadId
        self.opportunityId = opportunityId
        self.kind = kind
        self.notes = notes
        self.at = at
        self.nextStep = nextStep
        self.nextAt = nextAt
        self.fileIds = fileIds
    }
}

/// One entry of a customer's timeline, newest first: `kind` `follow_up`, `visit`,
/// `opportunity`, `owner` (a claim, release or transfer); `link` is the web app's path.
public struct TimelineEntryDTO: Codable, Sendable, Equatable {
    public var kind: String
    public var at: Date
    public var title: String
    public var detail: String?
    public var byName: String?
    public var link: String?
    public var id: UUID?
    public init(kind: String, at: Date, title: String, detail: String?, byName: String?, link: String?, id: UUID?) {
        self.kind = kind
        self.at = at
        self.title = title
        self.detail = detail
        self.byName = byName
        self.link = link
        self.id = id
    }
}
