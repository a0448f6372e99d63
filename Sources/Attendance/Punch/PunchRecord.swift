import Fluent
import Foundation
import Platform

/// Punches as records whose files (check-in photos) the platform guards (issue 10 point 8): a
/// photo is read by the employee who punched and by holders of `attendance.record.read` whose
/// data scope covers the employee — the same people who may see the punch.
enum PunchRecord {
    static let kind = RecordKind(
        key: AttendanceModule.punchEntity, chatter: false,
        link: { _, _ in "/attendance" },
        readable: { reader, ids, db in
            guard !ids.isEmpty else { return [] }
            let rows = try await Punch.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$id ~~ ids).all()
            let scope = reader.holds(AttendanceModule.recordRead) ? try await reader.scope(AttendanceModule.recordResource, on: db) : nil
            return Set(rows.filter { p in
                p.employeeID == reader.employeeID || scope?.contains(department: p.departmentID, employee: p.employeeID, createdBy: nil) == true
            }.compactMap(\.id))
        })
}
