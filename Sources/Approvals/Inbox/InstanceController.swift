import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit
import Vapor

/// `/api/v1/approvals/instances`: submit a form, the four inbox boxes (the shared list ``InboxList``,
/// with export and bulk approve), an instance's detail, and
/// the requester's and participants' actions on it. Acting on an instance needs no permission
/// beyond taking part in it: the engine checks who the caller is (case P-01).
struct InstanceController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.list(InboxList.definition, "instances", permission: ApprovalsModule.inboxRead,
                    summary: "Inbox: box=todo (待我审批) | done (我已审批) | mine (我发起的) | cc (抄送我的); search q, state; newest first")
        routes.on(.GET, "inbox", "counts", permission: ApprovalsModule.inboxRead, summary: "Counts of the inbox boxes", use: counts)
        routes.on(.GET, "instances", ":id", permission: ApprovalsModule.inboxRead,
                  summary: "An instance with steps, tasks, timeline and the caller's actions (opening a CC marks it read)", use: detail)
        routes.on(.POST, "instances", permission: ApprovalsModule.inboxAct, summary: "Submit a custom form for approval",
                  body: ApprovalSubmitRequest.self, status: .created, use: submit)
        routes.on(.POST, "instances", "route", permission: ApprovalsModule.inboxRead,
                  summary: "The route a submission of the caller would take (who approves; which nodes need the caller's choice); nothing stored",
                  body: ApprovalSubmitRequest.self, mutates: false, use: route)
        routes.on(.PATCH, "instances", ":id", permission: ApprovalsModule.inboxAct,
                  summary: "The requester changes the form: voids and restarts (P-04), or resubmits after a return", body: ApprovalEditRequest.self,
                  use: edit)
        routes.on(.POST, "instances", ":id", "withdraw", permission: ApprovalsModule.inboxAct, summary: "The requester withdraws (撤回)",
                  body: ApprovalDecisionRequest.self, use: withdraw)
        routes.on(.POST, "instances", ":id", "urge", permission: ApprovalsModule.inboxAct, summary: "The requester urges (催办), rate-limited",
                  use: urge)
        routes.on(.POST, "instances", ":id", "comment", permission: ApprovalsModule.inboxAct, summary: "Comment with attachments (评论)",
                  body: ApprovalDecisionRequest.self, use: comment)
        routes.on(.POST, "instances", ":id", "cc", permission: ApprovalsModule.inboxAct, summary: "Copy people in (抄送)", body: ApprovalCCRequest.self,
                  use: carbonCopy)
    }

    @Sendable func counts(_ req: Request) async throws -> ApprovalInboxCounts {
        let actor = try req.actor
        return try await InboxQuery(db: req.database, tenantID: actor.tenantID, viewer: actor.userID).counts()
    }

    @Sendable func detail(_ req: Request) async throws -> ApprovalInstanceDTO {
        let actor = try req.actor
        let id = try req.pathID(entity: "approval_instance")
        _ = try await Self.visible(id, req: req)  // 404 unless the caller takes part or may read all
        let unread = try await ApprovalTask.query(on: req.database).filter(\.$instanceID == id).filter(\.$assigneeID == actor.userID)
            .filter(\.$state == ApprovalTaskState.unread.rawValue).all()
        if !unread.isEmpty {
            // Reading a CC is a receipt, not a change of the request: no audit entry, as for notifications.
            try await req.write { db in
                try await ApprovalTask.query(on: db).filter(\.$id ~~ unread.compactMap(\.id))
                    .set(\.$state, to: ApprovalTaskState.read.rawValue).update()
            }
        }
        return try await Self.view(id, req: req)
    }

    /// The instance if the caller takes part in it or may read all; else 404 (``ApprovalInstances/visible(_:)``).
    static func visible(_ id: UUID, req: Request) async throws -> ApprovalInstance {
        try await ApprovalInstances(context: try req.serviceContext).visible(id)
    }

    static func view(_ id: UUID, req: Request) async throws -> ApprovalInstanceDTO {
        try await ApprovalInstances(context: try req.serviceContext).view(id)
    }

    @Sendable func submit(_ req: Request) async throws -> ApprovalInstanceDTO {
        let body = try req.content.decode(ApprovalSubmitRequest.self)
        let instances = ApprovalInstances(context: try req.serviceContext)
        let id = try await instances.submit(formID: body.formId, values: body.values, chosen: body.chosenApprovers)
        return try await instances.view(id)
    }

    /// What the submit page shows before sending (DingTalk's 审批流程 under the form): the
    /// steps with their people for these values; nodes the caller must choose for have the
    /// note `requesterChoice`.
    @Sendable func route(_ req: Request) async throws -> FlowPreview {
        let body = try req.content.decode(ApprovalSubmitRequest.self)
        let actor = try req.actor
        guard let form = try await FormBinding(db: req.database, tenantID: actor.tenantID).form(body.formId), !form.archived else {
            throw DomainError.invalid([.init("formId", "approvals.form_unknown")])
        }
        guard let (_, version) = try await FlowStore(db: req.database, tenantID: actor.tenantID).active(subject: "form.\(form.id)") else {
            throw DomainError(status: 409, code: "approvals.form_without_flow")
        }
        // Values still being typed: the route follows what is valid so far, without errors.
        let values = (try? await FormSubmission.validate(form: form, values: body.values, context: try req.serviceContext)) ?? [:]
        let facts = (try? FormFacts.facts(schema: form.schema, values: values, currency: actor.tenant.currency)) ?? [:]
        let planner = FlowPlanner(org: OrgDirectory(tenantID: actor.tenantID, db: req.database), requesterID: actor.userID, facts: facts,
                                  chosen: body.chosenApprovers ?? [:])
        return try await FlowController.preview(planner, try JSONText.decode(FlowDefinition.self, version.definition),
                                                today: actor.tenant.today())
    }

    @Sendable func edit(_ req: Request) async throws -> ApprovalInstanceDTO {
        let id = try req.pathID(entity: "approval_instance")
        let instances = ApprovalInstances(context: try req.serviceContext)
        // Visible before the body is read, so another company's ids learn nothing.
        _ = try await instances.visible(id)
        let body = try req.content.decode(ApprovalEditRequest.self)
        try await instances.edit(id, values: body.values, chosen: body.chosenApprovers, version: body.version)
        return try await instances.view(id)
    }

    @Sendable func withdraw(_ req: Request) async throws -> ApprovalInstanceDTO {
        let id = try req.pathID(entity: "approval_instance")
        _ = try await Self.visible(id, req: req)
        let body = try? req.content.decode(ApprovalDecisionRequest.self)
        let comment = try Self.cleanComment(body?.comment)
        _ = try await req.serviceContext.approvals { engine in try await engine.withdraw(id, comment: comment).requireID() }
        return try await Self.view(id, req: req)
    }

    @Sendable func urge(_ req: Request) async throws -> ApprovalInstanceDTO {
        let id = try req.pathID(entity: "approval_instance")
        _ = try await Self.visible(id, req: req)
        let actor = try req.actor
        let minutes = try await ApprovalSettings.query(on: req.database).filter(\.$tenantID == actor.tenantID).first()?.urgeIntervalMinutes ?? 30
        _ = try await req.serviceContext.approvals { engine in try await engine.urge(id, interval: Double(minutes) * 60).requireID() }
        return try await Self.view(id, req: req)
    }

    @Sendable func comment(_ req: Request) async throws -> ApprovalInstanceDTO {
        let id = try req.pathID(entity: "approval_instance")
        _ = try await Self.visible(id, req: req)
        let body = try req.content.decode(ApprovalDecisionRequest.self)
        guard let text = try Self.cleanComment(body.comment) else { throw DomainError.invalid([.init("comment", "approvals.comment_required")]) }
        let attachments = try await Attachments.check(body.attachments, reader: RecordReader(actor: try req.actor), kinds: req.application.recordKinds, on: req.database)
        _ = try await req.serviceContext.approvals { engine in try await engine.comment(id, text: text, attachments: attachments).requireID() }
        return try await Self.view(id, req: req)
    }

    @Sendable func carbonCopy(_ req: Request) async throws -> ApprovalInstanceDTO {
        let id = try req.pathID(entity: "approval_instance")
        _ = try await Self.visible(id, req: req)
        let body = try req.content.decode(ApprovalCCRequest.self)
        _ = try await req.serviceContext.approvals { engine in try await engine.carbonCopy(id, users: body.users).requireID() }
        return try await Self.view(id, req: req)
    }

    /// A trimmed comment of at most 2,000 characters, or nil when empty.
    /// - Throws: 422 on the `comment` field (too long, control characters).
    static func cleanComment(_ raw: String?) throws -> String? {
        switch TextInput.note(raw, max: 2000) {
        case .success(let text): return text
        case .failure(let problem): throw DomainError.invalid([problem.field("comment")])
        }
    }
}
