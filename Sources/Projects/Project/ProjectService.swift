import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform
import SQLKit

/// Creating and changing projects, their members and budgets (issue 13 point 4).
struct ProjectService: Sendable {
    let context: ServiceContext

    static let maximumMembers = 200
    static let clearable: Set<String> = ["description", "customerId"]

    /// - Throws: 403 without `projects.project.manage`; 422 per field (`projects.project.code`,
    ///   `projects.project.dates`, `projects.project.budget_hidden`, …); 409 `projects.project.code_taken`,
    ///   `conflict.id_taken`.
    func create(_ input: ProjectInput) async throws -> ProjectDTO {
        try context.require(ProjectsModule.projectManage)
        var problems: [DomainError.Field] = []
        if input.name == nil { problems.append(.init("name", "field.required")) }
        if input.startsOn == nil { problems.append(.init("startsOn", "field.required")) }
        if input.endsOn == nil { problems.append(.init("endsOn", "field.required")) }
        if input.clear != nil { problems.append(.init("clear", "projects.task.clear_on_create")) }
        let project = Project()
        project.id = input.id ?? UUID()
        project.tenantID = context.tenantID
        project.code = ""
        project.managerID = context.actor.employeeID ?? UUID()
        project.status = "planning"
        project.dependencyRule = "flexible"
        project.currency = context.actor.tenant.currency.code
        project.budgetLabour = 0
        project.budgetExpenses = 0
        project.budgetPurchases = 0
        project.budgetOther = 0
        project.createdBy = context.actor.userID
        project.version = 1
        if input.managerId == nil, context.actor.employeeID == nil { problems.append(.init("managerId", "field.required")) }
        let members = try await apply(input, to: project, creating: true, problems: &problems)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let context = self.context
        let now = context.now()
        project.createdAt = now
        project.updatedAt = now
        let year = String(context.today().prefix(4))
        try await context.write { db in
            if input.id != nil, try await Project.find(project.id, on: db) != nil { throw DomainError.idTaken("project") }
            if project.code.isEmpty {
                project.code = try await DocumentNumbering().next(prefix: "PRJ", period: year, key: "projects.project", tenantID: project.tenantID, on: db)
            } else if try await Project.query(on: db).filter(\.$tenantID == project.tenantID).filter(\.$code == project.code).first() != nil {
                throw DomainError(status: 409, code: "projects.project.code_taken", params: ["code": project.code])
            }
            project.searchText = [project.code, project.name].joined(separator: " ").lowercased()
            try await project.create(on: db)
            try await Self.replaceMembers(members ?? [], of: project, on: db)
            var changes = AuditChanges()
            changes.created([("code", project.code), ("name", project.name), ("manager_id", project.managerID.uuidString), ("starts_on", project.startsOn),
                             ("ends_on", project.endsOn), ("status", project.status), ("members", String((members ?? []).count + 1))])
            try await AuditLog.append(entity: ProjectsModule.projectEntity, entityID: project.requireID(), action: "create", changes: changes,
                                      context: context.audit, on: db, now: now)
        }
        return try await ProjectRead(context: context).detail(project.requireID())
    }

