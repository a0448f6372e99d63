import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Logging hours (工时) on one's own weekly timesheet, and submitting the week for approval
/// (issue 13 point 5). Each line written moves its task's spent hours in the same transaction.
struct TimesheetService: Sendable {
    let context: ServiceContext

    /// 24 hours: what one day holds.
    static let dayLimit = 2_400

    /// - Throws: 422 `day`, `hours`, `projects.timesheet.no_target`, `projects.timesheet.future_day`,
    ///   `projects.timesheet.day_full`; 409 `projects.timesheet.not_open` for a submitted or approved
    ///   week; 404 a task or project the caller cannot see; 403 `projects.task.read_only`.
    func add(_ input: TimesheetEntryInput) async throws -> TimesheetDTO {
        try context.require(ProjectsModule.work)
        let (employeeID, _) = try Self.employee(context)
        var problems: [DomainError.Field] = []
        if input.day == nil { problems.append(.init("day", "field.required")) }
        if input.hours == nil { problems.append(.init("hours", "field.required")) }
        var fields = try Self.checked(input, problems: &problems, context: context)
        guard problems.isEmpty, let day = fields.day, let hours = fields.hours else { throw DomainError.invalid(problems) }
        try await resolveTarget(input, fields: &fields)
        let week = Self.weekStart(of: day)
        let cost = try await Self.cost(centihours: hours, employeeID: employeeID, context: context)
        let context = self.context
        let now = context.now()
        let entry = TimesheetEntry()
        entry.id = UUID()
        entry.tenantID = context.tenantID
        entry.employeeID = employeeID
        entry.projectID = fields.projectID
        entry.taskID = fields.taskID
        entry.workDay = day
        entry.centihours = hours
        entry.note = fields.note ?? nil
        entry.cost = cost
        entry.createdAt = now
        entry.updatedAt = now
        entry.version = 1
        let final = fields
        try await context.write { db in
            let sheet = try await Self.openSheet(week: week, employeeID: employeeID, context: context, on: db)
            entry.timesheetID = try sheet.requireID()
            try await Self.checkDay(day, adding: hours, replacing: nil, employeeID: employeeID, context: context, on: db)
            try await entry.create(on: db)
            try await Self.moveTotals(sheet: sheet.requireID(), task: final.taskID, by: hours, on: db, now: now)
            var changes = AuditChanges()
            changes.created([("day", day), ("hours", Hours.text(hours)), ("task_id", final.taskID?.uuidString), ("project_id", final.projectID?.uuidString)])
            try await AuditLog.append(entity: ProjectsModule.timesheetEntity, entityID: sheet.requireID(), action: "log", changes: changes,
                                      context: context.audit, on: db, now: now)
        }
        return try await TimesheetRead(context: context).mine(week: week)
    }

