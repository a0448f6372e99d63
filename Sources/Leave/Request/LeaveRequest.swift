import AfieldAPI
import Fluent
import Foundation

/// A leave request (请假申请); see ``AfieldAPI/LeaveRequestDTO``. Amounts are hundredths of the
/// type's unit; `days` the JSON of the days it takes (``LeaveDuration/Day``).
final class LeaveRequest: Model, @unchecked Sendable {
    static let schema = "leave_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "number") var number: String
    @Field(key: "employee_id") var employeeID: UUID
    @OptionalField(key: "department_id") var departmentID: UUID?
    @Field(key: "type_key") var typeKey: String
    @Field(key: "start_date") var startDate: String
    @Field(key: "end_date") var endDate: String
    /// Days taken as half days, joined by commas.
    @Field(key: "half_days") var halfDaysText: String
    @OptionalField(key: "hours") var hours: Int64?
    @Field(key: "amount") var amount: Int64
    @Field(key: "days") var daysJSON: String
    @OptionalField(key: "reason") var reason: String?
    /// File ids joined by commas.
    @Field(key: "attachments") var attachmentsText: String
    /// ``LeaveState`` raw value.
    @Field(key: "state") var state: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "created_at") var createdAt: Date?
    @OptionalField(key: "updated_at") var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}

    var halfDays: [String] { halfDaysText.split(separator: ",").map(String.init) }
    var attachments: [UUID] { attachmentsText.split(separator: ",").compactMap { UUID(uuidString: String($0)) } }
    var days: [LeaveDuration.Day] { (try? JSONDecoder().decode([LeaveDuration.Day].self, from: Data(daysJSON.utf8))) ?? [] }
}

/// The states of a leave request and what moves it (DESIGN §3: transitions as data).
enum LeaveState: String, Sendable {
    case pending, approved, rejected, withdrawn, cancelled

    /// States whose days count against the balance or show on the team calendar.
    static let holding: [String] = [LeaveState.pending.rawValue, LeaveState.approved.rawValue]
}