    /// Applies the fields sent (`version` required).
    /// - Throws: as ``create(_:)``; 403 `projects.project.not_manager`; 409 stale version.
    func update(_ id: UUID, _ input: ProjectInput) async throws -> ProjectDTO {
        try context.require(ProjectsModule.work)
        var problems: [DomainError.Field] = []
        if input.version == nil { problems.append(.init("version", "field.required")) }
        if input.id != nil { problems.append(.init("id", "projects.task.id_fixed")) }
        let access = ProjectAccess(context: context)
        let project = try await access.visible(id)
        try await access.requireManage(project)
        let before = (project.code, project.name, project.details, project.customerID, project.managerID, project.startsOn, project.endsOn, project.status,
                      project.dependencyRule, project.budgetLabour, project.budgetExpenses, project.budgetPurchases, project.budgetOther)
        let members = try await apply(input, to: project, creating: false, problems: &problems)
        guard problems.isEmpty, let version = input.version else { throw DomainError.invalid(problems) }
        var changes = AuditChanges()
        if before.0 != project.code { changes.set("code", before.0, project.code) }
        if before.1 != project.name { changes.set("name", before.1, project.name) }
        if before.2 != project.details { changes.set("description", before.2, project.details) }
        if before.3 != project.customerID { changes.set("customer_id", before.3?.uuidString, project.customerID?.uuidString) }
        if before.4 != project.managerID { changes.set("manager_id", before.4.uuidString, project.managerID.uuidString) }
        if before.5 != project.startsOn { changes.set("starts_on", before.5, project.startsOn) }
        if before.6 != project.endsOn { changes.set("ends_on", before.6, project.endsOn) }
        if before.7 != project.status { changes.set("status", before.7, project.status) }
        if before.8 != project.dependencyRule { changes.set("dependency_rule", before.8, project.dependencyRule) }
        let exponent = Currency(code: project.currency)?.exponent ?? 2
        for (name, old, new) in [("budget_labour", before.9, project.budgetLabour), ("budget_expenses", before.10, project.budgetExpenses),
                                 ("budget_purchases", before.11, project.budgetPurchases), ("budget_other", before.12, project.budgetOther)] where old != new {
            changes.set(name, FixedDecimal.format(old, scale: exponent), FixedDecimal.format(new, scale: exponent))
        }
        if let members { changes.set("members", nil, String(members.count + 1)) }
        guard !changes.isEmpty else { return try await ProjectRead(context: context).detail(id) }
        let context = self.context
        let now = context.now()
        project.updatedAt = now
        project.searchText = [project.code, project.name].joined(separator: " ").lowercased()
        let finalChanges = changes
        try await context.write { db in
            guard try await (db as! any SQLDatabase).update(Project.schema).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("tenant_id", .equal, context.tenantID).where("version", .equal, version).returning("id").first() != nil
            else { throw DomainError.staleVersion("project") }
            if project.code != before.0, try await Project.query(on: db).filter(\.$tenantID == project.tenantID).filter(\.$code == project.code)
                .filter(\.$id != id).first() != nil {
                throw DomainError(status: 409, code: "projects.project.code_taken", params: ["code": project.code])
            }
            project.version = version + 1
            try await project.update(on: db)
            if let members { try await Self.replaceMembers(members, of: project, on: db) } else if project.managerID != before.4 {
                try await Self.replaceMembers(try await ProjectMember.query(on: db).filter(\.$projectID == id).filter(\.$employeeID != project.managerID).all()
                    .map { ($0.employeeID, $0.role == "manager" && $0.employeeID == before.4 ? "member" : $0.role) }, of: project, on: db)
            }
            try await AuditLog.append(entity: ProjectsModule.projectEntity, entityID: id, action: "update", changes: finalChanges, context: context.audit, on: db, now: now)
        }
        return try await ProjectRead(context: context).detail(id)
    }

