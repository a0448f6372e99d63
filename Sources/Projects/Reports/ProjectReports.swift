import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// The Projects reports (issue 13 point 6), each over the projects and tasks the caller may see,
/// as SQL aggregates: project status, workload per person per week, overdue tasks per assignee,
/// budget against actual.
struct ProjectReports: Sendable {
    let context: ServiceContext

    static let maximumWeeks = 26

    private var sql: any SQLDatabase { context.database as! any SQLDatabase }

    private func projectCondition(_ alias: String) async throws -> SQLQueryString {
        ProjectAccess.condition(alias: alias, scope: try await context.recordScope(ProjectsModule.projectResource)) ?? "1 = 1"
    }

    private func taskCondition(_ alias: String) async throws -> SQLQueryString {
        TaskAccess.condition(alias: alias, scope: try await context.recordScope(ProjectsModule.projectResource)) ?? "1 = 1"
    }

    /// Open projects (planning, active, on hold): late first, then at risk, then by end day.
    func status() async throws -> ProjectStatusReportDTO {
        try context.require(ProjectsModule.work)
        let today = context.actor.tenant.today(now: context.now())
        let condition = try await projectCondition("p")
        let ids = try await sql.raw("""
            SELECT p.id FROM proj_projects p WHERE p.tenant_id = \(bind: context.tenantID) AND p.status IN ('planning', 'active', 'on_hold') AND \(condition)
            ORDER BY p.ends_on, p.id LIMIT 1000
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
        let projects = ids.isEmpty ? [] : try await Project.query(on: context.database).filter(\.$id ~~ ids).all()
        let figures = try await ProjectProgress.figures(ids, now: context.now(), db: context.database)
        let counts = try await ProjectProgress.milestoneCounts(ids, db: context.database)
        let milestones = Dictionary(grouping: ids.isEmpty ? [] : try await Milestone.query(on: context.database).filter(\.$projectID ~~ ids).all(), by: \.projectID)
        let names = try await EmployeeDirectory(db: context.database).names(Set(projects.map(\.managerID)), tenantID: context.tenantID)
        var rows: [ProjectStatusRowDTO] = projects.map { project in
            let id = project.id!
            let figure = figures[id] ?? .init()
            let next = (milestones[id] ?? []).filter { $0.doneOn == nil }.sorted { ($0.dueOn, $0.name) < ($1.dueOn, $1.name) }.first
            return ProjectStatusRowDTO(
                projectId: id, code: project.code, name: project.name, managerName: names[project.managerID], status: project.status,
                health: ProjectProgress.health(project, milestones: milestones[id] ?? [], counts: counts, today: today), endsOn: project.endsOn,
                tasks: figure.tasks, done: figure.done, overdue: figure.overdue, percentByCount: ProjectProgress.percent(figure.done, of: figure.tasks) ?? 0,
                nextMilestone: next?.name, nextMilestoneOn: next?.dueOn)
        }
        let order = ["late": 0, "at_risk": 1, "on_track": 2]
        rows.sort { (order[$0.health] ?? 3, $0.endsOn, $0.code) < (order[$1.health] ?? 3, $1.endsOn, $1.code) }
        return ProjectStatusReportDTO(today: today, counts: Dictionary(grouping: rows, by: \.health).mapValues(\.count), rows: rows)
    }

    /// Open tasks with a due day in each of `weeks` ISO weeks from the week holding `from`
    /// (default: this week), per assignee, by the assignee's day.
    /// - Throws: 422 `from` `request.invalid_date`, `weeks` `number.range` (1…26).
    func workload(from: String?, weeks: Int) async throws -> WorkloadReportDTO {
        try context.require(ProjectsModule.work)
        let day = from ?? context.today()
        guard CalendarDay.isPlausibleBusinessDay(day) else { throw DomainError.invalid([.init("from", "request.invalid_date")]) }
        guard (1...Self.maximumWeeks).contains(weeks) else {
            throw DomainError.invalid([.init("weeks", "number.range", params: ["min": "1", "max": String(Self.maximumWeeks)])])
        }
        let first = TimesheetService.weekStart(of: day)
        let mondays = (0..<weeks).map { CalendarDay.adding($0 * 7, to: first)! }
        let end = CalendarDay.adding(weeks * 7 - 1, to: first)!
        // The week's index is the whole weeks from the first Monday: days apart ÷ 7, in SQL on both databases.
        let condition = try await taskCondition("t")
        let rows = try await sql.raw("""
            SELECT t.assignee_id, t.due_day, COUNT(*) AS tasks, CAST(SUM(COALESCE(t.estimated_ch, 0)) AS BIGINT) AS hours
            FROM proj_tasks t
            WHERE t.tenant_id = \(bind: context.tenantID) AND t.status_category IN ('not_started', 'in_progress') AND t.assignee_id IS NOT NULL
              AND t.due_day >= \(bind: first) AND t.due_day <= \(bind: end) AND \(condition)
            GROUP BY t.assignee_id, t.due_day
            """).all()
        var cells: [UUID: [(tasks: Int, hours: Int)]] = [:]
        for row in rows {
            let employee = try row.decode(column: "assignee_id", as: UUID.self)
            let due = try row.decode(column: "due_day", as: String.self)
            guard let offset = CalendarDay.days(from: first, to: due) else { continue }
            var line = cells[employee] ?? Array(repeating: (0, 0), count: weeks)
            line[offset / 7].tasks += try row.decode(column: "tasks", as: Int.self)
            line[offset / 7].hours += try row.decode(column: "hours", as: Int.self)
            cells[employee] = line
        }
        let names = try await EmployeeDirectory(db: context.database).names(Set(cells.keys), tenantID: context.tenantID)
        let result = cells.map { employee, line in
            WorkloadReportDTO.Row(employeeId: employee, name: names[employee] ?? "", cells: line.map { .init(tasks: $0.tasks, hours: Hours.text($0.hours)) },
                                  total: .init(tasks: line.reduce(0) { $0 + $1.tasks }, hours: Hours.text(line.reduce(0) { $0 + $1.hours })))
        }.sorted { ($0.name, $0.employeeId.uuidString) < ($1.name, $1.employeeId.uuidString) }
        return WorkloadReportDTO(weeks: mondays.map(Self.isoWeek), mondays: mondays, rows: result)
    }

    /// Open tasks past their due time, per assignee (nil: nobody), most first.
    func overdue() async throws -> [OverdueRowDTO] {
        try context.require(ProjectsModule.work)
        let condition = try await taskCondition("t")
        let rows = try await sql.raw("""
            SELECT t.assignee_id, COUNT(*) AS tasks, CAST(SUM(COALESCE(t.estimated_ch, 0)) AS BIGINT) AS hours, MIN(t.due_day) AS oldest
            FROM proj_tasks t
            WHERE t.tenant_id = \(bind: context.tenantID) AND t.status_category IN ('not_started', 'in_progress') AND t.due_at < \(bind: context.now())
              AND \(condition)
            GROUP BY t.assignee_id
            """).all()
        var result: [OverdueRowDTO] = []
        for row in rows {
            result.append(OverdueRowDTO(employeeId: try row.decode(column: "assignee_id", as: UUID?.self), name: nil, tasks: try row.decode(column: "tasks", as: Int.self),
                                        hours: Hours.text(try row.decode(column: "hours", as: Int.self)), oldestDueOn: try row.decode(column: "oldest", as: String?.self)))
        }
        let names = try await EmployeeDirectory(db: context.database).names(Set(result.compactMap(\.employeeId)), tenantID: context.tenantID)
        for index in result.indices { result[index].name = result[index].employeeId.flatMap { names[$0] } }
        return result.sorted { ($1.tasks, $0.name ?? "") < ($0.tasks, $1.name ?? "") }
    }

    /// Budget against actual of the open projects one may see, most spent (in percent) first.
    func budget() async throws -> [ProjectBudgetRowDTO] {
        try context.require(ProjectsModule.costRead)
        let condition = try await projectCondition("p")
        let ids = try await sql.raw("""
            SELECT p.id FROM proj_projects p WHERE p.tenant_id = \(bind: context.tenantID) AND p.status IN ('planning', 'active', 'on_hold') AND \(condition)
            LIMIT 1000
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
        let projects = ids.isEmpty ? [] : try await Project.query(on: context.database).filter(\.$id ~~ ids).all()
        let actuals = try await ProjectCosts.actuals(ids, tenantID: context.tenantID, application: context.application, db: context.database)
        return projects.map { project in
            let budget = project.budgetLabour + project.budgetExpenses + project.budgetPurchases + project.budgetOther
            let actual = (actuals[project.id!] ?? [:]).values.reduce(0, +)
            let exponent = Currency(code: project.currency)?.exponent ?? 2
            return ProjectBudgetRowDTO(projectId: project.id!, code: project.code, name: project.name, currency: project.currency,
                                       budget: FixedDecimal.format(budget, scale: exponent), actual: FixedDecimal.format(actual, scale: exponent),
                                       percent: budget > 0 ? Int((actual * 200 + budget) / (2 * budget)) : nil,
                                       warning: ProjectCosts.warning(budget: budget, actual: actual))
        }.sorted { ($1.percent ?? -1, $0.code) < ($0.percent ?? -1, $1.code) }
    }

    /// `2026-W50` of a Monday (ISO 8601: week 1 holds the year's first Thursday).
    static func isoWeek(_ monday: String) -> String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = .gmt
        let parts = monday.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { return monday }
        let c = calendar.dateComponents([.weekOfYear, .yearForWeekOfYear], from: date)
        return String(format: "%04d-W%02d", c.yearForWeekOfYear ?? parts[0], c.weekOfYear ?? 1)
    }
}

