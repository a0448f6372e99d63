import AfieldAPI
import Fluent
import Foundation
import Platform

/// Compensatory leave (调休假) earned from approved overtime taken as time off (issue 10 point 6):
/// the overtime form's hours become hours of balance from the overtime's date, once per
/// approval instance.
enum CompensatoryLeave {
    static func earn(_ event: ApprovalFormApproved, on db: any Database) async throws {
        guard event.templateKey == "overtime", let values = try? JSONDecoder().decode([String: FormValue].self, from: Data(event.valuesJSON.utf8)),
              values["compensation"]?.text == "timeOff", let date = values["date"]?.text, CalendarDay.isValid(date),
              let hours = values["hours"]?.text.flatMap({ Decimal(string: $0) }), hours > 0,
              let employee = try await Employee.query(on: db).filter(\.$tenantID == event.tenantID).filter(\.$userID == event.requesterID).first()
        else { return }
        let dedupe = "earned:\(event.instanceID)"
        guard try await LeaveLedgerEntry.query(on: db).filter(\.$tenantID == event.tenantID).filter(\.$employeeID == employee.id!)
            .filter(\.$typeKey == "compensatory").filter(\.$dedupeKey == dedupe).first() == nil else { return }
        try await LeaveLedgerEntry(tenantID: event.tenantID, employeeID: employee.id!, typeKey: "compensatory", kind: "earned",
                                   amount: NSDecimalNumber(decimal: hours * 100).int64Value, date: date, expiresOn: nil, dedupeKey: dedupe,
                                   requestID: event.instanceID, by: event.requesterID, at: Date()).create(on: db)
    }
}
