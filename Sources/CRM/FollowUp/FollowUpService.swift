import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform
import Vapor

/// Logging follow-ups (跟进) on a customer (leads and opportunities come with their modules'
/// pieces of this one service), with the next step's reminder as a job.
struct FollowUpService: Sendable {
    let context: ServiceContext

    /// Reminder job kind: notifies the follow-up's owner at `nextAt`.
    static let remindKind = "crm.follow_up.remind"

    struct Reminder: Codable, Sendable {
        let followUpID: UUID
    }

    /// - Throws: 403; 422 (`crm.follow_up.subject` unless exactly one subject, kind, notes, `at`
    ///   in the future `crm.follow_up.at_future`, `nextAt` past `crm.follow_up.next_in_past`,
    ///   files not the rep's `crm.follow_up.file_unknown`); 404 subject outside the rep's scope;
    ///   409 `conflict.id_taken`.
    func create(_ input: FollowUpInput) async throws -> FollowUpDTO {
        try context.require(CRMModule.visit)
        let (employee, department) = try CRMActor.employee(context)
        var problems: [DomainError.Field] = []
        let subjects = [input.customerId, input.leadId, input.opportunityId].compactMap { $0 }
        if subjects.count != 1 { problems.append(.init("customerId", "crm.follow_up.subject")) }
        if !FollowUp.kinds.contains(input.kind) {
            problems.append(.init("kind", "field.not_allowed", params: ["allowed": FollowUp.kinds.joined(separator: ", ")]))
        }
        let notes = CRMText.note(input.notes, max: 2000, path: "notes", required: true, problems: &problems)
        let nextStep = CRMText.line(input.nextStep, max: 200, path: "nextStep", problems: &problems)
        let now = context.now()
        let at = DeviceTime.instant(input.at, path: "at", required: false, prefix: "crm.visit", problems: &problems) ?? now
        let nextAt = DeviceTime.instant(input.nextAt, path: "nextAt", required: false, prefix: "crm.visit", problems: &problems)
        if at > now.addingTimeInterval(DeviceTime.allowedSkew) { problems.append(.init("at", "crm.follow_up.at_future")) }
        if let nextAt, nextAt <= now { problems.append(.init("nextAt", "crm.follow_up.next_in_past")) }
        let files = Array(Set(input.fileIds ?? []))
        if files.count > 20 { problems.append(.init("fileIds", "list.too_many_ids", params: ["max": "20"])) }
        if !files.isEmpty {
            let mine = try await StoredFile.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ files)
                .filter(\.$uploadedBy == context.actor.userID).count()
            if mine != files.count { problems.append(.init("fileIds", "crm.follow_up.file_unknown")) }
        }
        guard problems.isEmpty, let notes else { throw DomainError.invalid(problems) }
        if let customer = input.customerId { _ = try await CustomerAccess(context: context).visibleCustomer(customer) }
        if let lead = input.leadId { _ = try await LeadRead(context: context).visible(lead) }
        if let opportunity = input.opportunityId { _ = try await OpportunityRead(context: context).visible(opportunity) }
        let followUp = FollowUp.make(tenantID: context.tenantID, kind: input.kind, notes: notes, at: at, nextStep: nextStep, nextAt: nextAt,
                                     owner: employee, department: department, by: context.actor.userID)
        followUp.customerID = input.customerId
        followUp.leadID = input.leadId
        followUp.opportunityID = input.opportunityId
        let id = try await context.write { db in
            if let id = input.id {
                guard try await FollowUp.find(id, on: db) == nil else { throw DomainError.idTaken("follow_up") }
                followUp.id = id
            }
            try await record(followUp, files: files, on: db)
            return try followUp.requireID()
        }
        return try await FollowUpRead(context: context).detail(id)
    }

    /// Stores `followUp` inside the caller's transaction: its files, audit entry, the subject's
    /// last activity (the public pool's idle clock) and the reminder of its next step.
    func record(_ followUp: FollowUp, files: [UUID], on db: any Database) async throws {
        try await followUp.create(on: db)
        let id = try followUp.requireID()
        let now = context.now()
        if !files.isEmpty {
            try await FileLink.link(files, to: CRMModule.followUpEntity, record: id, tenantID: followUp.tenantID, by: context.actor.userID, at: now, on: db)
        }
        var changes = AuditChanges()
        changes.created([("kind", followUp.kind), ("notes", followUp.notes), ("customer_id", followUp.customerID?.uuidString),
                         ("lead_id", followUp.leadID?.uuidString), ("opportunity_id", followUp.opportunityID?.uuidString),
                         ("next_step", followUp.nextStep), ("next_at", followUp.nextAt.map(AuditLog.timestamp))])
        try await AuditLog.append(entity: CRMModule.followUpEntity, entityID: id, action: "create", changes: changes, context: context.audit, on: db, now: now)
        if let customer = followUp.customerID {
            try await CustomerActivity.touch(customer, tenantID: followUp.tenantID, at: followUp.at, on: db)
        }
        if let lead = followUp.leadID { try await Lead.touch(lead, at: followUp.at, on: db) }
        if let nextAt = followUp.nextAt {
            try await context.application.jobs.enqueue(Self.remindKind, payload: Reminder(followUpID: id), runAt: nextAt, tenantID: followUp.tenantID,
                                                       key: id.uuidString, on: db)
        }
    }

    /// Sends the owner of a follow-up the reminder of its next step.
    static func registerReminders(on application: Application) {
        application.jobs.register(remindKind, as: Reminder.self) { job, reminder in
            guard let followUp = try await FollowUp.find(reminder.followUpID, on: job.db) else { return }
            guard let user = try await EmployeeDirectory(db: job.db).find(followUp.ownerID, tenantID: followUp.tenantID)?.userID else { return }
            let link = followUp.customerID.map { "/customers/\($0.uuidString)" }
                ?? followUp.leadID.map { "/crm/leads/\($0.uuidString)" } ?? followUp.opportunityID.map { "/crm/opportunities/\($0.uuidString)" }
            try await job.write { db in
                try await job.application.notificationCentre.send(
                    NotificationMessage(kind: "crm.follow_up", code: "crm.follow_up.reminder", params: ["step": followUp.nextStep ?? followUp.notes],
                                        link: link, entity: CRMModule.followUpEntity, entityID: followUp.id),
                    to: [user], tenantID: followUp.tenantID, on: db)
            }
        }
    }
}

extension FollowUp {
    static func make(tenantID: UUID, kind: String, notes: String, at: Date, nextStep: String?, nextAt: Date?, owner: UUID, department: UUID?, by: UUID) -> FollowUp {
        let followUp = FollowUp()
        followUp.id = UUID()
        followUp.tenantID = tenantID
        followUp.kind = kind
        followUp.notes = notes
        followUp.at = at
        followUp.nextStep = nextStep
        followUp.nextAt = nextAt
        followUp.ownerID = owner
        followUp.departmentID = department
        followUp.createdBy = by
        followUp.version = 1
        return followUp
    }
}
