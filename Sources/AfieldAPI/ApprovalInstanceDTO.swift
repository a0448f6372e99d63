import Foundation

/// States of an approval instance (审批单).
/// - `pending`: under way; `returned`: sent back to the requester to change and resubmit;
/// - `approved`, `rejected`, `withdrawn` (by the requester), `voided` (the document changed
///   after approval, or was resubmitted: a new round starts).
public enum ApprovalState: String, Codable, Sendable, CaseIterable {
    case pending, returned, approved, rejected, withdrawn, voided
}

/// States of a step (one node of the flow, as reached in this instance).
public enum ApprovalStepState: String, Codable, Sendable, CaseIterable {
    case waiting, active, approved, rejected, skipped, returned, cancelled
}

/// States of one person's task.
/// - `waiting`: a later person of a sequential node; `open`: theirs to decide;
/// - `approved`, `rejected`, `returned`: what they decided;
/// - `closed`: decided by someone else (或签) or the flow ended; `transferred`; `cancelled`;
/// - `unread`, `read`: a CC.
public enum ApprovalTaskState: String, Codable, Sendable, CaseIterable {
    case waiting, open, approved, rejected, returned, closed, transferred, cancelled, unread, read
}

/// One person's part in a step.
public struct ApprovalTaskDTO: Codable, Sendable {
    public var id: UUID
    public var stepId: UUID
    public var assignee: PersonRef
    /// When a delegate holds the task: the person it was meant for (代理审批).
    public var onBehalfOf: PersonRef?
    public var state: ApprovalTaskState
    public var comment: String?
    public var decidedAt: Date?
    /// For `closed`: who decided instead (或签: "decided by F1").
    public var decidedBy: PersonRef?
    public init(id: UUID, stepId: UUID, assignee: PersonRef, onBehalfOf: PersonRef?, state: ApprovalTaskState, comment: String?, decidedAt: Date?, decidedBy: PersonRef?) {
        self.id = id
        self.stepId = stepId
        self.assignee = assignee
        self.onBehalfOf = onBehalfOf
        self.state = state
        self.comment = comment
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
    }
}

/// One node as reached by an instance, in order.
public struct ApprovalStepDTO: Codable, Sendable {
    public var id: UUID
    public var nodeId: String
    public var name: String
    public var type: FlowNodeType
    public var mode: ApprovalMode
    public var state: ApprovalStepState
    public var round: Int
    public var tasks: [ApprovalTaskDTO]
    public init(id: UUID, nodeId: String, name: String, type: FlowNodeType, mode: ApprovalMode, state: ApprovalStepState, round: Int, tasks: [ApprovalTaskDTO]) {
        self.id = id
        self.nodeId = nodeId
        self.name = name
        self.type = type
        self.mode = mode
        self.state = state
        self.round = round
        self.tasks = tasks
    }
}

/// One line of an instance's timeline: who did what, when, on whose behalf.
///
/// `action`: `submit`, `approve`, `reject`, `return`, `resubmit`, `transfer`, `addSigner`,
/// `withdraw`, `urge`, `comment`, `cc`, `autoApprove`, `skip`, `reassign`, `remind`, `timeout`,
/// `void`, `complete`. `text` is a localised sentence for the action's details.
public struct ApprovalEventDTO: Codable, Sendable {
    public var id: UUID
    public var at: Date
    public var actor: PersonRef?
    public var onBehalfOf: PersonRef?
    public var action: String
    public var stepName: String?
    public var comment: String?
    public var attachments: [UUID]
    public var text: String?
    public var round: Int
    public init(id: UUID, at: Date, actor: PersonRef?, onBehalfOf: PersonRef?, action: String, stepName: String?, comment: String?, attachments: [UUID], text: String?, round: Int) {
        self.id = id
        self.at = at
        self.actor = actor
        self.onBehalfOf = onBehalfOf
        self.action = action
        self.stepName = stepName
        self.comment = comment
        self.attachments = attachments
        self.text = text
        self.round = round
    }
}

/// One line of an instance's card summary (摘要): a label and its value as text in the
/// reader's language (`Amount` · `$2,400.00`).
public struct ApprovalSummaryPair: Codable, Sendable, Equatable {
    public var label: String
    public var value: String
    public init(label: String, value: String) {
        self.label = label
        self.value = value
    }
}

