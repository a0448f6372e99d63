import AfieldAPI
import Fluent
import Foundation
import Platform

/// An approved business trip (出差) of an employee, as Expenses knows it: recorded from
/// ``Platform/ApprovalFormApproved`` for the built-in `businessTrip` form (Expenses never reads
/// the approvals tables), so that a claim line can name the trip it belongs to.
final class ExpenseTrip: Model, @unchecked Sendable {
    static let schema = "expense_trips"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "employee_id") var employeeID: UUID
    /// The approval instance of the trip: what a claim line's `tripID` names.
    @Field(key: "instance_id") var instanceID: UUID
    /// `YYYY-MM-DD`.
    @Field(key: "start_date") var startDate: String
    @Field(key: "end_date") var endDate: String
    @OptionalField(key: "destination") var destination: String?
    @OptionalField(key: "created_at") var createdAt: Date?

    init() {}

    /// Records an approved `businessTrip` form in the approving transaction; the instance id
    /// keeps it once (a replay writes nothing).
    static func record(_ event: ApprovalFormApproved, on db: any Database) async throws {
        guard event.templateKey == "businessTrip",
              let values = try? JSONDecoder().decode([String: FormValue].self, from: Data(event.valuesJSON.utf8)),
              case .object(let period) = values["period"], let start = period["start"]?.text, let end = period["end"]?.text,
              CalendarDay.isValid(start), CalendarDay.isValid(end), start <= end,
              let employee = try await Employee.query(on: db).filter(\.$tenantID == event.tenantID).filter(\.$userID == event.requesterID).first()
        else { return }
        guard try await ExpenseTrip.query(on: db).filter(\.$tenantID == event.tenantID).filter(\.$instanceID == event.instanceID).first() == nil else { return }
        let row = ExpenseTrip()
        row.id = UUID()
        row.tenantID = event.tenantID
        row.employeeID = try employee.requireID()
        row.instanceID = event.instanceID
        row.startDate = start
        row.endDate = end
        row.destination = values["destination"]?.text.map { String($0.prefix(120)) }
        row.createdAt = Date()
        try await row.create(on: db)
    }
}
