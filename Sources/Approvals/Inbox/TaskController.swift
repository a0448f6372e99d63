import AfieldAPI
import Fluent
import Foundation
import Platform
import Vapor

/// `/api/v1/approvals/tasks/{id}/…`: what an approver does with their task. Only the task's
/// holder or their delegate may act, whatever permissions they hold (case P-01); a task
/// decided already answers 409 `approvals.task.already_decided` (P-07).
struct TaskController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.POST, "tasks", ":id", "approve", permission: ApprovalsModule.inboxAct, summary: "Approve (同意)", body: ApprovalDecisionRequest.self,
                  use: approve)
        routes.on(.POST, "tasks", ":id", "reject", permission: ApprovalsModule.inboxAct, summary: "Reject (拒绝): the flow ends, the document is editable again",
                  body: ApprovalDecisionRequest.self, use: reject)
        routes.on(.POST, "tasks", ":id", "return", permission: ApprovalsModule.inboxAct, summary: "Return (退回) to an earlier step or to the requester",
                  body: ApprovalReturnRequest.self, use: sendBack)
        routes.on(.POST, "tasks", ":id", "transfer", permission: ApprovalsModule.inboxAct, summary: "Transfer (转交) to someone else",
                  body: ApprovalTransferRequest.self, use: transfer)
        routes.on(.POST, "tasks", ":id", "add-signer", permission: ApprovalsModule.inboxAct, summary: "Add signers (加签) before, after or alongside",
                  body: ApprovalAddSignerRequest.self, use: addSigner)
        routes.on(.POST, "tasks", "batch-approve", permission: ApprovalsModule.inboxAct, summary: "Approve several tasks; a result per task",
                  body: ApprovalBatchRequest.self, use: batchApprove)
    }

    private func instanceID(of taskID: UUID, _ req: Request) async throws -> UUID {
        let tenantID = try req.actor.tenantID
        guard let task = try await ApprovalTask.query(on: req.database).filter(\.$id == taskID).filter(\.$tenantID == tenantID).first() else {
            throw DomainError.notFound("approval_task")
        }
        return task.instanceID
    }

    @Sendable func approve(_ req: Request) async throws -> ApprovalInstanceDTO { try await decide(req, approve: true) }
    @Sendable func reject(_ req: Request) async throws -> ApprovalInstanceDTO { try await decide(req, approve: false) }

    /// The one shape of every task action: find the task (404 before reading the body, so
    /// another company's ids learn nothing), decode and clean the body, run `action` in the
    /// engine, answer the instance as the caller now sees it.
    private func act<Body: Decodable & Sendable>(_ req: Request, _ type: Body.Type, comment: (Body) -> String?,
                                                 _ action: @escaping @Sendable (ApprovalEngine, UUID, Body, String?) async throws -> ApprovalInstance)
        async throws -> ApprovalInstanceDTO {
        let taskID = try req.pathID(entity: "approval_task")
        let id = try await instanceID(of: taskID, req)
        let body = try req.content.decode(type)
        let cleaned = try InstanceController.cleanComment(comment(body))
        _ = try await req.serviceContext.approvals { engine in try await action(engine, taskID, body, cleaned).requireID() }
        return try await InstanceController.view(id, req: req)
    }

    private func decide(_ req: Request, approve: Bool) async throws -> ApprovalInstanceDTO {
        let reader = RecordReader(actor: try req.actor), kinds = req.application.recordKinds
        return try await act(req, ApprovalDecisionRequest.self, comment: \.comment) { engine, taskID, body, comment in
            let attachments = try await Attachments.check(body.attachments, reader: reader, kinds: kinds, on: engine.db)
            return try await engine.decide(taskID, approve: approve, comment: comment, attachments: attachments, nextApprovers: body.nextApprovers)
        }
    }

    @Sendable func sendBack(_ req: Request) async throws -> ApprovalInstanceDTO {
        try await act(req, ApprovalReturnRequest.self, comment: \.comment) { engine, taskID, body, comment in
            try await engine.returnTask(taskID, toNodeID: body.toNodeId, comment: comment)
        }
    }

    @Sendable func transfer(_ req: Request) async throws -> ApprovalInstanceDTO {
        try await act(req, ApprovalTransferRequest.self, comment: \.comment) { engine, taskID, body, comment in
            try await engine.transfer(taskID, to: body.to, comment: comment)
        }
    }

    @Sendable func addSigner(_ req: Request) async throws -> ApprovalInstanceDTO {
        try await act(req, ApprovalAddSignerRequest.self, comment: \.comment) { engine, taskID, body, comment in
            try await engine.addSigners(taskID, users: body.users, position: body.position, comment: comment)
        }
    }

    /// Each task in its own transaction, so one that someone else decided meanwhile does not
    /// stop the others.
    @Sendable func batchApprove(_ req: Request) async throws -> [ApprovalBatchResult] {
        let body = try req.content.decode(ApprovalBatchRequest.self)
        guard !body.taskIds.isEmpty, body.taskIds.count <= 100 else { throw DomainError.invalid([.init("taskIds", "approvals.batch_size")]) }
        let comment = try InstanceController.cleanComment(body.comment)
        var results: [ApprovalBatchResult] = []
        for taskID in body.taskIds {
            do {
                _ = try await req.serviceContext.approvals { engine in
                    try await engine.decide(taskID, approve: true, comment: comment, attachments: [], nextApprovers: nil).requireID()
                }
                results.append(.init(taskId: taskID, status: 200, code: nil))
            } catch let error as DomainError {
                results.append(.init(taskId: taskID, status: Int(error.status), code: error.code == "not_found" ? "not_found" : error.code))
            }
        }
        return results
    }
}