/// An instance in the inbox lists.
public struct ApprovalSummaryDTO: Codable, Sendable {
    public var id: UUID
    /// `AP-2026-00042`, per company and year.
    public var number: String
    public var title: String
    /// `form.<formId>` or a document kind such as `sales.order`.
    public var subject: String
    public var documentId: UUID?
    public var requester: PersonRef
    public var state: ApprovalState
    /// Names of the active step and who holds it, for "waiting for Steven".
    public var currentStep: String?
    public var waitingFor: [PersonRef]
    /// The caller's open (or, for CC, unread) task, if any.
    public var myTaskId: UUID?
    public var submittedAt: Date
    public var decidedAt: Date?
    /// Up to three facts of the request for its card: the form's summary fields (or its first
    /// amount, dates, choices and short texts), or what the document's module chose (a sales
    /// order's number, customer and total).
    public var summary: [ApprovalSummaryPair]
    public init(id: UUID, number: String, title: String, subject: String, documentId: UUID?, requester: PersonRef, state: ApprovalState,
                currentStep: String?, waitingFor: [PersonRef], myTaskId: UUID?, submittedAt: Date, decidedAt: Date?,
                summary: [ApprovalSummaryPair] = []) {
        self.summary = summary
        self.id = id
        self.number = number
        self.title = title
        self.subject = subject
        self.documentId = documentId
        self.requester = requester
        self.state = state
        self.currentStep = currentStep
        self.waitingFor = waitingFor
        self.myTaskId = myTaskId
        self.submittedAt = submittedAt
        self.decidedAt = decidedAt
    }
}

/// `GET /api/v1/approvals/instances/{id}`: the whole instance for its detail page.
public struct ApprovalInstanceDTO: Codable, Sendable {
    public var summary: ApprovalSummaryDTO
    public var formId: UUID?
    /// Form values as submitted (normalised, computed fields included); nil for documents.
    public var values: [String: FormValue]?
    /// Document facts the conditions saw (`amount` etc.), as text.
    public var facts: [String: String]
    public var flowVersion: Int
    public var round: Int
    public var steps: [ApprovalStepDTO]
    public var timeline: [ApprovalEventDTO]
    /// What the caller may do now: `approve`, `reject`, `return`, `transfer`, `addSigner`
    /// (on `myTaskId`), `withdraw`, `urge`, `resubmit`, `comment`, `cc`.
    public var actions: [String]
    /// The caller's approval must name who approves next (`nextApprovers`): the next node is
    /// "chosen by the previous approver".
    public var choosesNextApprovers: Bool
    public var version: Int
    public init(summary: ApprovalSummaryDTO, formId: UUID?, values: [String: FormValue]?, facts: [String: String], flowVersion: Int, round: Int,
                steps: [ApprovalStepDTO], timeline: [ApprovalEventDTO], actions: [String], choosesNextApprovers: Bool = false, version: Int) {
        self.choosesNextApprovers = choosesNextApprovers
        self.summary = summary
        self.formId = formId
        self.values = values
        self.facts = facts
        self.flowVersion = flowVersion
        self.round = round
        self.steps = steps
        self.timeline = timeline
        self.actions = actions
        self.version = version
    }
}

/// Counts for the inbox tabs: 待我审批 `todo`, 我已审批 `done`, 我发起的 `mine`, 抄送我的
/// `cc` (unread ones).
public struct ApprovalInboxCounts: Codable, Sendable, Equatable {
    public var todo: Int
    public var done: Int
    public var mine: Int
    public var ccUnread: Int
    public init(todo: Int, done: Int, mine: Int, ccUnread: Int) {
        self.todo = todo
        self.done = done
        self.mine = mine
        self.ccUnread = ccUnread
    }
}

/// `POST /api/v1/approvals/instances`: submit a custom form.
public struct ApprovalSubmitRequest: Codable, Sendable {
    public var formId: UUID
    public var values: [String: FormValue]
    /// For `requesterChoice` nodes: node id → chosen users, in order.
    public var chosenApprovers: [String: [UUID]]?
    public init(formId: UUID, values: [String: FormValue], chosenApprovers: [String: [UUID]]? = nil) {
        self.formId = formId
        self.values = values
        self.chosenApprovers = chosenApprovers
    }
}

/// `PATCH /api/v1/approvals/instances/{id}` (requester, with `version`): change the form's
/// values. A pending or approved instance is voided and a new round starts from the first
/// node (case P-04); a returned one resumes at the node that returned it.
public struct ApprovalEditRequest: Codable, Sendable {
    public var values: [String: FormValue]
    public var chosenApprovers: [String: [UUID]]?
    public var version: Int
    public init(values: [String: FormValue], chosenApprovers: [String: [UUID]]? = nil, version: Int) {
        self.values = values
        self.chosenApprovers = chosenApprovers
        self.version = version
    }
}

