import Attendance
import Fluent
import Foundation
import Platform

/// Approved leave as attendance sees it: each day a request takes, as a whole day or a half.
/// A half day on the request's first day is its afternoon (the leave starts at midday), on any
/// other day its morning (back at midday); hourly leave covers the first hours of the day.
struct LeaveAbsences: AttendanceAbsences {
    func absences(employeeIDs: [UUID], tenantID: UUID, from first: String, through last: String, on db: any Database) async throws
        -> [UUID: [String: [AbsenceFact]]] {
        guard !employeeIDs.isEmpty else { return [:] }
        let rows = try await LeaveRequest.query(on: db).filter(\.$tenantID == tenantID).filter(\.$employeeID ~~ employeeIDs)
            .filter(\.$state == LeaveState.approved.rawValue).filter(\.$startDate <= last).filter(\.$endDate >= first).all()
        var answer: [UUID: [String: [AbsenceFact]]] = [:]
        for request in rows {
            let units = request.hours != nil
            for day in request.days where day.date >= first && day.date <= last {
                let amount = Decimal(day.amount) / 100
                let portion: AbsenceFact.Portion = units ? .firstMinutes(Int(day.amount * 60 / 100))
                    : day.amount >= 100 ? .wholeDay : (day.date == request.startDate && request.startDate != request.endDate ? .secondHalf : .firstHalf)
                answer[request.employeeID, default: [:]][day.date, default: []].append(AbsenceFact(kind: .leave, type: request.typeKey, portion: portion, amount: amount))
            }
        }
        return answer
    }
}
