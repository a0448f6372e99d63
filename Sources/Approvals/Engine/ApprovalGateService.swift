import AfieldAPI
import Fluent
import Foundation
import Platform
import Vapor

/// The engine behind ``ApprovalGate``: modules ask it for approval of a transition; it runs in
/// the module's transaction.
struct ApprovalGateService: ApprovalGate {
    let application: Application

    func requiresApproval(subject: String, tenantID: UUID, on db: any Database) async throws -> Bool {
        if try await FlowStore(db: db, tenantID: tenantID).active(subject: subject) != nil { return true }
        return try await awaitsDefault(subject: subject, tenantID: tenantID, on: db)
    }

    /// The subject declares a default flow and the company has no flow for it yet (an archived
    /// one is the company's choice of none).
    private func awaitsDefault(subject: String, tenantID: UUID, on db: any Database) async throws -> Bool {
        guard case .directManager = application.approvalOutcomes.handler(for: subject)?.defaultFlow else { return false }
        return try await ApprovalFlow.query(on: db).filter(\.$tenantID == tenantID).filter(\.$subject == subject).first() == nil
    }

    func requestApproval(_ request: ApprovalRequest, context: AuditContext, on db: any Database) async throws -> UUID? {
        let store = FlowStore(db: db, tenantID: request.tenantID)
        if try await store.active(subject: request.subject) == nil, try await awaitsDefault(subject: request.subject, tenantID: request.tenantID, on: db),
           let declared = application.approvalOutcomes.handler(for: request.subject)?.defaultFlow,
           let tenant = try await Tenant.find(request.tenantID, on: db) {
            _ = try await DocumentDefaultFlows.install(subject: request.subject, declared: declared, tenantID: request.tenantID,
                                                       language: AppLanguage(tag: tenant.locale) ?? .en, now: Date(), on: db)
        }
        guard let (flow, version) = try await store.active(subject: request.subject) else { return nil }
        if try await ApprovalInstance.query(on: db).filter(\.$tenantID == request.tenantID).filter(\.$subject == request.subject)
            .filter(\.$documentID == request.documentID).filter(\.$state == ApprovalState.pending.rawValue).first() != nil {
            throw DomainError(status: 409, code: "approvals.already_pending")
        }
        let returned = try await ApprovalInstance.query(on: db).filter(\.$tenantID == request.tenantID).filter(\.$subject == request.subject)
            .filter(\.$documentID == request.documentID).filter(\.$state == ApprovalState.returned.rawValue).all()
        guard let tenant = try await Tenant.find(request.tenantID, on: db) else { throw DomainError.notFound("tenant") }
        let zone = TimeZone(identifier: tenant.timeZone) ?? TimeZone(identifier: "UTC")!
        return try await ApprovalRun(application: application).inTransaction(db: db, context: context) { engine in
            // A request returned to the requester is replaced by the new one: the document was changed and sent again.
            for old in returned { try await engine.void(try await engine.lock(try old.requireID()), reason: "approvals.event.voided.edited") }
            let instance = try await engine.submit(.init(flow: flow, version: version, subject: request.subject, documentID: request.documentID,
                                                         formID: nil, title: request.title, requesterID: request.requesterID,
                                                         facts: request.facts, values: nil, chosen: [:],
                                                         summary: CardSummaryItem.items(request.summary)),
                                                   companyTimeZone: zone)
            return try instance.requireID()
        }
    }

    func documentChanged(subject: String, documentID: UUID, context: AuditContext, on db: any Database) async throws -> Bool {
        let live = try await ApprovalInstance.query(on: db).filter(\.$tenantID == context.tenantID).filter(\.$subject == subject)
            .filter(\.$documentID == documentID)
            .filter(\.$state ~~ [ApprovalState.pending.rawValue, ApprovalState.approved.rawValue, ApprovalState.returned.rawValue]).all()
        guard !live.isEmpty else { return false }
        try await ApprovalRun(application: application).inTransaction(db: db, context: context) { engine in
            for found in live {
                let instance = try await engine.lock(try found.requireID())
                try await engine.void(instance, reason: "approvals.event.voided.edited")
            }
        }
        return true
    }

    func status(subject: String, documentID: UUID, tenantID: UUID, on db: any Database) async throws -> (id: UUID, state: String)? {
        guard let latest = try await ApprovalInstance.query(on: db).filter(\.$tenantID == tenantID).filter(\.$subject == subject)
            .filter(\.$documentID == documentID).sort(\.$submittedAt, .descending).first() else { return nil }
        return (try latest.requireID(), latest.state)
    }
}
