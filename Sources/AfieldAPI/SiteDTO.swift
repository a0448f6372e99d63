import Foundation

/// A branch or site (分支机构/办公地点) as `GET /api/v1/org/sites` lists it.
///
/// `latitude` / `longitude` are exact decimal degrees as text (WGS 84, at most 7 decimals,
/// −90…90 and −180…180), never binary floating point; both are set or both are absent.
/// `timeZone` is an IANA identifier (`Europe/London`): "which day" questions for people at the
/// site (check-ins, attendance) use it.
public struct SiteDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var address: String?
    public var latitude: String?
    public var longitude: String?
    public var timeZone: String
    public var archived: Bool
    /// Current (not archived) employees at this site.
    public var employeeCount: Int
    public var version: Int
    public init(id: UUID, name: String, address: String?, latitude: String?, longitude: String?, timeZone: String, archived: Bool,
                employeeCount: Int, version: Int) {
        self.id = id
        self.name = name
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.timeZone = timeZone
        self.archived = archived
        self.employeeCount = employeeCount
        self.version = version
    }
}

/// `POST /api/v1/org/sites`: `name` required; `timeZone` defaults to the company's;
/// `latitude` and `longitude` as decimal text or JSON numbers (read exactly), both or neither.
public struct SiteInput: Codable, Sendable {
    public var name: String?
    public var address: String?
    public var latitude: DecimalText?
    public var longitude: DecimalText?
    public var timeZone: String?
    public init(name: String?, address: String? = nil, latitude: DecimalText? = nil, longitude: DecimalText? = nil, timeZone: String? = nil) {
        self.name = name
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.timeZone = timeZone
    }
}

/// `PATCH /api/v1/org/sites/{id}`: `version` required (stale → 409 with `current`); absent
/// fields stay; an empty `address` clears it; empty `latitude` and `longitude` clear the position.
public struct SiteUpdate: Codable, Sendable {
    public var version: Int?
    public var name: String?
    public var address: String?
    public var latitude: DecimalText?
    public var longitude: DecimalText?
    public var timeZone: String?
    public var archived: Bool?
    public init(version: Int?, name: String? = nil, address: String? = nil, latitude: DecimalText? = nil, longitude: DecimalText? = nil,
                timeZone: String? = nil, archived: Bool? = nil) {
        self.version = version
        self.name = name
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.timeZone = timeZone
        self.archived = archived
    }
}
