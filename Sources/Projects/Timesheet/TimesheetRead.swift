import AfieldAPI
import Fluent
import Foundation
import Platform

/// Timesheets as the API shows them: one's own weeks, and the weeks of people in one's
/// `projects.project` data scope (a manager's department).
struct TimesheetRead: Sendable {
    let context: ServiceContext

    /// The caller's week holding `week` (any day of it); an empty open week when nothing is logged.
    func mine(week day: String) async throws -> TimesheetDTO {
        let (employeeID, _) = try TimesheetService.employee(context)
        let week = TimesheetService.weekStart(of: day)
        let sheet = try await Timesheet.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$employeeID == employeeID)
            .filter(\.$weekStart == week).first()
        return try await dto(sheet, employeeID: employeeID, week: week)
    }

    /// A sheet by id, for its owner and whoever's scope holds the owner's department.
    /// - Throws: 404 otherwise.
    func detail(_ id: UUID) async throws -> TimesheetDTO {
        guard let sheet = try await Timesheet.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id).first()
        else { throw DomainError.notFound("timesheet") }
        let scope = try await context.recordScope(ProjectsModule.projectResource)
        guard sheet.employeeID == context.actor.employeeID || scope.contains(department: sheet.departmentID, employee: sheet.employeeID, createdBy: sheet.userID)
        else { throw DomainError.notFound("timesheet") }
        return try await dto(sheet, employeeID: sheet.employeeID, week: sheet.weekStart)
    }

    private func dto(_ sheet: Timesheet?, employeeID: UUID, week: String) async throws -> TimesheetDTO {
        let db = context.database
        let entries = try await sheet.asyncMap { sheet in
            try await TimesheetEntry.query(on: db).filter(\.$timesheetID == sheet.requireID()).sort(\.$workDay).sort(\.$createdAt).all()
        } ?? []
        let tasks = Set(entries.compactMap(\.taskID))
        let taskTitles = tasks.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await ProjectTask.query(on: db).filter(\.$id ~~ Array(tasks)).all()
            .map { ($0.id!, $0.title) })
        let projects = Set(entries.compactMap(\.projectID))
        let projectNames = projects.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Project.query(on: db).filter(\.$id ~~ Array(projects)).all()
            .map { ($0.id!, $0.name) })
        let name = try await EmployeeDirectory(db: db).names([employeeID], tenantID: context.tenantID)[employeeID] ?? ""
        let showCost = context.actor.holds(ProjectsModule.costRead)
        let exponent = context.actor.tenant.currency.exponent
        var days = Array(repeating: 0, count: 7)
        for entry in entries {
            if let offset = CalendarDay.days(from: week, to: entry.workDay), (0..<7).contains(offset) { days[offset] += entry.centihours }
        }
        let approval = try await sheet.asyncMap { sheet in
            try await context.application.approvalGate.status(subject: TimesheetApproval.subject, documentID: sheet.requireID(), tenantID: context.tenantID, on: db)
        } ?? nil
        let state = sheet?.state ?? "open"
        return TimesheetDTO(
            id: sheet?.id, employeeId: employeeID, employeeName: name, weekStart: week, state: state, dayTotals: days.map(Hours.text),
            totalHours: Hours.text(days.reduce(0, +)),
            entries: entries.map { entry in
                TimesheetEntryDTO(id: entry.id!, day: entry.workDay, hours: Hours.text(entry.centihours), projectId: entry.projectID,
                                  projectName: entry.projectID.flatMap { projectNames[$0] }, taskId: entry.taskID,
                                  taskTitle: entry.taskID.flatMap { taskTitles[$0] }, note: entry.note,
                                  cost: showCost ? FixedDecimal.format(entry.cost, scale: exponent) : nil, version: entry.version)
            },
            approvalId: approval?.id, editable: state == "open" && employeeID == context.actor.employeeID, version: sheet?.version ?? 0)
    }
}
