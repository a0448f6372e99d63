import Fluent
import Foundation

/// Sets one link column of employees by code, with an audit entry per changed employee.
struct EmployeeAssignment: Sendable {
    let db: any Database

    func assign(_ links: [String: UUID], column: String, keyPath: ReferenceWritableKeyPath<Employee, UUID?>, tenantID: UUID,
                audit: AuditContext) async throws -> Int {
        guard !links.isEmpty else { return 0 }
        let employees = try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$code ~~ Array(links.keys)).all()
        var changed = 0
        for employee in employees {
            guard let target = links[employee.code], employee[keyPath: keyPath] != target else { continue }
            var changes = AuditChanges()
            changes.set(column, employee[keyPath: keyPath]?.uuidString, target.uuidString)
            employee[keyPath: keyPath] = target
            employee.version += 1
            try await employee.save(on: db)
            try await AuditLog.append(entity: OrganisationModule.employeeEntity, entityID: employee.id, action: "update", changes: changes,
                                      context: audit, on: db)
            changed += 1
        }
        return changed
    }
}
