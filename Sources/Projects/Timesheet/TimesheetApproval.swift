import Fluent
import Foundation
import Platform
import SQLKit

/// Timesheets and the approval gate (subject `projects.timesheet`, 工时审批): approved, a week's
/// hours count in its projects' labour cost; rejected or withdrawn, it is open again. Until the
/// company designs a flow, a week goes to the person's direct manager.
struct TimesheetApproval: ApprovalOutcomeHandler {
    static let subject = "projects.timesheet"
    var subject: String { Self.subject }
    var defaultFlow: DefaultApprovalFlow { .directManager(name: .init(en: "Timesheets", zhCN: "工时审批")) }

    func approved(documentID: UUID, context: AuditContext, on db: any Database) async throws {
        try await Self.move(documentID, from: "submitted", to: "approved", action: "approve", context: context, on: db)
    }

    func returnedToDraft(documentID: UUID, reason: String, context: AuditContext, on db: any Database) async throws {
        try await Self.move(documentID, from: "submitted", to: "open", action: reason == "withdrawn" ? "withdraw" : "reject", context: context, on: db)
    }

    /// Moves the sheet if it is still in `from` (a retried call finds nothing to do).
    static func move(_ id: UUID, from: String, to: String, action: String, context: AuditContext, on db: any Database) async throws {
        let now = Date()
        guard try await (db as! any SQLDatabase).update(Timesheet.schema)
            .set("state", to: to).set("decided_at", to: now).set("updated_at", to: now).set(SQLColumn("version"), to: SQLRaw("version + 1"))
            .where("id", .equal, id).where("tenant_id", .equal, context.tenantID).where("state", .equal, from)
            .returning("id").first() != nil
        else { return }
        var changes = AuditChanges()
        changes.set("state", from, to)
        try await AuditLog.append(entity: ProjectsModule.timesheetEntity, entityID: id, action: action, changes: changes, context: context, on: db, now: now)
    }
}
