import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// An approved business trip, outing or overtime of an employee, recorded from its approval form
/// (issue 10 point 6). Trips and outings make their days field work; overtime adds its minutes
/// to the day (its kind — working day, rest day or holiday — is the day's).
final class AwayRecord: Model, @unchecked Sendable {
    static let schema = "attendance_away"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "employee_id") var employeeID: UUID
    /// `trip`, `outing` or `overtime`.
    @Field(key: "kind") var kind: String
    @Field(key: "start_date") var startDate: String
    @Field(key: "end_date") var endDate: String
    /// Overtime minutes (overtime only).
    @OptionalField(key: "minutes") var minutes: Int?
    /// The approval instance it came from.
    @Field(key: "source_id") var sourceID: UUID
    @OptionalField(key: "created_at") var createdAt: Date?

    init() {}
}

/// `attendance.0002_away`: approved trips, outings and overtime.
struct CreateAwayRecords: AsyncMigration {
    var name: String { "attendance.0002_away" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AwayRecord.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("employee_id", .uuid, .required, .references("employees", "id"))
            .field("kind", .string, .required)
            .field("start_date", .string, .required)
            .field("end_date", .string, .required)
            .field("minutes", .int)
            .field("source_id", .uuid, .required)
            .field("created_at", .datetime)
            .unique(on: "tenant_id", "source_id", name: "attendance_away_source")
            .create()
        try await (database as? any SQLDatabase)?.raw("CREATE INDEX attendance_away_dates ON attendance_away (tenant_id, employee_id, end_date)").run()
    }

    func revert(on database: any Database) async throws { try await database.schema(AwayRecord.schema).delete() }
}

/// Records approved trip, outing and overtime forms (``Platform/ApprovalFormApproved``) in the
/// approving transaction; the instance id keeps it once.
enum AwayRecording {
    static func record(_ event: ApprovalFormApproved, on db: any Database) async throws {
        guard let template = event.templateKey, ["businessTrip", "outing", "overtime"].contains(template),
              let values = try? JSONDecoder().decode([String: FormValue].self, from: Data(event.valuesJSON.utf8)),
              let employee = try await Employee.query(on: db).filter(\.$tenantID == event.tenantID).filter(\.$userID == event.requesterID).first()
        else { return }
        let row = AwayRecord()
        row.id = UUID()
        row.tenantID = event.tenantID
        row.employeeID = employee.id!
        row.sourceID = event.instanceID
        row.createdAt = Date()
        switch template {
        case "businessTrip":
            guard case .object(let period) = values["period"], let start = period["start"]?.text, let end = period["end"]?.text else { return }
            (row.kind, row.startDate, row.endDate) = ("trip", start, end)
        case "outing":
            guard let start = values["startDate"]?.text, let end = values["endDate"]?.text else { return }
            (row.kind, row.startDate, row.endDate) = ("outing", start, end)
        default:
            guard let date = values["date"]?.text, let hours = values["hours"]?.text.flatMap({ Decimal(string: $0) }), hours > 0 else { return }
            (row.kind, row.startDate, row.endDate) = ("overtime", date, date)
            row.minutes = NSDecimalNumber(decimal: hours * 60).intValue
        }
        guard CalendarDay.isValid(row.startDate), CalendarDay.isValid(row.endDate), row.startDate <= row.endDate else { return }
        guard try await AwayRecord.query(on: db).filter(\.$tenantID == event.tenantID).filter(\.$sourceID == event.instanceID).first() == nil else { return }
        try await row.create(on: db)
    }
}

/// Approved trips, outings and overtime as attendance facts.
struct AwayAbsences: AttendanceAbsences {
    func absences(employeeIDs: [UUID], tenantID: UUID, from first: String, through last: String, on db: any Database) async throws
        -> [UUID: [String: [AbsenceFact]]] {
        guard !employeeIDs.isEmpty else { return [:] }
        let rows = try await AwayRecord.query(on: db).filter(\.$tenantID == tenantID).filter(\.$employeeID ~~ employeeIDs)
            .filter(\.$startDate <= last).filter(\.$endDate >= first).all()
        var answer: [UUID: [String: [AbsenceFact]]] = [:]
        for row in rows {
            for day in WorkCalendar.days(from: max(row.startDate, first), through: min(row.endDate, last)) {
                let fact: AbsenceFact = switch row.kind {
                case "trip": AbsenceFact(kind: .trip)
                case "outing": AbsenceFact(kind: .outing)
                default: AbsenceFact(kind: .overtime, minutes: row.minutes)
                }
                answer[row.employeeID, default: [:]][day, default: []].append(fact)
            }
        }
        return answer
    }
}