    /// Checks `input` and applies it; answers the members sent (without the manager), nil when
    /// none were sent.
    private func apply(_ input: ProjectInput, to project: Project, creating: Bool, problems: inout [DomainError.Field]) async throws -> [(UUID, String)]? {
        let db = context.database
        let clear = Set(input.clear ?? [])
        for (index, name) in (input.clear ?? []).enumerated() where !Self.clearable.contains(name) {
            problems.append(.init("clear[\(index)]", "projects.task.not_clearable", params: ["field": name]))
        }
        if let code = input.code {
            let trimmed = code.trimmingCharacters(in: .whitespaces).uppercased()
            if trimmed.range(of: "^[A-Z0-9][A-Z0-9-]{1,19}$", options: .regularExpression) == nil { problems.append(.init("code", "projects.project.code")) } else { project.code = trimmed }
        }
        if input.name != nil || creating, let name = ProjectsText.line(input.name, max: 120, path: "name", required: true, problems: &problems) { project.name = name }
        if let description = input.description { project.details = ProjectsText.note(description, max: 10_000, path: "description", problems: &problems) }
        if clear.contains("description") { project.details = nil }
        func day(_ text: String?, path: String) -> String? {
            guard let text else { return nil }
            guard CalendarDay.isPlausibleBusinessDay(text) else { problems.append(.init(path, "request.invalid_date")); return nil }
            return text
        }
        if let start = day(input.startsOn, path: "startsOn") { project.startsOn = start }
        if let end = day(input.endsOn, path: "endsOn") { project.endsOn = end }
        if input.startsOn != nil || input.endsOn != nil, !problems.contains(where: { $0.path == "startsOn" || $0.path == "endsOn" }),
           project.endsOn < project.startsOn {
            problems.append(.init("endsOn", "projects.project.dates"))
        }
        if let status = input.status {
            if Project.statuses.contains(status) { project.status = status } else { problems.append(.init("status", "projects.project.status")) }
        }
        if let rule = input.dependencyRule {
            if ["strict", "flexible"].contains(rule) { project.dependencyRule = rule } else { problems.append(.init("dependencyRule", "projects.project.dependency_rule")) }
        }
        if let budget = input.budget {
            if !context.actor.holds(ProjectsModule.costRead) { problems.append(.init("budget", "projects.project.budget_hidden")) }
            let exponent = context.actor.tenant.currency.exponent
            func money(_ text: DecimalText?, path: String) -> Int64? {
                guard let text else { return nil }
                do {
                    let value = try FixedDecimal.parse(text.text, scale: exponent)
                    guard value >= 0, value <= 1_000_000_000_000_00 else {
                        problems.append(.init(path, "number.range", params: ["min": "0", "max": FixedDecimal.format(1_000_000_000_000_00, scale: exponent)]))
                        return nil
                    }
                    return value
                } catch { problems.append(error.field(path)); return nil }
            }
            if let v = money(budget.labour, path: "budget.labour") { project.budgetLabour = v }
            if let v = money(budget.expenses, path: "budget.expenses") { project.budgetExpenses = v }
            if let v = money(budget.purchases, path: "budget.purchases") { project.budgetPurchases = v }
            if let v = money(budget.other, path: "budget.other") { project.budgetOther = v }
        }
        if clear.contains("customerId") { project.customerID = nil }
        if let customerID = input.customerId {
            if try await PartnerDirectory(db: db).references([customerID], tenantID: context.tenantID)[customerID] == nil {
                problems.append(.init("customerId", "projects.task.unknown_customer"))
            } else { project.customerID = customerID }
        }
        var wanted = Set((input.members ?? []).compactMap(\.employeeId))
        if let manager = input.managerId { wanted.insert(manager) } else if creating { wanted.insert(project.managerID) }
        let people = try await People.load(wanted, tenantID: context.tenantID, companyZone: context.actor.tenant.timeZone, db: db)
        if let manager = input.managerId ?? (creating ? project.managerID : nil) {
            if let person = people[manager] {
                project.managerID = manager
                project.departmentID = person.departmentID
            } else { problems.append(.init("managerId", "projects.task.unknown_employee")) }
        }
        guard let members = input.members else { return nil }
        if members.count > Self.maximumMembers { problems.append(.init("members", "list.too_many_ids", params: ["max": String(Self.maximumMembers)])) }
        var result: [(UUID, String)] = []
        for (index, member) in members.enumerated() {
            guard let id = member.employeeId else { problems.append(.init("members[\(index)].employeeId", "field.required")); continue }
            if people[id] == nil { problems.append(.init("members[\(index)].employeeId", "projects.task.unknown_employee")); continue }
            let role = member.role ?? "member"
            if !ProjectMember.roles.contains(role) { problems.append(.init("members[\(index)].role", "projects.project.member_role")); continue }
            if id == project.managerID || result.contains(where: { $0.0 == id }) { continue }
            result.append((id, role))
        }
        return result
    }

    /// Replaces the members; the manager is always one, with role `manager`.
    static func replaceMembers(_ members: [(UUID, String)], of project: Project, on db: any Database) async throws {
        let id = try project.requireID()
        try await ProjectMember.query(on: db).filter(\.$projectID == id).delete()
        for (employeeID, role) in [(project.managerID, "manager")] + members.filter({ $0.0 != project.managerID }) {
            let row = ProjectMember()
            row.tenantID = project.tenantID
            row.projectID = id
            row.employeeID = employeeID
            row.role = role
            try await row.create(on: db)
        }
    }
}
