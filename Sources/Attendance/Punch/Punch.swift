import Fluent
import Foundation

/// A check-in or check-out (打卡) as recorded; see ``AfieldAPI/PunchDTO`` for the meaning of
/// each field. Rows are never changed once written: a correction (补卡) is a punch of its own.
final class Punch: Model, @unchecked Sendable {
    static let schema = "attendance_punches"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "employee_id") var employeeID: UUID
    /// The employee's department when punching: data scopes judge by it.
    @OptionalField(key: "department_id") var departmentID: UUID?
    @OptionalField(key: "group_id") var groupID: UUID?
    @Field(key: "work_date") var workDate: String
    @Field(key: "at") var at: Date
    /// Minutes since 1970 of ``at``: one punch per person and minute.
    @Field(key: "minute") var minute: Int64
    @Field(key: "server_time") var serverTime: Date
    @Field(key: "device_time") var deviceTime: Date
    @Field(key: "latitude") var latitude: String
    @Field(key: "longitude") var longitude: String
    @OptionalField(key: "accuracy") var accuracy: Int?
    @OptionalField(key: "site_id") var siteID: UUID?
    @OptionalField(key: "distance_meters") var distanceMeters: Int?
    @Field(key: "inside") var inside: Bool
    @Field(key: "field") var field: Bool
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "photo_file_id") var photoFileID: UUID?
    @OptionalField(key: "customer_id") var customerID: UUID?
    @Field(key: "queued") var queued: Bool
    @Field(key: "clock_skew_seconds") var clockSkewSeconds: Int
    @Field(key: "flagged") var flagged: Bool
    @Field(key: "source") var source: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "created_at") var createdAt: Date?

    init() {}
}