    /// Changes a line of one's open week (`version` required).
    func update(_ id: UUID, _ input: TimesheetEntryInput) async throws -> TimesheetDTO {
        try context.require(ProjectsModule.work)
        // Found first, so that a line that is not the caller's is 404 whatever else is wrong.
        let employeeID = try await ownEntry(id).employeeID
        var problems: [DomainError.Field] = []
        if input.version == nil { problems.append(.init("version", "field.required")) }
        var fields = try Self.checked(input, problems: &problems, context: context)
        guard problems.isEmpty, let version = input.version else { throw DomainError.invalid(problems) }
        guard let entry = try await TimesheetEntry.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id)
            .filter(\.$employeeID == employeeID).first()
        else { throw DomainError.notFound("timesheet_entry") }
        if input.taskId != nil || input.projectId != nil { try await resolveTarget(input, fields: &fields) }
        let before = (entry.workDay, entry.centihours, entry.taskID, entry.projectID, entry.note)
        if let day = fields.day { entry.workDay = day }
        if let hours = fields.hours { entry.centihours = hours }
        if input.taskId != nil || input.projectId != nil {
            entry.taskID = fields.taskID
            entry.projectID = fields.projectID
        }
        if let note = fields.note { entry.note = note }
        let oldSheet = entry.timesheetID
        let week = Self.weekStart(of: entry.workDay)
        entry.cost = try await Self.cost(centihours: entry.centihours, employeeID: employeeID, context: context)
        var changes = AuditChanges()
        if before.0 != entry.workDay { changes.set("day", before.0, entry.workDay) }
        if before.1 != entry.centihours { changes.set("hours", Hours.text(before.1), Hours.text(entry.centihours)) }
        if before.2 != entry.taskID { changes.set("task_id", before.2?.uuidString, entry.taskID?.uuidString) }
        if before.3 != entry.projectID { changes.set("project_id", before.3?.uuidString, entry.projectID?.uuidString) }
        if before.4 != entry.note { changes.set("note", before.4, entry.note) }
        guard !changes.isEmpty else { return try await TimesheetRead(context: context).mine(week: week) }
        let context = self.context
        let now = context.now()
        let finalChanges = changes
        try await context.write { db in
            guard let old = try await Timesheet.find(oldSheet, on: db), old.state == "open" else {
                throw DomainError(status: 409, code: "projects.timesheet.not_open")
            }
            let sheet = try await Self.openSheet(week: week, employeeID: employeeID, context: context, on: db)
            try await Self.checkDay(entry.workDay, adding: entry.centihours, replacing: id, employeeID: employeeID, context: context, on: db)
            guard try await (db as! any SQLDatabase).update(TimesheetEntry.schema).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("version", .equal, version).returning("id").first() != nil
            else { throw DomainError.staleVersion("timesheet_entry") }
            entry.timesheetID = try sheet.requireID()
            entry.version = version + 1
            entry.updatedAt = now
            try await entry.update(on: db)
            try await Self.moveTotals(sheet: oldSheet, task: before.2, by: -before.1, on: db, now: now)
            try await Self.moveTotals(sheet: sheet.requireID(), task: entry.taskID, by: entry.centihours, on: db, now: now)
            try await AuditLog.append(entity: ProjectsModule.timesheetEntity, entityID: sheet.requireID(), action: "update", changes: finalChanges,
                                      context: context.audit, on: db, now: now)
        }
        return try await TimesheetRead(context: context).mine(week: week)
    }

    /// Removes a line of one's open week.
    func delete(_ id: UUID) async throws -> TimesheetDTO {
        try context.require(ProjectsModule.work)
        let entry = try await ownEntry(id)
        let context = self.context
        let now = context.now()
        try await context.write { db in
            guard let sheet = try await Timesheet.find(entry.timesheetID, on: db), sheet.state == "open" else {
                throw DomainError(status: 409, code: "projects.timesheet.not_open")
            }
            try await entry.delete(on: db)
            try await Self.moveTotals(sheet: entry.timesheetID, task: entry.taskID, by: -entry.centihours, on: db, now: now)
            var changes = AuditChanges()
            changes.set("day", entry.workDay, nil)
            changes.set("hours", Hours.text(entry.centihours), nil)
            try await AuditLog.append(entity: ProjectsModule.timesheetEntity, entityID: entry.timesheetID, action: "unlog", changes: changes,
                                      context: context.audit, on: db, now: now)
        }
        return try await TimesheetRead(context: context).mine(week: Self.weekStart(of: entry.workDay))
    }

    /// open → submitted, through the approval engine (the direct manager unless the company
    /// designed a flow for `projects.timesheet`); approved at once when no approval is needed.
    /// - Throws: 422 `projects.timesheet.empty`; 409 `projects.timesheet.not_open`, stale version.
    func submit(_ sheetID: UUID, _ input: TimesheetActionInput) async throws -> TimesheetDTO {
        try context.require(ProjectsModule.work)
        let sheet = try await own(sheetID)
        guard let version = input.version else { throw DomainError.invalid([.init("version", "field.required")]) }
        let week = sheet.weekStart
        guard sheet.totalCentihours > 0 else { throw DomainError.invalid([.init("id", "projects.timesheet.empty")]) }
        guard sheet.state == "open" else { throw DomainError(status: 409, code: "projects.timesheet.not_open") }
        let id = try sheet.requireID()
        var facts: [String: ApprovalFact] = ["hours": .number(Decimal(sheet.totalCentihours) / 100)]
        if let department = sheet.departmentID { facts["department"] = .department(department) }
        let sunday = CalendarDay.adding(6, to: week) ?? week
        let request = ApprovalRequest(
            tenantID: context.tenantID, subject: TimesheetApproval.subject, documentID: id,
            title: "\(context.actor.name) · \(week)–\(sunday) · \(Hours.text(sheet.totalCentihours)) h", requesterID: context.actor.userID, facts: facts,
            summary: [ApprovalSummaryLine(labelCode: "projects.timesheet.summary.week", value: .text("\(week) – \(sunday)")),
                      ApprovalSummaryLine(labelCode: "projects.timesheet.summary.hours", value: .text(Hours.text(sheet.totalCentihours)))])
        let gate = context.application.approvalGate
        let context = self.context
        let now = context.now()
        try await context.write { db in
            guard try await (db as! any SQLDatabase).update(Timesheet.schema).set("state", to: "submitted").set("submitted_at", to: now)
                .set("updated_at", to: now).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("version", .equal, version).where("state", .equal, "open").returning("id").first() != nil
            else { throw DomainError.staleVersion("timesheet") }
            var changes = AuditChanges()
            changes.set("state", "open", "submitted")
            try await AuditLog.append(entity: ProjectsModule.timesheetEntity, entityID: id, action: "submit", changes: changes, context: context.audit, on: db, now: now)
            if try await gate.requestApproval(request, context: context.audit, on: db) == nil {
                try await TimesheetApproval.move(id, from: "submitted", to: "approved", action: "approve", context: context.audit, on: db)
            }
        }
        return try await TimesheetRead(context: context).mine(week: week)
    }

    /// submitted → open: the waiting approval is voided.
    func withdraw(_ sheetID: UUID, _ input: TimesheetActionInput) async throws -> TimesheetDTO {
        try context.require(ProjectsModule.work)
        let sheet = try await own(sheetID)
        guard let version = input.version else { throw DomainError.invalid([.init("version", "field.required")]) }
        let week = sheet.weekStart
        guard sheet.state == "submitted" else { throw DomainError(status: 409, code: "projects.timesheet.not_submitted") }
        let id = try sheet.requireID()
        let gate = context.application.approvalGate
        let context = self.context
        let now = context.now()
        try await context.write { db in
            guard try await (db as! any SQLDatabase).update(Timesheet.schema).set("state", to: "open").set("updated_at", to: now)
                .set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("version", .equal, version).where("state", .equal, "submitted").returning("id").first() != nil
            else { throw DomainError.staleVersion("timesheet") }
            _ = try await gate.documentCancelled(subject: TimesheetApproval.subject, documentID: id, reason: "projects.timesheet.withdrawn",
                                                 context: context.audit, on: db)
            var changes = AuditChanges()
            changes.set("state", "submitted", "open")
            try await AuditLog.append(entity: ProjectsModule.timesheetEntity, entityID: id, action: "withdraw", changes: changes, context: context.audit, on: db, now: now)
        }
        return try await TimesheetRead(context: context).mine(week: week)
    }

    // MARK: - Helpers

    /// The caller's own sheet `id`.
    /// - Throws: 404 for another person's or company's.
    private func own(_ id: UUID) async throws -> Timesheet {
        guard let employeeID = context.actor.employeeID else { throw DomainError.notFound("timesheet") }
        guard let sheet = try await Timesheet.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id)
            .filter(\.$employeeID == employeeID).first()
        else { throw DomainError.notFound("timesheet") }
        return sheet
    }

    /// The caller's own timesheet line `id`.
    /// - Throws: 404 for another person's or company's.
    private func ownEntry(_ id: UUID) async throws -> TimesheetEntry {
        guard let employeeID = context.actor.employeeID,
              let entry = try await TimesheetEntry.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id)
                .filter(\.$employeeID == employeeID).first()
        else { throw DomainError.notFound("timesheet_entry") }
        return entry
    }

    struct Fields {
        var day: String?
        var hours: Int?
        var note: String??
        var taskID: UUID?
        var projectID: UUID?
    }

    static func employee(_ context: ServiceContext) throws -> (UUID, UUID?) {
        guard let employee = context.actor.employeeID else { throw DomainError(status: 422, code: "projects.timesheet.no_employee") }
        return (employee, context.actor.departmentID)
    }

    static func checked(_ input: TimesheetEntryInput, problems: inout [DomainError.Field], context: ServiceContext) throws -> Fields {
        var fields = Fields()
        if let day = input.day {
            if !CalendarDay.isPlausibleBusinessDay(day) { problems.append(.init("day", "request.invalid_date")) }
            else if day > context.today() { problems.append(.init("day", "projects.timesheet.future_day")) }
            else { fields.day = day }
        }
        if let hours = input.hours, let value = Hours.parse(hours.text, path: "hours", max: 24, problems: &problems) {
            if value < 1 { problems.append(.init("hours", "projects.timesheet.hours_positive")) } else { fields.hours = value }
        }
        if input.note != nil { fields.note = .some(ProjectsText.line(input.note, max: 200, path: "note", problems: &problems)) }
        return fields
    }

    /// The task (which the caller may change) or the project (which the caller belongs to) of a line.
    private func resolveTarget(_ input: TimesheetEntryInput, fields: inout Fields) async throws {
        if let taskID = input.taskId {
            let task = try await TaskAccess(context: context).editable(taskID)
            fields.taskID = taskID
            fields.projectID = task.projectID
            if let projectID = input.projectId, projectID != task.projectID {
                throw DomainError.invalid([.init("projectId", "projects.timesheet.task_other_project")])
            }
        } else if let projectID = input.projectId {
            let access = ProjectAccess(context: context)
            let project = try await access.visible(projectID)
            let role = try await access.role(in: project)
            guard role == "manager" || role == "member" else {
                throw DomainError(status: 403, code: "projects.project.viewer", params: ["name": project.name])
            }
            fields.projectID = projectID
        } else {
            throw DomainError.invalid([.init("taskId", "projects.timesheet.no_target")])
        }
    }

    /// The Monday of `day`'s ISO week.
    static func weekStart(of day: String) -> String {
        CalendarDay.adding(1 - (TaskRecurrence.isoWeekday(day) ?? 1), to: day) ?? day
    }

    /// Minor units: hundredths of an hour × hourly cost ÷ 100, half up.
    static func cost(centihours: Int, employeeID: UUID, context: ServiceContext) async throws -> Int64 {
        guard let employee = try await EmployeeDirectory(db: context.database).find(employeeID, tenantID: context.tenantID) else { return 0 }
        let rates = try EmployeeSensitiveFields(cipher: context.settings.cipher).hourlyCosts([employee], currency: context.actor.tenant.currency)
        guard let rate = rates[employeeID] else { return 0 }
        return (Int64(centihours) * rate * 2 + 100) / 200
    }

    /// The caller's sheet of `week`, made when missing.
    /// - Throws: 409 `projects.timesheet.not_open` when it is submitted or approved.
    static func openSheet(week: String, employeeID: UUID, context: ServiceContext, on db: any Database) async throws -> Timesheet {
        if let sheet = try await Timesheet.query(on: db).filter(\.$tenantID == context.tenantID).filter(\.$employeeID == employeeID)
            .filter(\.$weekStart == week).first() {
            guard sheet.state == "open" else { throw DomainError(status: 409, code: "projects.timesheet.not_open", params: ["week": week]) }
            return sheet
        }
        let sheet = Timesheet()
        sheet.id = UUID()
        sheet.tenantID = context.tenantID
        sheet.employeeID = employeeID
        sheet.departmentID = context.actor.departmentID
        sheet.userID = context.actor.userID
        sheet.weekStart = week
        sheet.state = "open"
        sheet.totalCentihours = 0
        sheet.createdAt = context.now()
        sheet.updatedAt = context.now()
        sheet.version = 1
        try await sheet.create(on: db)
        return sheet
    }

    /// - Throws: 422 `hours` `projects.timesheet.day_full` when the day would hold over 24 hours.
    static func checkDay(_ day: String, adding hours: Int, replacing entryID: UUID?, employeeID: UUID, context: ServiceContext, on db: any Database) async throws {
        var query = TimesheetEntry.query(on: db).filter(\.$tenantID == context.tenantID).filter(\.$employeeID == employeeID).filter(\.$workDay == day)
        if let entryID { query = query.filter(\.$id != entryID) }
        let logged = try await query.all().reduce(0) { $0 + $1.centihours }
        if logged + hours > dayLimit {
            throw DomainError.invalid([.init("hours", "projects.timesheet.day_full", params: ["day": day, "logged": Hours.text(logged)])])
        }
    }

    /// Moves the sheet's total and the task's spent hours by `delta` hundredths of an hour.
    static func moveTotals(sheet: UUID, task: UUID?, by delta: Int, on db: any Database, now: Date) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("UPDATE proj_timesheets SET total_ch = total_ch + \(bind: delta), updated_at = \(bind: now), version = version + 1 WHERE id = \(bind: sheet)").run()
        if let task { try await sql.raw("UPDATE proj_tasks SET spent_ch = spent_ch + \(bind: delta) WHERE id = \(bind: task)").run() }
    }
}
