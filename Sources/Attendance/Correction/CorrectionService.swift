import AfieldAPI
import Fluent
import Foundation
import Platform

/// Asking for a correction (补卡) of one's own attendance.
struct CorrectionService: Sendable {
    let context: ServiceContext

    /// - Throws: 422 `attendance.no_group`, `attendance.correction_future`,
    ///   `attendance.correction_limit` (`limit`), field problems.
    func request(_ input: CorrectionInput) async throws -> CorrectionDTO {
        let actor = context.actor
        guard let employeeID = actor.employeeID, let employee = try await EmployeeDirectory(db: context.database).find(employeeID, tenantID: actor.tenantID)
        else { throw DomainError(status: 422, code: "attendance.no_employee") }
        var problems: [DomainError.Field] = []
        let date = input.date.flatMap { CalendarDay.isPlausibleBusinessDay($0) ? $0 : nil }
        if date == nil { problems.append(.init("date", input.date == nil ? "field.required" : "attendance.bad_date")) }
        let minutes = AttendanceSchedule.minutes(input.time)
        if minutes == nil { problems.append(.init("time", "attendance.schedule.bad_time")) }
        let reason = AttendanceInput.name(input.reason, max: 200, path: "reason", problems: &problems)
        guard problems.isEmpty, let date, let minutes, let reason else { throw DomainError.invalid(problems) }
        let book = try await AttendanceBook.load([employee], tenantID: actor.tenantID, tenantZone: actor.tenant.timeZone, from: date, through: date,
                                                 absences: nil, withPunches: false, on: context.database)
        guard let person = book.people[employeeID], let group = person.group else { throw DomainError(status: 422, code: "attendance.no_group") }
        let at = person.planner.instant(date, minutes: minutes)
        let now = context.now()
        guard at <= now else { throw DomainError(status: 422, code: "attendance.correction_future") }
        let workDate = person.planner.workDate(of: at)
        let month = String(workDate.prefix(7))
        let limit = group.correctionsPerMonth
        let audit = context.audit
        let gate = context.application.approvalGate
        let id = try await context.write { db in
            let used = try await Correction.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$employeeID == employeeID)
                .filter(\.$workDate >= month + "-01").filter(\.$workDate <= month + "-31").filter(\.$state ~~ ["pending", "approved"]).count()
            guard used < limit else { throw DomainError(status: 422, code: "attendance.correction_limit", params: ["limit": String(limit), "month": month]) }
            let row = Correction()
            row.id = UUID()
            row.tenantID = actor.tenantID
            row.employeeID = employeeID
            row.departmentID = employee.departmentID
            row.workDate = workDate
            row.at = at
            row.reason = reason
            row.state = "pending"
            row.createdBy = actor.userID
            row.createdAt = now
            row.version = 1
            try await row.create(on: db)
            var changes = AuditChanges()
            changes.created([("work_date", workDate), ("at", PunchService.iso(at)), ("reason", reason)])
            try await AuditLog.append(entity: AttendanceModule.correctionEntity, entityID: row.id, action: "create", changes: changes, context: audit, on: db, now: now)
            let time = AttendanceSchedule.clock(minutes)
            let request = ApprovalRequest(
                tenantID: actor.tenantID, subject: CorrectionApproval.subject, documentID: row.id!, title: "\(employee.name) · \(date) \(time)",
                requesterID: actor.userID, facts: ["date": .date(date)],
                summary: [ApprovalSummaryLine(labelCode: "attendance.summary.when", value: .text("\(date) \(time)")),
                          ApprovalSummaryLine(labelCode: "attendance.summary.reason", value: .text(reason))])
            if try await gate.requestApproval(request, context: audit, on: db) == nil {
                try await CorrectionApproval().approved(documentID: row.id!, context: audit, on: db)
            }
            return row.id!
        }
        return try await list(employeeID: nil).first { $0.id == id }!
    }

    /// Corrections of an employee (nil: the actor), newest first.
    func list(employeeID: UUID?) async throws -> [CorrectionDTO] {
        let employee = try await AttendanceResults(context: context).visibleEmployee(employeeID)
        let rows = try await Correction.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$employeeID == employee.id!)
            .sort(\.$at, .descending).limit(200).all()
        return rows.map { CorrectionDTO(id: $0.id!, employeeID: $0.employeeID, workDate: $0.workDate, at: $0.at, reason: $0.reason, state: $0.state, version: $0.version) }
    }
}
