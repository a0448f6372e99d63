import Fluent
import Foundation

/// A branch office or site (分支机构/办公地点) where employees work. Later modules use its
/// position for check-in geofences and its time zone for "which day" questions of the people
/// based there.
///
/// Coordinates are stored as exact decimal text (``GeoCoordinate``), never as `Double`.
public final class Site: Model, @unchecked Sendable {
    public static let schema = "sites"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    @Field(key: "name") public var name: String
    /// Postal address as free text (may span lines).
    @OptionalField(key: "address") public var address: String?
    /// Decimal degrees, −90…90, as canonical text (`47.6062`); set together with `longitude`.
    @OptionalField(key: "latitude") public var latitude: String?
    /// Decimal degrees, −180…180, as canonical text (`-122.3321`).
    @OptionalField(key: "longitude") public var longitude: String?
    /// IANA time zone identifier (`America/Los_Angeles`).
    @Field(key: "time_zone") public var timeZone: String
    @Field(key: "archived") public var archived: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @Field(key: "version") public var version: Int

    public init() {}

    public init(tenantID: UUID, name: String, address: String?, latitude: String?, longitude: String?, timeZone: String) {
        self.tenantID = tenantID
        self.name = name
        self.address = address
        self.latitude = latitude
        self.longitude = longitude
        self.timeZone = timeZone
        self.archived = false
        self.version = 1
    }
}
