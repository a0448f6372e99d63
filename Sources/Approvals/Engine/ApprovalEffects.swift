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
    /// How a flow ended for a document, to hand to its module.
    struct Outcome: Sendable {
        var subject: String
        var documentID: UUID
        /// `approved`, `rejected`, `returned` or `withdrawn`.
        var outcome: String
        /// Who decided: the person acting, or the rule or timer for an automatic decision.
        var context: AuditContext
    }
    var outcomes: [Outcome] = []
    /// Form requests (subject `form.<id>`) approved by this action: ``ApprovalFormApproved`` is
    /// published for each once the action's rows are written.
    var approvedForms: [UUID] = []
}
