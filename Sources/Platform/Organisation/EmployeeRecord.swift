import Fluent
import Foundation

/// Employees as records of the chatter and its attachments (``RecordKind``): readable by holders
/// of `org.directory.read`, as the employee's detail route (the sensitive HR fields stay behind
/// their own permission; the chatter shows none of them).
enum EmployeeRecord {
    static let kind = RecordKind(
        key: OrganisationModule.employeeEntity, names: .column("name", in: Employee.schema),
        link: { id, _ in "/org/employees/\(id.uuidString)" },
        readable: { reader, ids, db in
            guard reader.holds(OrganisationModule.read), !ids.isEmpty else { return [] }
            let rows = try await Employee.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$id ~~ ids).field(\.$id).all()
            return Set(rows.compactMap(\.id))
        })
}
