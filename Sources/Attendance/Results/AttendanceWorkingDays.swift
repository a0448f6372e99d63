import Fluent
import Foundation
import Platform
import Synchronization
import Vapor

/// The working days of a person by their attendance group: its holiday calendar (with make-up
/// workdays), its schedule's weekly rest days, or its roster for shift groups. Someone in no
/// group works Monday to Friday. Installed as ``Platform/WorkingDays`` at boot.
struct AttendanceWorkingDays: WorkingDays {
    func workingDays(employeeID: UUID, tenantID: UUID, from first: String, through last: String, on db: any Database) async throws -> [String] {
        guard !WorkCalendar.limited(first, last, { [first] }).isEmpty,
              let employee = try await EmployeeDirectory(db: db).find(employeeID, tenantID: tenantID) else { return [] }
        // The zone only places punches, which a working-day question does not read.
        let book = try await AttendanceBook.load([employee], tenantID: tenantID, tenantZone: TimeZone(identifier: "UTC")!, from: first, through: last,
                                                 absences: nil, withPunches: false, on: db)
        guard let planner = book.people[employeeID]?.planner else { return [] }
        return WorkCalendar.days(from: first, through: last).filter { planner.plan($0).kind == .workday }
    }
}

/// The sources of leave, trips, outings and overtime that modules installed (``AttendanceAbsences``);
/// their facts are merged.
public final class AttendanceAbsenceSources: AttendanceAbsences {
    private let sources = Mutex<[any AttendanceAbsences]>([])

    public init() {}

    public func register(_ source: any AttendanceAbsences) { sources.withLock { $0.append(source) } }

    public func absences(employeeIDs: [UUID], tenantID: UUID, from first: String, through last: String, on db: any Database) async throws
        -> [UUID: [String: [AbsenceFact]]] {
        var merged: [UUID: [String: [AbsenceFact]]] = [:]
        for source in sources.withLock({ $0 }) {
            for (employee, days) in try await source.absences(employeeIDs: employeeIDs, tenantID: tenantID, from: first, through: last, on: db) {
                for (day, facts) in days { merged[employee, default: [:]][day, default: []] += facts }
            }
        }
        return merged
    }
}

extension Application {
    private struct AbsencesKey: StorageKey { typealias Value = AttendanceAbsenceSources }

    /// Where Leave and the trip, outing and overtime documents register their facts for attendance.
    public var attendanceAbsences: AttendanceAbsenceSources {
        if let existing = storage[AbsencesKey.self] { return existing }
        let made = AttendanceAbsenceSources()
        storage[AbsencesKey.self] = made
        return made
    }
}