/// Body of the task actions `approve`, `reject` and of `comment`.
public struct ApprovalDecisionRequest: Codable, Sendable {
    public var comment: String?
    /// File ids (`POST /api/v1/files`).
    public var attachments: [UUID]?
    /// `approve` only, when the next node is `previousApproverChoice`.
    public var nextApprovers: [UUID]?
    public init(comment: String? = nil, attachments: [UUID]? = nil, nextApprovers: [UUID]? = nil) {
        self.comment = comment
        self.attachments = attachments
        self.nextApprovers = nextApprovers
    }
}

/// `POST /api/v1/approvals/tasks/{id}/return`: back to an earlier step (its `nodeId`), or to
/// the requester when nil, who changes and resubmits; the flow then resumes at the returning step.
public struct ApprovalReturnRequest: Codable, Sendable {
    public var toNodeId: String?
    public var comment: String?
    public init(toNodeId: String? = nil, comment: String? = nil) {
        self.toNodeId = toNodeId
        self.comment = comment
    }
}

/// `POST /api/v1/approvals/tasks/{id}/transfer`.
public struct ApprovalTransferRequest: Codable, Sendable {
    public var to: UUID
    public var comment: String?
    public init(to: UUID, comment: String? = nil) {
        self.to = to
        self.comment = comment
    }
}

/// Where added signers (加签) go: `before` the caller (they decide first, then the caller
/// again), `after` the caller's step, or `alongside` in the caller's step.
public enum AddSignerPosition: String, Codable, Sendable, CaseIterable { case before, after, alongside }

/// `POST /api/v1/approvals/tasks/{id}/add-signer`.
public struct ApprovalAddSignerRequest: Codable, Sendable {
    public var users: [UUID]
    public var position: AddSignerPosition
    public var comment: String?
    public init(users: [UUID], position: AddSignerPosition, comment: String? = nil) {
        self.users = users
        self.position = position
        self.comment = comment
    }
}

/// `POST /api/v1/approvals/instances/{id}/cc`: copy more people in (ad-hoc 抄送).
public struct ApprovalCCRequest: Codable, Sendable {
    public var users: [UUID]
    public init(users: [UUID]) { self.users = users }
}

/// `POST /api/v1/approvals/tasks/batch-approve`.
public struct ApprovalBatchRequest: Codable, Sendable {
    public var taskIds: [UUID]
    public var comment: String?
    public init(taskIds: [UUID], comment: String? = nil) {
        self.taskIds = taskIds
        self.comment = comment
    }
}

/// Per task: `ok`, or the error code that stopped it (`approvals.task.already_decided`, …).
public struct ApprovalBatchResult: Codable, Sendable {
    public var taskId: UUID
    public var status: Int
    public var code: String?
    public init(taskId: UUID, status: Int, code: String?) {
        self.taskId = taskId
        self.status = status
        self.code = code
    }
}

/// A delegation while away (代理审批): tasks meant for `userId` go to `delegateId` between
/// the two days (inclusive, in the company's time zone), recorded as "on behalf of".
public struct ApprovalDelegationDTO: Codable, Sendable {
    public var id: UUID?
    public var user: PersonRef?
    public var userId: UUID
    public var delegateId: UUID
    public var delegate: PersonRef?
    public var startsOn: String
    public var endsOn: String
    public init(id: UUID? = nil, user: PersonRef? = nil, userId: UUID, delegateId: UUID, delegate: PersonRef? = nil, startsOn: String, endsOn: String) {
        self.id = id
        self.user = user
        self.userId = userId
        self.delegateId = delegateId
        self.delegate = delegate
        self.startsOn = startsOn
        self.endsOn = endsOn
    }
}

/// Company settings of approvals: the approval administrator receives nodes that find
/// nobody (when the node says so) and escalations with no manager.
public struct ApprovalSettingsDTO: Codable, Sendable {
    public var administratorId: UUID?
    /// Minutes between two urges of one instance (1–1440, default 30).
    public var urgeIntervalMinutes: Int
    /// The amount (decimal text in the company currency, e.g. `"5000.00"`) above which the
    /// default flows of the built-in forms ask the department head after the manager. Starts at
    /// a round amount of the currency (5,000.00 CNY, 1,000.00 USD/EUR/GBP, 100,000 JPY, …);
    /// default flows nobody changed follow it. Not sent: unchanged.
    public var departmentHeadAbove: String?
    /// What a node that sets no rule does when the same person approved the node just before:
    /// `approveOnce` for new companies. Not sent: unchanged.
    public var sameApprover: SameApproverRule?
    public init(administratorId: UUID?, urgeIntervalMinutes: Int, departmentHeadAbove: String? = nil, sameApprover: SameApproverRule? = nil) {
        self.administratorId = administratorId
        self.urgeIntervalMinutes = urgeIntervalMinutes
        self.departmentHeadAbove = departmentHeadAbove
        self.sameApprover = sameApprover
    }
}
