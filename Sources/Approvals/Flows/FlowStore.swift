import AfieldAPI
import Fluent
import Foundation
import Platform

/// Reads and saves flows and their versions for one company.
struct FlowStore {
    let db: any Database
    let tenantID: UUID

    /// - Throws: 404 `approval_flow` for an unknown or another company's id.
    func flow(_ id: UUID) async throws -> ApprovalFlow {
        guard let flow = try await ApprovalFlow.query(on: db).filter(\.$id == id).filter(\.$tenantID == tenantID).first() else {
            throw DomainError.notFound("approval_flow")
        }
        return flow
    }

    /// The active flow of a subject with its current version, or nil when none is set.
    func active(subject: String) async throws -> (ApprovalFlow, ApprovalFlowVersion)? {
        guard let flow = try await ApprovalFlow.query(on: db).filter(\.$tenantID == tenantID).filter(\.$subject == subject)
            .filter(\.$archived == false).first(),
              let version = try await ApprovalFlowVersion.find(flow.currentVersionID, on: db) else { return nil }
        return (flow, version)
    }

    func dto(_ flow: ApprovalFlow) async throws -> ApprovalFlowDTO {
        guard let version = try await ApprovalFlowVersion.find(flow.currentVersionID, on: db) else { throw DomainError.notFound("approval_flow") }
        return ApprovalFlowDTO(id: try flow.requireID(), subject: flow.subject, name: flow.name, currentVersion: flow.currentNumber,
                               definition: try JSONText.decode(FlowDefinition.self, version.definition), archived: flow.archived,
                               version: flow.version, updatedAt: flow.updatedAt)
    }

    /// Field keys of the form a subject names (`form.<id>`), for validating field references;
    /// nil for a document subject.
    func formFields(subject: String?) async throws -> Set<String>? {
        guard let subject, subject.hasPrefix("form."), let formID = UUID(uuidString: String(subject.dropFirst(5))) else { return nil }
        return try await FormBinding(db: db, tenantID: tenantID).fieldKeys(formID)
    }

    /// - Throws: 422 with every problem of the name and the definition.
    func check(_ name: String, _ definition: FlowDefinition, formFields: Set<String>?) async throws {
        var problems: [DomainError.Field] = []
        switch TextInput.name(name, max: 60) {
        case .failure(let problem): problems.append(problem.field("name"))
        case .success: break
        }
        problems += try await FlowValidator(tenantID: tenantID, db: db, formFields: formFields).validate(definition)
        if !problems.isEmpty { throw DomainError.invalid(problems) }
    }

    /// Version 1 of a new flow for `subject`: a form of the company (`form.<id>`, which then
    /// points at the flow) or a document kind a module registered.
    /// - Throws: 422 `approvals.flow.subject_unknown`; 409 `approvals.flow.exists` when the
    ///   subject has a flow already.
    func create(_ body: FlowSaveRequest, subjects: ApprovalOutcomeHandlers, context: AuditContext) async throws -> UUID {
        let subject = body.subject ?? ""
        let formID = subject.hasPrefix("form.") ? UUID(uuidString: String(subject.dropFirst(5))) : nil
        if let formID {
            guard try await FormBinding(db: db, tenantID: tenantID).exists(formID) else {
                throw DomainError.invalid([.init("subject", "approvals.flow.subject_unknown")])
            }
        } else if subjects.handler(for: subject) == nil {
            throw DomainError.invalid([.init("subject", "approvals.flow.subject_unknown")])
        }
        try await check(body.name, body.definition, formFields: try await formFields(subject: subject))
        if try await ApprovalFlow.query(on: db).filter(\.$tenantID == tenantID).filter(\.$subject == subject).first() != nil {
            throw DomainError(status: 409, code: "approvals.flow.exists")
        }
        let flow = ApprovalFlow()
        flow.id = UUID()
        flow.tenantID = tenantID
        flow.subject = subject
        flow.name = body.name.trimmingCharacters(in: .whitespaces)
        flow.archived = false
        flow.version = 1
        let version = try await newVersion(of: flow, number: 1, definition: body.definition, by: context.actorID)
        flow.currentVersionID = try version.requireID()
        flow.currentNumber = 1
        // The version row points at the flow: create the flow first with its version's id.
        try await flow.create(on: db)
        try await version.create(on: db)
        if let formID { try await FormBinding(db: db, tenantID: tenantID).bind(formID, flowID: try flow.requireID()) }
        var changes = AuditChanges()
        changes.set("subject", nil, subject)
        changes.set("name", nil, flow.name)
        changes.set("definitionVersion", nil, "1")
        try await AuditLog.append(entity: ApprovalsModule.flowAuditEntity, entityID: flow.id, action: "create", changes: changes, context: context, on: db)
        return try flow.requireID()
    }

    /// Saves the next version. Instances already running keep the version they started with.
    /// - Throws: 409 stale version with the flow as it is now.
    func save(_ id: UUID, _ body: FlowSaveRequest, context: AuditContext) async throws {
        let flow = try await flow(id)
        guard body.version == flow.version else { throw DomainError.staleVersion("approval_flow", current: try await dto(flow)) }
        try await check(body.name, body.definition, formFields: try await formFields(subject: flow.subject))
        let number = flow.currentNumber + 1
        let version = try await newVersion(of: flow, number: number, definition: body.definition, by: context.actorID)
        try await version.create(on: db)
        let oldName = flow.name
        flow.name = body.name.trimmingCharacters(in: .whitespaces)
        flow.currentVersionID = try version.requireID()
        flow.currentNumber = number
        flow.version += 1
        try await flow.save(on: db)
        var changes = AuditChanges()
        changes.set("name", oldName, flow.name)
        changes.set("definitionVersion", String(number - 1), String(number))
        try await AuditLog.append(entity: ApprovalsModule.flowAuditEntity, entityID: flow.id, action: "update", changes: changes, context: context, on: db)
    }

    private func newVersion(of flow: ApprovalFlow, number: Int, definition: FlowDefinition, by user: UUID?) async throws -> ApprovalFlowVersion {
        let version = ApprovalFlowVersion()
        version.id = UUID()
        version.tenantID = tenantID
        version.flowID = try flow.requireID()
        version.number = number
        version.definition = try JSONText.encode(definition)
        version.createdBy = user
        return version
    }
}
