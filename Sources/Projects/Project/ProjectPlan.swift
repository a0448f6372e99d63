import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// A project's milestones (里程碑) and phases (阶段), changed by whoever manages the project.
struct ProjectPlan: Sendable {
    let context: ServiceContext

    static let maximumPhases = 50

    /// - Throws: 404 project; 403 `projects.project.not_manager`; 422 `name`, `dueOn`, `ownerId`.
    func addMilestone(_ projectID: UUID, _ input: MilestoneInput) async throws -> MilestoneDTO {
        let project = try await managed(projectID)
        var problems: [DomainError.Field] = []
        if input.dueOn == nil { problems.append(.init("dueOn", "field.required")) }
        let milestone = Milestone()
        milestone.id = UUID()
        milestone.tenantID = context.tenantID
        milestone.projectID = projectID
        milestone.version = 1
        try await apply(input, to: milestone, creating: true, problems: &problems)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let context = self.context
        let now = context.now()
        milestone.createdAt = now
        try await context.write { db in
            try await milestone.create(on: db)
            var changes = AuditChanges()
            changes.created([("project_id", projectID.uuidString), ("name", milestone.name), ("due_on", milestone.dueOn), ("owner_id", milestone.ownerID?.uuidString)])
            try await AuditLog.append(entity: ProjectsModule.milestoneEntity, entityID: milestone.requireID(), action: "create", changes: changes,
                                      context: context.audit, on: db, now: now)
        }
        return try await dto(milestone, project: project)
    }

    /// Changes a milestone (`version` required); `doneOn` `""` reopens it.
    func updateMilestone(_ projectID: UUID, _ id: UUID, _ input: MilestoneInput) async throws -> MilestoneDTO {
        let project = try await managed(projectID)
        guard let milestone = try await Milestone.query(on: context.database).filter(\.$projectID == projectID).filter(\.$id == id).first()
        else { throw DomainError.notFound("milestone") }
        var problems: [DomainError.Field] = []
        if input.version == nil { problems.append(.init("version", "field.required")) }
        let before = (milestone.name, milestone.dueOn, milestone.ownerID, milestone.doneOn)
        try await apply(input, to: milestone, creating: false, problems: &problems)
        guard problems.isEmpty, let version = input.version else { throw DomainError.invalid(problems) }
        var changes = AuditChanges()
        if before.0 != milestone.name { changes.set("name", before.0, milestone.name) }
        if before.1 != milestone.dueOn { changes.set("due_on", before.1, milestone.dueOn) }
        if before.2 != milestone.ownerID { changes.set("owner_id", before.2?.uuidString, milestone.ownerID?.uuidString) }
        if before.3 != milestone.doneOn { changes.set("done_on", before.3, milestone.doneOn) }
        guard !changes.isEmpty else { return try await dto(milestone, project: project) }
        let context = self.context
        let finalChanges = changes
        try await context.write { db in
            guard try await (db as! any SQLDatabase).update(Milestone.schema).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("version", .equal, version).returning("id").first() != nil
            else { throw DomainError.staleVersion("milestone") }
            milestone.version = version + 1
            try await milestone.update(on: db)
            let action = before.3 == nil && milestone.doneOn != nil ? "complete" : "update"
            try await AuditLog.append(entity: ProjectsModule.milestoneEntity, entityID: id, action: action, changes: finalChanges, context: context.audit,
                                      on: db, now: context.now())
        }
        return try await dto(milestone, project: project)
    }

    /// Removes a milestone; its tasks lose it.
    func deleteMilestone(_ projectID: UUID, _ id: UUID) async throws {
        _ = try await managed(projectID)
        guard let milestone = try await Milestone.query(on: context.database).filter(\.$projectID == projectID).filter(\.$id == id).first()
        else { throw DomainError.notFound("milestone") }
        let context = self.context
        try await context.write { db in
            try await ProjectTask.query(on: db).filter(\.$milestoneID == id).set(\.$milestoneID, to: nil).update()
            try await milestone.delete(on: db)
            var changes = AuditChanges()
            changes.set("name", milestone.name, nil)
            try await AuditLog.append(entity: ProjectsModule.milestoneEntity, entityID: id, action: "delete", changes: changes, context: context.audit,
                                      on: db, now: context.now())
        }
    }

