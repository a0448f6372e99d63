import AfieldAPI
import Fluent
import Foundation

/// Employees as a caller sees them: names of their department, manager, position and site, and
/// the sensitive fields in full or masked by the caller's `org.employee.sensitive.read`.
struct EmployeeViews: Sendable {
    let db: any Database
    let tenantID: UUID
    let reveal: Bool
    let sensitive: EmployeeSensitiveFields

    /// Views for the actor of `context`, reading through `db` (the context's by default).
    init(_ context: ServiceContext, db: (any Database)? = nil) {
        self.db = db ?? context.database
        self.tenantID = context.tenantID
        self.reveal = context.actor.holds(OrganisationModule.sensitiveRead)
        self.sensitive = EmployeeSensitiveFields(cipher: context.settings.cipher)
    }

    /// Views for the reader of a list page: sensitive fields in full only when the list runs
    /// for a signed-in reader holding `org.employee.sensitive.read` (masked in a background job).
    init(_ context: ListRunContext) {
        self.db = context.db
        self.tenantID = context.tenantID
        self.reveal = context.actor?.holds(OrganisationModule.sensitiveRead) ?? false
        self.sensitive = EmployeeSensitiveFields(cipher: (context.settings ?? AfieldSettings()).cipher)
    }

    func dtos(_ employees: [Employee]) async throws -> [EmployeeDTO] {
        let departments = try await OrganisationController.names(tenantID, db)
        let managers = try await EmployeeDirectory(db: db).names(Set(employees.compactMap(\.managerID)), tenantID: tenantID)
        let positionIDs = Array(Set(employees.compactMap(\.positionID)))
        let positions = positionIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Position.query(on: db)
            .filter(\.$tenantID == tenantID).filter(\.$id ~~ positionIDs).all().map { ($0.id!, $0.name) })
        let siteIDs = Array(Set(employees.compactMap(\.siteID)))
        let sites = siteIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Site.query(on: db)
            .filter(\.$tenantID == tenantID).filter(\.$id ~~ siteIDs).all().map { ($0.id!, $0.name) })
        return try employees.map { e in
            EmployeeDTO(id: e.id!, name: e.name, title: e.title, departmentId: e.departmentID, departmentName: e.departmentID.flatMap { departments[$0] },
                        managerId: e.managerID, managerName: e.managerID.flatMap { managers[$0] }, userId: e.userID, hireDate: e.hireDate,
                        archived: e.archived, code: e.code, positionId: e.positionID, positionName: e.positionID.flatMap { positions[$0] },
                        siteId: e.siteID, siteName: e.siteID.flatMap { sites[$0] }, version: e.version,
                        sensitive: try sensitive.view(e, reveal: reveal))
        }
    }

    func dto(_ employee: Employee) async throws -> EmployeeDTO { try await dtos([employee])[0] }
}
