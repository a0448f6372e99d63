import AfieldAPI
import Fluent
import Foundation
import Platform

extension ApprovalGateService {
    /// Voids the document's instance that is still deciding or was returned to its requester.
    ///
    /// Each instance is locked before it is voided and its state read again under the lock: an
    /// approval decided meanwhile is left alone, and the caller's conditional update of its own
    /// document then finds the document moved on.
    func documentCancelled(subject: String, documentID: UUID, reason: String, context: AuditContext, on db: any Database) async throws -> Bool {
        let open = [ApprovalState.pending.rawValue, ApprovalState.returned.rawValue]
        let live = try await ApprovalInstance.query(on: db).filter(\.$tenantID == context.tenantID).filter(\.$subject == subject)
            .filter(\.$documentID == documentID).filter(\.$state ~~ open).all()
        guard !live.isEmpty else { return false }
        return try await ApprovalRun(application: application).inTransaction(db: db, context: context) { engine in
            var voided = false
            for found in live {
                let instance = try await engine.lock(try found.requireID())
                guard open.contains(instance.state) else { continue }
                try await engine.void(instance, reason: reason)
                voided = true
            }
            return voided
        }
    }
}
