import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit
import Vapor

/// A project's budget against its actual cost per cost kind (issue 13 point 5): labour from
/// approved timesheets, the other kinds from the modules that book them (``ProjectCostSource``),
/// with a warning at 80 % and at 100 % of each budget line.
struct ProjectCosts: Sendable {
    let context: ServiceContext

    static let kinds = ["labour", "expenses", "purchases", "other"]

    /// - Throws: 403 without `projects.cost.read`; 404 for a project the caller cannot see.
    func load(_ projectID: UUID) async throws -> ProjectCostsDTO {
        try context.require(ProjectsModule.costRead)
        let project = try await ProjectAccess(context: context).visible(projectID)
        let actual = try await Self.actuals([projectID], tenantID: context.tenantID, application: context.application, db: context.database)[projectID] ?? [:]
        let hours = try await Self.hours(projectID, db: context.database)
        let exponent = Currency(code: project.currency)?.exponent ?? 2
        let budgets = ["labour": project.budgetLabour, "expenses": project.budgetExpenses, "purchases": project.budgetPurchases, "other": project.budgetOther]
        func line(_ kind: String, budget: Int64, spent: Int64) -> ProjectCostLineDTO {
            let percent: Int? = budget > 0 ? Int((spent * 200 + budget) / (2 * budget)) : nil
            let warning = Self.warning(budget: budget, actual: spent)
            return ProjectCostLineDTO(kind: kind, budget: FixedDecimal.format(budget, scale: exponent), actual: FixedDecimal.format(spent, scale: exponent),
                                      remaining: FixedDecimal.format(budget - spent, scale: exponent), percent: percent, warning: warning)
        }
        let lines = Self.kinds.map { line($0, budget: budgets[$0] ?? 0, spent: actual[$0] ?? 0) }
        let total = line("total", budget: budgets.values.reduce(0, +), spent: actual.values.reduce(0, +))
        return ProjectCostsDTO(projectId: projectID, currency: project.currency, lines: lines, total: total,
                               approvedHours: Hours.text(hours.approved), pendingHours: Hours.text(hours.pending))
    }

    /// `over` from 100 % (or any cost without a budget), `near` from 80 %, else `none`.
    static func warning(budget: Int64, actual: Int64) -> String {
        if actual > 0, budget <= 0 { return "over" }
        if budget > 0, actual >= budget { return "over" }
        if budget > 0, actual * 5 >= budget * 4 { return "near" }
        return "none"
    }

    /// Actual cost per kind of each project: labour from approved timesheets, the rest from the
    /// installed sources.
    static func actuals(_ projectIDs: [UUID], tenantID: UUID, application: Application, db: any Database) async throws -> [UUID: [String: Int64]] {
        guard !projectIDs.isEmpty else { return [:] }
        var result: [UUID: [String: Int64]] = [:]
        let ids: [any Encodable & Sendable] = projectIDs
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT e.project_id, CAST(SUM(e.cost) AS BIGINT) AS cost
            FROM proj_timesheet_entries e JOIN proj_timesheets s ON s.id = e.timesheet_id
            WHERE e.project_id IN (\(binds: ids)) AND s.state = 'approved'
            GROUP BY e.project_id
            """).all()
        for row in rows { result[try row.decode(column: "project_id", as: UUID.self), default: [:]]["labour"] = try row.decode(column: "cost", as: Int64.self) }
        for source in application.projectCostSources.all {
            for (id, amount) in try await source.costs(projectIDs: projectIDs, tenantID: tenantID, on: db) {
                result[id, default: [:]][source.kind, default: 0] += amount
            }
        }
        return result
    }

    static func hours(_ projectID: UUID, db: any Database) async throws -> (approved: Int, pending: Int) {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT s.state, CAST(SUM(e.hours_ch) AS BIGINT) AS hours
            FROM proj_timesheet_entries e JOIN proj_timesheets s ON s.id = e.timesheet_id
            WHERE e.project_id = \(bind: projectID) AND s.state IN ('approved', 'submitted')
            GROUP BY s.state
            """).all()
        var approved = 0, pending = 0
        for row in rows {
            let hours = try row.decode(column: "hours", as: Int.self)
            if try row.decode(column: "state", as: String.self) == "approved" { approved = hours } else { pending = hours }
        }
        return (approved, pending)
    }
}

/// Projects as other modules book costs to them (``ProjectDirectory``).
struct ProjectsDirectory: ProjectDirectory {
    func bookable(_ ids: [UUID], context: ServiceContext) async throws -> [UUID: String] {
        let visible = try await ProjectAccess(context: context).visibleIDs(ids)
        guard !visible.isEmpty else { return [:] }
        let rows = try await Project.query(on: context.database).filter(\.$id ~~ Array(visible)).all()
        return Dictionary(uniqueKeysWithValues: rows.filter(\.isOpen).map { ($0.id!, "\($0.code) \($0.name)") })
    }

    func names(_ ids: [UUID], tenantID: UUID, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await Project.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ ids).all()
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id!, "\($0.code) \($0.name)") })
    }
}
