import Fluent
import Foundation
import Platform
import Vapor

/// Hands an action's notices to the notification centre and its timers to the job queue.
struct ApprovalDelivery {
    let application: Application

    func deliver(_ effects: ApprovalEffects, tenantID: UUID, on db: any Database) async throws {
        // Wired to Platform/Notifications and Platform/Jobs when they land.
        _ = effects
    }
}
