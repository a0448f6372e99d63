import Fluent
import Foundation
import Platform
import Vapor

/// The engine's part in deactivating a person (registered with Identity at boot): their open
/// approval tasks move to their stand-ins in the deactivation's transaction.
struct ApprovalHandOver: UserDeactivationHandler {
    let application: Application

    func userDeactivated(_ userID: UUID, tenantID: UUID, context: AuditContext, on db: any Database) async throws {
        try await ApprovalRun(application: application).inTransaction(db: db, context: context) { engine in
            try await engine.handOver(tasksOf: userID)
        }
    }
}
