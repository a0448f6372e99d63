import Foundation
import Platform

/// What an engine action wants to happen besides its rows: notifications and timers. Kept
/// apart so the rows and these commit in the same transaction (``ApprovalEngine/flush()``).
struct ApprovalEffects: Sendable {
    struct Notice: Sendable {
        var users: [UUID]
        /// Message code, e.g. `approvals.notice.task`.
        var code: String
        var params: [String: String]
        var instanceID: UUID
    }
    struct Timer: Sendable {
        var taskID: UUID
        var kind: String
        var at: Date
    }
    var notices: [Notice] = []
    var timers: [Timer] = []
    var cancelledTimers: [UUID] = []
    /// Outcome of the document, to hand to its module: (subject, document, `approved` / `rejected` / `withdrawn`).
    var outcomes: [(subject: String, documentID: UUID, outcome: String)] = []
}