    /// Replaces the phases (in order); tasks of a removed phase lose it.
    func replacePhases(_ projectID: UUID, _ input: ProjectPhasesInput) async throws -> [ProjectPhaseDTO] {
        let project = try await managed(projectID)
        var problems: [DomainError.Field] = []
        if input.phases.count > Self.maximumPhases { problems.append(.init("phases", "list.too_many_ids", params: ["max": String(Self.maximumPhases)])) }
        let existing = try await ProjectPhase.query(on: context.database).filter(\.$projectID == projectID).all()
        var rows: [ProjectPhase] = []
        for (index, phase) in input.phases.enumerated() {
            let row = ProjectPhase()
            if let id = phase.id {
                if !existing.contains(where: { $0.id == id }) || rows.contains(where: { $0.id == id }) { problems.append(.init("phases[\(index)].id", "projects.project.unknown_phase")) }
                row.id = id
            } else { row.id = UUID() }
            row.tenantID = context.tenantID
            row.projectID = projectID
            row.position = index + 1
            row.name = ProjectsText.line(phase.name, max: 80, path: "phases[\(index)].name", required: true, problems: &problems) ?? ""
            for (value, path) in [(phase.startsOn, "startsOn"), (phase.endsOn, "endsOn")] {
                if let value, !CalendarDay.isPlausibleBusinessDay(value) { problems.append(.init("phases[\(index)].\(path)", "request.invalid_date")) }
            }
            row.startsOn = phase.startsOn
            row.endsOn = phase.endsOn
            if let s = phase.startsOn, let e = phase.endsOn, e < s { problems.append(.init("phases[\(index)].endsOn", "projects.project.dates")) }
            rows.append(row)
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let context = self.context
        let kept = Set(rows.compactMap(\.id))
        let removed = existing.compactMap(\.id).filter { !kept.contains($0) }
        let finalRows = rows
        try await context.write { db in
            if !removed.isEmpty { try await ProjectTask.query(on: db).filter(\.$phaseID ~~ removed).set(\.$phaseID, to: nil).update() }
            try await ProjectPhase.query(on: db).filter(\.$projectID == projectID).delete()
            for row in finalRows { try await row.create(on: db) }
            var changes = AuditChanges()
            changes.set("phases", existing.sorted { $0.position < $1.position }.map(\.name).joined(separator: ", "), finalRows.map(\.name).joined(separator: ", "))
            try await AuditLog.append(entity: ProjectsModule.projectEntity, entityID: project.requireID(), action: "phases", changes: changes,
                                      context: context.audit, on: db, now: context.now())
        }
        return rows.map(ProjectRead.phase)
    }

    private func managed(_ projectID: UUID) async throws -> Project {
        try context.require(ProjectsModule.work)
        let access = ProjectAccess(context: context)
        let project = try await access.visible(projectID)
        try await access.requireManage(project)
        return project
    }

    private func apply(_ input: MilestoneInput, to milestone: Milestone, creating: Bool, problems: inout [DomainError.Field]) async throws {
        if input.name != nil || creating, let name = ProjectsText.line(input.name, max: 120, path: "name", required: true, problems: &problems) { milestone.name = name }
        if let due = input.dueOn {
            if CalendarDay.isPlausibleBusinessDay(due) { milestone.dueOn = due } else { problems.append(.init("dueOn", "request.invalid_date")) }
        }
        if let done = input.doneOn {
            if done.isEmpty { milestone.doneOn = nil } else if CalendarDay.isPlausibleBusinessDay(done) { milestone.doneOn = done } else {
                problems.append(.init("doneOn", "request.invalid_date"))
            }
        }
        if let owner = input.ownerId {
            if try await EmployeeDirectory(db: context.database).find(owner, tenantID: context.tenantID) == nil {
                problems.append(.init("ownerId", "projects.task.unknown_employee"))
            } else { milestone.ownerID = owner }
        }
    }

    private func dto(_ milestone: Milestone, project: Project) async throws -> MilestoneDTO {
        let counts = try await ProjectProgress.milestoneCounts([project.requireID()], db: context.database)
        let names = try await EmployeeDirectory(db: context.database).names(Set([milestone.ownerID].compactMap { $0 }), tenantID: context.tenantID)
        return ProjectRead.milestone(milestone, names: names, counts: counts, today: context.actor.tenant.today(now: context.now()))
    }
}
