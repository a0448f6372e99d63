import Fluent
import Foundation
import Platform
import SQLKit

/// A correction (补卡): an employee asks for a punch they missed, at a time of a past day; once
/// approved it becomes a punch of source `correction`. A group allows so many a month
/// (``AttendanceGroup/correctionsPerMonth``), counting those pending and approved.
final class Correction: Model, @unchecked Sendable {
    static let schema = "attendance_corrections"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "employee_id") var employeeID: UUID
    @OptionalField(key: "department_id") var departmentID: UUID?
    @Field(key: "work_date") var workDate: String
    /// The instant of the missed punch.
    @Field(key: "at") var at: Date
    @Field(key: "reason") var reason: String
    /// `pending`, `approved`, `rejected`, `withdrawn`.
    @Field(key: "state") var state: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @OptionalField(key: "created_at") var createdAt: Date?
    @Field(key: "version") var version: Int

    init() {}
}

/// `attendance.0003_corrections`.
struct CreateCorrections: AsyncMigration {
    var name: String { "attendance.0003_corrections" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Correction.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("employee_id", .uuid, .required, .references("employees", "id"))
            .field("department_id", .uuid)
            .field("work_date", .string, .required)
            .field("at", .datetime, .required)
            .field("reason", .string, .required)
            .field("state", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("version", .int, .required)
            .create()
        try await (database as? any SQLDatabase)?.raw("CREATE INDEX attendance_corrections_month ON attendance_corrections (tenant_id, employee_id, work_date)").run()
    }

    func revert(on database: any Database) async throws { try await database.schema(Correction.schema).delete() }
}

/// Corrections and the approval gate: approved, the punch is written (unless one is already in
/// that minute); rejected or withdrawn, the correction closes in that state.
struct CorrectionApproval: ApprovalOutcomeHandler {
    static let subject = "attendance.correction"
    var subject: String { Self.subject }
    /// Before the company designs a flow: the requester's direct manager (DingTalk's default).
    var defaultFlow: DefaultApprovalFlow { .directManager(name: .init(en: "Attendance corrections", zhCN: "补卡")) }

    func approved(documentID: UUID, context: AuditContext, on db: any Database) async throws {
        guard let correction = try await move(documentID, to: "approved", action: "approve", context: context, on: db) else { return }
        let minute = Int64(DayJudge.minute(correction.at))
        guard try await PunchService.existing(correction.employeeID, minute: minute, tenantID: correction.tenantID, on: db) == nil else { return }
        let punch = Punch()
        punch.id = UUID()
        punch.tenantID = correction.tenantID
        punch.employeeID = correction.employeeID
        punch.departmentID = correction.departmentID
        punch.workDate = correction.workDate
        punch.at = correction.at
        punch.minute = minute
        punch.serverTime = Date()
        punch.deviceTime = correction.at
        punch.latitude = ""
        punch.longitude = ""
        punch.inside = false
        punch.field = false
        punch.note = correction.reason
        punch.queued = false
        punch.clockSkewSeconds = 0
        punch.flagged = false
        punch.source = "correction"
        punch.createdBy = correction.createdBy
        punch.createdAt = Date()
        try await punch.create(on: db)
        var changes = AuditChanges()
        changes.created([("work_date", punch.workDate), ("at", PunchService.iso(punch.at)), ("source", "correction")])
        try await AuditLog.append(entity: AttendanceModule.punchEntity, entityID: punch.id, action: "create", changes: changes, context: context, on: db)
    }

    func returnedToDraft(documentID: UUID, reason: String, context: AuditContext, on db: any Database) async throws {
        _ = try await move(documentID, to: reason == "withdrawn" ? "withdrawn" : "rejected", action: reason, context: context, on: db)
    }

    private func move(_ id: UUID, to state: String, action: String, context: AuditContext, on db: any Database) async throws -> Correction? {
        let row = try await (db as! any SQLDatabase).update(Correction.schema).set("state", to: state).set(SQLColumn("version"), to: SQLRaw("version + 1"))
            .where("id", .equal, id).where("tenant_id", .equal, context.tenantID).where("state", .equal, "pending").returning("id").first()
        guard row != nil, let correction = try await Correction.find(id, on: db) else { return nil }
        var changes = AuditChanges()
        changes.set("state", "pending", state)
        try await AuditLog.append(entity: AttendanceModule.correctionEntity, entityID: id, action: action, changes: changes, context: context, on: db)
        try await Revisions.bump(AttendanceModule.revisionKey, tenantID: context.tenantID, on: db)
        return correction
    }
}