/// The reports as CSV (UTF-8 with BOM, as the lists export), in the caller's language.
enum ProjectReportCSV {
    static func status(_ report: ProjectStatusReportDTO, _ t: (String) -> String) -> String {
        CSVText.document(header: ["code", "name", "manager", "status", "health", "ends_on", "tasks", "done", "overdue", "progress_percent", "next_milestone", "next_milestone_on"],
                         rows: report.rows.map { [$0.code, $0.name, $0.managerName, t("projects.project.status.\($0.status)"), t("projects.project.health.\($0.health)"),
                                                  $0.endsOn, String($0.tasks), String($0.done), String($0.overdue), String($0.percentByCount), $0.nextMilestone,
                                                  $0.nextMilestoneOn] })
    }

    static func workload(_ report: WorkloadReportDTO) -> String {
        CSVText.document(header: ["employee"] + report.weeks.flatMap { ["\($0) tasks", "\($0) hours"] } + ["tasks", "hours"],
                         rows: report.rows.map { row in [row.name] + row.cells.flatMap { [String($0.tasks), $0.hours] } + [String(row.total.tasks), row.total.hours] })
    }

    static func overdue(_ rows: [OverdueRowDTO]) -> String {
        CSVText.document(header: ["assignee", "tasks", "hours", "oldest_due_on"], rows: rows.map { [$0.name, String($0.tasks), $0.hours, $0.oldestDueOn] })
    }

    static func budget(_ rows: [ProjectBudgetRowDTO]) -> String {
        CSVText.document(header: ["code", "name", "currency", "budget", "actual", "percent", "warning"],
                         rows: rows.map { [$0.code, $0.name, $0.currency, $0.budget, $0.actual, $0.percent.map(String.init), $0.warning] })
    }
}
