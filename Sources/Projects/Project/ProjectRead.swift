import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform

/// Projects as the API shows them, for a caller who may see them.
struct ProjectRead: Sendable {
    let context: ServiceContext

    /// - Throws: 404 `not_found` (`project`) for a project the caller cannot see.
    func detail(_ id: UUID) async throws -> ProjectDTO {
        let access = ProjectAccess(context: context)
        let project = try await access.visible(id)
        let db = context.database
        let today = context.actor.tenant.today(now: context.now())
        let members = try await ProjectMember.query(on: db).filter(\.$projectID == id).all()
        let phases = try await ProjectPhase.query(on: db).filter(\.$projectID == id).sort(\.$position).all()
        let milestones = try await Milestone.query(on: db).filter(\.$projectID == id).sort(\.$dueOn).sort(\.$name).all()
        let counts = try await ProjectProgress.milestoneCounts([id], db: db)
        let figures = try await ProjectProgress.figures([id], now: context.now(), db: db)[id] ?? .init()
        let names = try await EmployeeDirectory(db: db).names(Set(members.map(\.employeeID) + milestones.compactMap(\.ownerID) + [project.managerID]),
                                                              tenantID: context.tenantID)
        let customerName = try await project.customerID.asyncMap { id in
            try await PartnerDirectory(db: db).references([id], tenantID: context.tenantID)[id]?.name
        } ?? nil
        let role = try await access.role(in: project)
        let exponent = Currency(code: project.currency)?.exponent ?? 2
        func money(_ value: Int64) -> String { FixedDecimal.format(value, scale: exponent) }
        let budget = context.actor.holds(ProjectsModule.costRead) ? ProjectBudgetDTO(
            labour: money(project.budgetLabour), expenses: money(project.budgetExpenses), purchases: money(project.budgetPurchases),
            other: money(project.budgetOther), total: money(project.budgetLabour + project.budgetExpenses + project.budgetPurchases + project.budgetOther)) : nil
        let roleOrder = ["manager": 0, "member": 1, "viewer": 2]
        return ProjectDTO(
            id: id, code: project.code, name: project.name, description: project.details, customerId: project.customerID, customerName: customerName,
            managerId: project.managerID, managerName: names[project.managerID], startsOn: project.startsOn, endsOn: project.endsOn,
            status: project.status, health: ProjectProgress.health(project, milestones: milestones, counts: counts, today: today),
            dependencyRule: project.dependencyRule, currency: project.currency, budget: budget,
            members: members.map { ProjectMemberDTO(employeeId: $0.employeeID, name: names[$0.employeeID] ?? "", role: $0.role) }
                .sorted { (roleOrder[$0.role] ?? 3, $0.name) < (roleOrder[$1.role] ?? 3, $1.name) },
            phases: phases.map(Self.phase),
            milestones: milestones.map { Self.milestone($0, names: names, counts: counts, today: today) },
            progress: figures.dto, myRole: role, canManage: try await access.canManage(project, role: role), createdAt: project.createdAt,
            version: project.version)
    }

    static func phase(_ row: ProjectPhase) -> ProjectPhaseDTO {
        ProjectPhaseDTO(id: row.id!, name: row.name, position: row.position, startsOn: row.startsOn, endsOn: row.endsOn)
    }

    static func milestone(_ row: Milestone, names: [UUID: String], counts: [UUID: (tasks: Int, done: Int)], today: String) -> MilestoneDTO {
        let count = counts[row.id!] ?? (0, 0)
        return MilestoneDTO(id: row.id!, name: row.name, dueOn: row.dueOn, ownerId: row.ownerID, ownerName: row.ownerID.flatMap { names[$0] },
                            doneOn: row.doneOn, state: ProjectProgress.state(row, today: today), tasks: count.tasks, tasksDone: count.done,
                            version: row.version)
    }
}
