import AfieldAPI
import Fluent
import Foundation
import Platform

/// Custom-form requests (表单审批) as the actor of `context` sees and makes them: submitting a
/// form, changing it as its requester, which instances the actor may open and how they look.
/// Actions on an instance itself go through the engine (``ServiceContext/approvals(_:)``).
struct ApprovalInstances: Sendable {
    let context: ServiceContext

    /// Submits the form `formID` with `values` for approval along the form's active flow.
    /// - Parameter chosen: the requester's choices for `requesterChoice` nodes (node id → users).
    /// - Returns: the new instance's id.
    /// - Throws: 403 without `approvals.inbox.act`; 422 (`formId` unknown or archived, every
    ///   problem of `values`); 409 `approvals.form_without_flow`.
    func submit(formID: UUID, values: [String: FormValue], chosen: [String: [UUID]]?) async throws -> UUID {
        try context.require(ApprovalsModule.inboxAct)
        let actor = context.actor
        guard let form = try await FormBinding(db: context.database, tenantID: actor.tenantID).form(formID), !form.archived else {
            throw DomainError.invalid([.init("formId", "approvals.form_unknown")])
        }
        let values = try await FormSubmission.validate(form: form, values: values, context: context)
        let facts = try FormFacts.facts(schema: form.schema, values: values, currency: actor.tenant.currency)
        let chosen = chosen ?? [:]
        let summary = FormSummary.items(schema: try JSONText.decode(FormSchema.self, form.schema), values: values, currency: actor.tenant.currency)
        let requester = actor.userID
        let timeZone = actor.tenant.timeZone
        let title = "\(form.name) · \(actor.name)"
        return try await context.approvals { engine in
            guard let (flow, version) = try await FlowStore(db: engine.db, tenantID: engine.tenantID).active(subject: "form.\(form.id)") else {
                throw DomainError(status: 409, code: "approvals.form_without_flow")
            }
            let instance = try await engine.submit(.init(flow: flow, version: version, subject: "form.\(form.id)", documentID: nil, formID: form.id,
                                                         title: title, requesterID: requester, facts: facts, values: values, chosen: chosen,
                                                         summary: summary),
                                                   companyTimeZone: timeZone)
            return try instance.requireID()
        }
    }

    /// The requester changes the form of instance `id` read at `version`: voids and restarts a
    /// pending or approved one (P-04), or resubmits one returned to them.
    /// - Throws: 403 without `approvals.inbox.act`, or `approvals.not_requester`; 404 (not
    ///   visible); 422 (values); 409 (stale version, not editable, form without flow).
    func edit(_ id: UUID, values: [String: FormValue], chosen: [String: [UUID]]?, version: Int) async throws {
        try context.require(ApprovalsModule.inboxAct)
        let actor = context.actor
        let existing = try await visible(id)
        guard existing.requesterID == actor.userID else { throw DomainError(status: 403, code: "approvals.not_requester") }
        guard let formID = existing.formID, let form = try await FormBinding(db: context.database, tenantID: actor.tenantID).form(formID) else {
            throw DomainError(status: 409, code: "approvals.instance.not_editable", params: ["state": existing.state])
        }
        let values = try await FormSubmission.validate(form: form, values: values, context: context)
        let facts = try FormFacts.facts(schema: form.schema, values: values, currency: actor.tenant.currency)
        let summary = FormSummary.items(schema: try JSONText.decode(FormSchema.self, form.schema), values: values, currency: actor.tenant.currency)
        try await context.approvals { engine in
            let instance = try await engine.lock(id)
            guard instance.version == version else { throw DomainError.staleVersion("approval_instance") }
            guard [ApprovalState.pending, .approved, .returned].map(\.rawValue).contains(instance.state) else {
                throw DomainError(status: 409, code: "approvals.instance.not_editable", params: ["state": instance.state])
            }
            // A restart takes the form's flow as it is now; a resumed return keeps its version.
            guard let (_, latest) = try await FlowStore(db: engine.db, tenantID: engine.tenantID).active(subject: instance.subject),
                  let own = try await ApprovalFlowVersion.find(instance.flowVersionID, on: engine.db) else {
                throw DomainError(status: 409, code: "approvals.form_without_flow")
            }
            try await engine.restart(instance, values: values, facts: facts, chosen: chosen, summary: summary,
                                     own: try JSONText.decode(FlowDefinition.self, own.definition), latest: latest)
        }
    }

    /// The instance if the actor takes part in it, stands in for someone who does, or may read
    /// all; else 404.
    func visible(_ id: UUID) async throws -> ApprovalInstance {
        let actor = context.actor
        let db = context.database
        guard let instance = try await ApprovalInstance.query(on: db).filter(\.$id == id).filter(\.$tenantID == actor.tenantID).first()
              else { throw DomainError.notFound("approval_instance") }
        if actor.holds(ApprovalsModule.instanceReadAll) { return instance }
        if try await InstanceViews.takesPart(actor.userID, in: instance, on: db) { return instance }
        if try await isDelegateOfParticipant(actor.userID, instance) { return instance }
        throw DomainError.notFound("approval_instance")
    }

    private func isDelegateOfParticipant(_ user: UUID, _ instance: ApprovalInstance) async throws -> Bool {
        let db = context.database
        let today = CalendarDay.string(for: context.now(), in: context.actor.tenant.timeZone)
        let delegators = try await ApprovalDelegation.query(on: db).filter(\.$tenantID == instance.tenantID).filter(\.$delegateID == user)
            .filter(\.$startsOn <= today).filter(\.$endsOn >= today).all().map(\.userID)
        guard !delegators.isEmpty else { return false }
        return try await ApprovalTask.query(on: db).filter(\.$instanceID == instance.requireID()).filter(\.$assigneeID ~~ delegators).first() != nil
    }

    /// The instance `id` as the actor sees it, in the context's language.
    func view(_ id: UUID) async throws -> ApprovalInstanceDTO {
        let actor = context.actor
        guard let instance = try await ApprovalInstance.query(on: context.database).filter(\.$id == id).filter(\.$tenantID == actor.tenantID).first() else {
            throw DomainError.notFound("approval_instance")
        }
        let views = InstanceViews(db: context.database, viewer: actor.userID, catalog: context.settings.catalog, language: context.language)
        return try await views.detail(instance, canReadAll: actor.holds(ApprovalsModule.instanceReadAll))
    }
}
