import AfieldAPI
import Fluent
import Foundation
import SQLKit

/// Editing an employee through the API: checks, a version-guarded update and its audit entry,
/// in which sensitive fields appear only as "changed" markers.
struct EmployeeEditing: Sendable {
    let context: ServiceContext

    /// Applies `update` to the employee `id` of the caller's company.
    ///
    /// The write is `UPDATE … WHERE version = <sent>`: of two users saving the same version, one
    /// wins and the other gets 409 with the record as it is now (masked for them).
    /// - Throws: 403 `auth.forbidden` without `org.employee.manage`; 404 (unknown or another
    ///   company's), 403 (sensitive fields without `org.employee.sensitive.write`), 422 (fields,
    ///   see ``EmployeeUpdate``), 409.
    func update(_ id: UUID, with body: EmployeeUpdate) async throws -> EmployeeDTO {
        try context.require(OrganisationModule.manageEmployees)
        let actor = context.actor
        let audit = context.audit
        let now = context.now()
        let updated = try await context.write { db -> Employee in
            guard let employee = try await EmployeeDirectory(db: db).find(id, tenantID: actor.tenantID) else { throw DomainError.notFound("employee") }
            if body.touchesSensitiveFields, !actor.holds(OrganisationModule.sensitiveWrite) {
                throw DomainError(status: 403, code: "auth.forbidden", params: ["permission": OrganisationModule.sensitiveWrite.key])
            }
            guard let version = body.version else { throw DomainError.invalid([.init("version", "field.required")]) }
            guard employee.version == version else {
                throw DomainError.staleVersion("employee", current: try await EmployeeViews(context, db: db).dto(employee))
            }
            var problems: [DomainError.Field] = []
            var changes = AuditChanges()
            var columns: [(column: String, value: any Encodable & Sendable)] = []
            func change<T: Equatable & Encodable & Sendable & CustomStringConvertible>(
                _ column: String, _ keyPath: ReferenceWritableKeyPath<Employee, T?>, _ value: T?) {
                guard employee[keyPath: keyPath] != value else { return }
                changes.set(column, employee[keyPath: keyPath], value)
                employee[keyPath: keyPath] = value
                columns.append((column, value))
            }
            if let name = OrgInput.name(body.name, required: false, problems: &problems), name != employee.name {
                changes.set("name", employee.name, name)
                employee.name = name
                columns.append(("name", name))
            }
            if let title = OrgInput.optional(body.title, path: "title", max: 100, problems: &problems) { change("title", \.title, title) }
            if body.clearDepartment == true {
                change("department_id", \.departmentID, nil)
            } else if let department = body.departmentId, department != employee.departmentID {
                let found = try await OrganisationController.find(department, actor.tenantID, db)
                if found == nil { problems.append(.init("departmentId", "org.department.unknown")) } else if found!.archived {
                    problems.append(.init("departmentId", "org.department.archived"))
                } else { change("department_id", \.departmentID, department) }
            }
            if body.clearManager == true {
                change("manager_id", \.managerID, nil)
            } else if let manager = body.managerId, manager != employee.managerID {
                let managers = try await Self.managers(actor.tenantID, db)
                if managers[manager] == nil { problems.append(.init("managerId", "org.employee.unknown")) } else if Self.reports(manager, to: id, managers) {
                    problems.append(.init("managerId", "org.employee.manager_cycle"))
                } else { change("manager_id", \.managerID, manager) }
            }
            if body.clearPosition == true {
                change("position_id", \.positionID, nil)
            } else if let position = body.positionId, position != employee.positionID {
                let found = try await PositionController.find(position, actor.tenantID, db)
                if found == nil || found!.archived { problems.append(.init("positionId", "org.position.unknown")) } else {
                    change("position_id", \.positionID, position)
                }
            }
            if body.clearSite == true {
                change("site_id", \.siteID, nil)
            } else if let site = body.siteId, site != employee.siteID {
                let found = try await SiteController.find(site, actor.tenantID, db)
                if found == nil || found!.archived { problems.append(.init("siteId", "org.site.unknown")) } else { change("site_id", \.siteID, site) }
            }
            if body.clearUser == true {
                change("user_id", \.userID, nil)
            } else if let user = body.userId, user != employee.userID {
                if try await User.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id == user).first() == nil {
                    problems.append(.init("userId", "org.employee.user_unknown"))
                } else if try await Employee.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$userID == user).first() != nil {
                    problems.append(.init("userId", "org.employee.user_taken"))
                } else { change("user_id", \.userID, user) }
            }
            let sealed = try EmployeeSensitiveFields(cipher: context.settings.cipher)
                .apply(body, to: employee, currency: actor.tenant.currency, problems: &problems, changes: &changes)
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            guard !changes.isEmpty else { return employee }
            let statement = (db as! any SQLDatabase).update(Employee.schema)
            for (column, value) in columns { statement.set(SQLColumn(column), to: SQLBind(value)) }
            for (column, value) in sealed { statement.set(SQLColumn(column), to: SQLBind(value)) }
            let row = try await statement.set(SQLColumn("updated_at"), to: SQLBind(now)).set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("tenant_id", .equal, actor.tenantID).where("version", .equal, version)
                .returning("id").first()
            guard row != nil else { throw DomainError.staleVersion("employee") }
            employee.version += 1
            try await AuditLog.append(entity: OrganisationModule.employeeEntity, entityID: id, action: "update", changes: changes, context: audit, on: db, now: now)
            return employee
        }
        return try await EmployeeViews(context).dto(updated)
    }

    /// Each employee's manager (nil for the top) by id, archived employees left out.
    static func managers(_ tenantID: UUID, _ db: any Database) async throws -> [UUID: UUID?] {
        let rows = try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$archived == false).all()
        return Dictionary(uniqueKeysWithValues: rows.compactMap { e in e.id.map { ($0, e.managerID) } })
    }

    /// Whether `candidate` is `employee` or reports to them, directly or through others — then
    /// making `candidate` the employee's manager would close a loop.
    static func reports(_ candidate: UUID, to employee: UUID, _ managers: [UUID: UUID?]) -> Bool {
        var current: UUID? = candidate
        var seen: Set<UUID> = []
        while let person = current, seen.insert(person).inserted {
            if person == employee { return true }
            current = managers[person] ?? nil
        }
        return false
    }
}
