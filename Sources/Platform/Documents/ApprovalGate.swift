import Fluent
import Foundation
import Synchronization
import Vapor

/// A fact about a document that approval conditions may test (`amount`, `department`, …).
public enum ApprovalFact: Sendable, Equatable {
    case number(Decimal)
    /// Money in minor units of the company currency.
    case money(Int64, exponent: Int)
    /// `YYYY-MM-DD`.
    case date(String)
    case text(String)
    case options([String])
    case users([UUID])
    case department(UUID)

    /// The fact as text, as the instance detail shows it (`500.00`).
    public var text: String {
        switch self {
        case .number(let value): "\(value)"
        case .money(let minor, let exponent): FixedDecimal.format(minor, scale: exponent)
        case .date(let value), .text(let value): value
        case .options(let values): values.joined(separator: ", ")
        case .users(let ids): ids.map(\.uuidString).joined(separator: ", ")
        case .department(let id): id.uuidString
        }
    }
}

/// What a module hands the gate when a document needs approval.
public struct ApprovalRequest: Sendable {
    public var tenantID: UUID
    /// The document kind, e.g. `sales.order`; the company's flow for it decides.
    public var subject: String
    public var documentID: UUID
    /// Shown in inboxes: `Sales order SO-2026-00042 · ALFKI · 1,234.00`.
    public var title: String
    public var requesterID: UUID
    public var facts: [String: ApprovalFact]
    /// Up to three lines for the request's card in the inbox (a sales order: number, customer, total).
    public var summary: [ApprovalSummaryLine]
    public init(tenantID: UUID, subject: String, documentID: UUID, title: String, requesterID: UUID, facts: [String: ApprovalFact],
                summary: [ApprovalSummaryLine] = []) {
        self.summary = summary
        self.tenantID = tenantID
        self.subject = subject
        self.documentID = documentID
        self.title = title
        self.requesterID = requesterID
        self.facts = facts
    }
}

/// The approval engine as modules see it (DESIGN §3): a module asks for approval on a
/// transition and learns the outcome through its ``ApprovalOutcomeHandler``; it never touches
/// the engine's tables.
public protocol ApprovalGate: Sendable {
    /// Whether the company has an active flow for `subject`, so that a transition of such a
    /// document waits for approval. Runs in the caller's transaction.
    func requiresApproval(subject: String, tenantID: UUID, on db: any Database) async throws -> Bool

    /// Starts approval of a document when the company has an active flow for its subject.
    /// Runs in the caller's transaction.
    ///
    /// Call it with the document already in its waiting state (and that change audited): a
    /// flow may end at once (a branch without approvers, the "no approver found" or "requester
    /// is the approver" rules), and then the module's ``ApprovalOutcomeHandler`` is called
    /// before this returns, in this transaction, like for every other ending.
    /// - Returns: the instance id, or nil when no approval is needed (the transition completes now).
    /// - Throws: 409 `approvals.already_pending` when the document already waits for approval.
    func requestApproval(_ request: ApprovalRequest, context: AuditContext, on db: any Database) async throws -> UUID?

    /// The document changed after it was submitted: a pending or approved instance is voided
    /// (history kept); returns true when one was (case P-04). The module then asks again.
    func documentChanged(subject: String, documentID: UUID, context: AuditContext, on db: any Database) async throws -> Bool

    /// The instance of the document still deciding or decided last, if any: its id and state
    /// (`pending`, `approved`, …).
    func status(subject: String, documentID: UUID, tenantID: UUID, on db: any Database) async throws -> (id: UUID, state: String)?

    /// The document was cancelled: an instance still deciding, or returned to its requester, is
    /// voided (history kept; open tasks leave the approvers' inboxes). A decided one stays as it
    /// was: it records what happened. Runs in the caller's transaction; no outcome handler is
    /// called, since the module has already moved its document.
    /// - Parameter reason: a message code of the caller's catalog, shown on the instance's
    ///   timeline (`sales.order.approval_cancelled`).
    /// - Returns: true when an instance was voided.
    func documentCancelled(subject: String, documentID: UUID, reason: String, context: AuditContext, on db: any Database) async throws -> Bool
}

