import AfieldAPI
import Fluent
import Foundation
import Platform
import Vapor

/// `/api/v1/approvals/flows`: design flows (a new version per save), validate and preview them.
struct FlowController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, "flows", permission: ApprovalsModule.flowManage, summary: "The company's approval flows with their current definitions",
                  use: list)
        routes.on(.GET, "flows", ":id", permission: ApprovalsModule.flowManage, summary: "An approval flow and its current definition", use: detail)
        routes.on(.POST, "flows", permission: ApprovalsModule.flowManage, summary: "Create the flow of a form or a document kind (version 1)",
                  body: FlowSaveRequest.self, status: .created, use: create)
        routes.on(.PUT, "flows", ":id", permission: ApprovalsModule.flowManage,
                  summary: "Save a new version of a flow (running instances keep theirs); stale version → 409", body: FlowSaveRequest.self, use: save)
        routes.on(.POST, "flows", "validate", permission: ApprovalsModule.flowManage,
                  summary: "Check a definition: 204, or 422 listing every problem with its path", body: FlowSaveRequest.self, mutates: false,
                  use: validate)
        routes.on(.POST, "flows", "preview", permission: ApprovalsModule.flowManage,
                  summary: "Who approves if this requester submits these values; nothing stored", body: FlowPreviewRequest.self, mutates: false,
                  use: preview)
    }

    @Sendable func list(_ req: Request) async throws -> [ApprovalFlowDTO] {
        let actor = try req.actor
        let flows = try await ApprovalFlow.query(on: req.database).filter(\.$tenantID == actor.tenantID).sort(\.$name).all()
        var result: [ApprovalFlowDTO] = []
        for flow in flows { result.append(try await FlowStore(db: req.database, tenantID: actor.tenantID).dto(flow)) }
        return result
    }

    @Sendable func detail(_ req: Request) async throws -> ApprovalFlowDTO {
        let store = FlowStore(db: req.database, tenantID: try req.actor.tenantID)
        return try await store.dto(try await store.flow(try req.pathID(entity: "approval_flow")))
    }

    @Sendable func create(_ req: Request) async throws -> ApprovalFlowDTO {
        let body = try req.content.decode(FlowSaveRequest.self)
        let actor = try req.actor
        let audit = try req.auditContext
        let subjects = req.application.approvalOutcomes
        let id = try await req.write { db in
            try await FlowStore(db: db, tenantID: actor.tenantID).create(body, subjects: subjects, context: audit)
        }
        let store = FlowStore(db: req.database, tenantID: actor.tenantID)
        return try await store.dto(try await store.flow(id))
    }

    @Sendable func save(_ req: Request) async throws -> ApprovalFlowDTO {
        let id = try req.pathID(entity: "approval_flow")
        let actor = try req.actor
        _ = try await FlowStore(db: req.database, tenantID: actor.tenantID).flow(id)
        let body = try req.content.decode(FlowSaveRequest.self)
        let audit = try req.auditContext
        try await req.write { db in
            try await FlowStore(db: db, tenantID: actor.tenantID).save(id, body, context: audit)
        }
        let store = FlowStore(db: req.database, tenantID: actor.tenantID)
        return try await store.dto(try await store.flow(id))
    }

    @Sendable func validate(_ req: Request) async throws -> Response {
        let body = try req.content.decode(FlowSaveRequest.self)
        let store = FlowStore(db: req.database, tenantID: try req.actor.tenantID)
        try await store.check(body.name, body.definition, formFields: try await store.formFields(subject: body.subject))
        return Response(status: .noContent)
    }

    @Sendable func preview(_ req: Request) async throws -> FlowPreview {
        let body = try req.content.decode(FlowPreviewRequest.self)
        let actor = try req.actor
        let store = FlowStore(db: req.database, tenantID: actor.tenantID)
        try await store.check("preview", body.definition, formFields: nil)
        let org = OrgDirectory(tenantID: actor.tenantID, db: req.database)
        guard try await org.person(body.requesterId) != nil else { throw DomainError.invalid([.init("requesterId", "approvals.user_unknown")]) }
        var facts: [String: ApprovalFact] = [:]
        for (key, text) in body.values {
            facts[key] = ConditionEvaluator.decimal(text).map { .number($0) } ?? .text(text)
        }
        return try await Self.preview(FlowPlanner(org: org, requesterID: body.requesterId, facts: facts, chosen: [:]), body.definition,
                                      today: actor.tenant.today())
    }

    /// The planner's route as an answer: the branches taken and each step's people by name.
    /// Nobody inactive is named: their stand-in (``StandIns``) is who will decide, as the engine
    /// will find when the step opens; copies to them are left out.
    static func preview(_ planner: FlowPlanner, _ definition: FlowDefinition, today: String) async throws -> FlowPreview {
        let org = planner.org
        let standIns = StandIns(org: org, today: today)
        let plan = try await planner.plan(definition)
        var steps: [PreviewStep] = []
        for planned in plan.steps {
            var people: [PersonRef] = []
            for id in planned.assignees {
                var holder = id
                if try await org.person(id)?.active != true {
                    if planned.type == .cc { continue }
                    holder = try await standIns.holder(for: id, requester: planner.requesterID).assignee
                    if holder == planner.requesterID, !FlowPlanner.allowsRequester(planned.node),
                       let manager = try await org.managerChain(ofUser: planner.requesterID).first {
                        holder = manager
                    }
                }
                if !people.contains(where: { $0.id == holder }) { people.append(PersonRef(id: holder, name: try await org.name(holder))) }
            }
            steps.append(PreviewStep(nodeId: planned.node.id, name: planned.node.name ?? "", type: planned.type, mode: planned.mode,
                                     assignees: people, note: planned.note))
        }
        return FlowPreview(branches: plan.branches, steps: steps)
    }
}
