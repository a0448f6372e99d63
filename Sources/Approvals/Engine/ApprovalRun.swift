import Fluent
import Foundation
import Platform
import Vapor

/// Runs engine actions in one write transaction and applies their effects in it: the
/// document modules' outcome handlers, notifications and timers. Either all of it commits or
/// none (nothing is notified for an action that rolled back).
struct ApprovalRun {
    let application: Application

    func callAsFunction<T: Sendable>(on db: any Database, context: AuditContext, now: Date = Date(),
                                     _ body: @escaping @Sendable (ApprovalEngine) async throws -> T) async throws -> T {
        try await application.afieldWrites.transaction(on: db) { db in
            try await self.inTransaction(db: db, context: context, now: now, body)
        }
    }

    /// The same inside a transaction the caller already holds (the gate, timers).
    func inTransaction<T: Sendable>(db: any Database, context: AuditContext, now: Date = Date(),
                                    _ body: @escaping @Sendable (ApprovalEngine) async throws -> T) async throws -> T {
        let engine = ApprovalEngine(db: db, context: context, now: now)
        let result = try await body(engine)
        try await flush(engine, db: db, context: context)
        return result
    }

    private func flush(_ engine: ApprovalEngine, db: any Database, context: AuditContext) async throws {
        // Outcomes may start further engine work (a module asking again); they run first.
        for outcome in engine.effects.outcomes {
            guard let handler = application.approvalOutcomes.handler(for: outcome.subject) else { continue }
            if outcome.outcome == "approved" {
                try await handler.approved(documentID: outcome.documentID, context: outcome.context, on: db)
            } else {
                try await handler.returnedToDraft(documentID: outcome.documentID, reason: outcome.outcome, context: outcome.context, on: db)
            }
        }
        for id in engine.effects.approvedForms {
            guard let instance = try await ApprovalInstance.find(id, on: db) else { continue }
            let template = try await instance.formID.asyncMap { try await ApprovalForm.find($0, on: db)?.templateKey } ?? nil
            try await application.domainEvents.publish(ApprovalFormApproved(
                tenantID: instance.tenantID, instanceID: id, requesterID: instance.requesterID, templateKey: template,
                valuesJSON: instance.values ?? "{}"), context: context, on: db)
        }
        try await ApprovalDelivery(application: application).deliver(engine.effects, tenantID: engine.tenantID, on: db)
    }
}

extension ServiceContext {
    /// Runs an approval action as the context's actor, in one write transaction with its effects
    /// (``ApprovalRun``), stamped with the context's clock.
    func approvals<T: Sendable>(_ body: @escaping @Sendable (ApprovalEngine) async throws -> T) async throws -> T {
        try await ApprovalRun(application: application)(on: database, context: audit, now: now(), body)
    }
}