/// A module's side of the gate: what happens to its document when the flow ends. Called in
/// the transaction of the deciding action, so the document and the approval move together —
/// for every ending: approved or rejected by people, approved at submission or on a timeout
/// by a rule, returned, withdrawn. `context` names who decided: the approver, or for an
/// automatic decision the rule or timer (`actorID` nil), never the requester.
public protocol ApprovalOutcomeHandler: Sendable {
    /// The document kind handled, e.g. `sales.order`.
    var subject: String { get }
    /// The flow approved: complete the waiting transition.
    func approved(documentID: UUID, context: AuditContext, on db: any Database) async throws
    /// Rejected or withdrawn (`reason` is `rejected` or `withdrawn`): the document returns
    /// to draft, editable again.
    func returnedToDraft(documentID: UUID, reason: String, context: AuditContext, on db: any Database) async throws
    /// The flow a company that has designed none starts with (``DefaultApprovalFlow/none`` unless
    /// the handler says otherwise).
    var defaultFlow: DefaultApprovalFlow { get }
}

extension ApprovalOutcomeHandler {
    public var defaultFlow: DefaultApprovalFlow { .none }
}

/// What a document kind needs before a company designs a flow for it.
///
/// Documents an employee files for themselves (leave, expense claims, attendance corrections)
/// go to their direct manager, as DingTalk's built-in 请假/报销/补卡 approvals do; business
/// documents (a sales order) need nothing until the company asks for it. The gate makes the
/// default flow the first time it is needed, as a flow of the company's like any other: shown in
/// the designer and editable there. It is made once: a company that has a flow for the subject
/// (archived or not) keeps its own.
public enum DefaultApprovalFlow: Sendable {
    /// No approval until the company designs a flow: the transition completes at once.
    case none
    /// One step: the requester's direct manager (no manager: the company's administrators, as
    /// for every flow). `name` is the flow's name in the designer.
    case directManager(name: MessageCatalog.Entry)
}

/// Gate used when no approvals module is installed: nothing needs approval.
public struct NoApprovalGate: ApprovalGate {
    public init() {}
    public func requiresApproval(subject: String, tenantID: UUID, on db: any Database) async throws -> Bool { false }
    public func requestApproval(_ request: ApprovalRequest, context: AuditContext, on db: any Database) async throws -> UUID? { nil }
    public func documentChanged(subject: String, documentID: UUID, context: AuditContext, on db: any Database) async throws -> Bool { false }
    public func status(subject: String, documentID: UUID, tenantID: UUID, on db: any Database) async throws -> (id: UUID, state: String)? { nil }
    public func documentCancelled(subject: String, documentID: UUID, reason: String, context: AuditContext,
                                  on db: any Database) async throws -> Bool { false }
}

/// The outcome handlers modules registered at boot, by subject.
public final class ApprovalOutcomeHandlers: Sendable {
    private let handlers = Mutex<[String: any ApprovalOutcomeHandler]>([:])
    public init() {}
    public func register(_ handler: any ApprovalOutcomeHandler) { handlers.withLock { $0[handler.subject] = handler } }
    public func handler(for subject: String) -> (any ApprovalOutcomeHandler)? { handlers.withLock { $0[subject] } }
}

extension Application {
    private struct GateKey: StorageKey { typealias Value = any ApprovalGate }
    private struct HandlersKey: StorageKey { typealias Value = ApprovalOutcomeHandlers }

    /// The approval gate; the Approvals module installs the engine at configure time.
    public var approvalGate: any ApprovalGate {
        get { storage[GateKey.self] ?? NoApprovalGate() }
        set { storage[GateKey.self] = newValue }
    }

    /// Where modules register what happens to their documents when a flow ends.
    public var approvalOutcomes: ApprovalOutcomeHandlers {
        if let existing = storage[HandlersKey.self] { return existing }
        let made = ApprovalOutcomeHandlers()
        storage[HandlersKey.self] = made
        return made
    }
}
