import Fluent
import Foundation

/// A visit (拜访) of a rep to a customer: planned for a day, then checked in at the customer's
/// door with the phone's position and checked out with a summary.
///
/// `state`: `planned` → `in_progress` (checked in) → `done` (checked out), or `cancelled` from
/// planned. A check-in far from the customer (``VisitCheckIn/farMeters``) is kept and marked
/// `far`, never refused or hidden: the manager judges it.
final class Visit: Model, @unchecked Sendable {
    static let schema = "crm_visits"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "customer_id") var customerID: UUID
    /// The rep (employee) who visits; data scopes follow them.
    @Field(key: "owner_id") var ownerID: UUID
    @OptionalField(key: "department_id") var departmentID: UUID?
    /// `YYYY-MM-DD` in the rep's time zone.
    @Field(key: "planned_for") var plannedFor: String
    /// Position in the day's saved route (1-based), nil when planned alone.
    @OptionalField(key: "sequence") var sequence: Int?
    @OptionalField(key: "purpose") var purpose: String?
    @Field(key: "state") var state: String
    @OptionalField(key: "check_in_at") var checkInAt: Date?
    @OptionalField(key: "check_in_device_at") var checkInDeviceAt: Date?
    @OptionalField(key: "check_in_latitude") var checkInLatitude: String?
    @OptionalField(key: "check_in_longitude") var checkInLongitude: String?
    /// The phone's reported accuracy, metres.
    @OptionalField(key: "check_in_accuracy") var checkInAccuracy: Int?
    /// Whole metres from the customer's coordinates; nil when the customer has none.
    @OptionalField(key: "distance_m") var distanceMeters: Int?
    @Field(key: "far") var far: Bool
    /// Server minus phone clock at check-in, seconds (``DeviceTime``).
    @OptionalField(key: "clock_skew_s") var clockSkewSeconds: Int?
    @OptionalField(key: "photo_file_id") var photoFileID: UUID?
    @OptionalField(key: "check_out_at") var checkOutAt: Date?
    @OptionalField(key: "check_out_device_at") var checkOutDeviceAt: Date?
    @OptionalField(key: "duration_minutes") var durationMinutes: Int?
    @OptionalField(key: "summary") var summary: String?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}
