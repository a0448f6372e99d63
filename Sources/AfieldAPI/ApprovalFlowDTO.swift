import Foundation

/// An approval flow's definition: a vertical list of nodes, like DingTalk's designer
/// (审批流程设计). Condition nodes hold branches, each with its own node list. Stored as one
/// immutable version per save; running instances keep the version they started with.
public struct FlowDefinition: Codable, Sendable, Equatable {
    public var nodes: [FlowNode]
    public init(nodes: [FlowNode]) { self.nodes = nodes }
}

/// What a node does.
/// - `approver`: approve or reject (审批人).
/// - `handler`: does the work and marks it done (办理人); may also return or reject.
/// - `cc`: informs people when the flow reaches it, never waits (抄送人).
/// - `condition`: a condition group; exactly one branch is taken.
/// - `end`: the flow ends here, approved.
public enum FlowNodeType: String, Codable, Sendable, CaseIterable {
    case approver, handler, cc, condition, end
}

/// How the people of one approver node decide.
/// - `sequential` (依次审批): one after another, in order.
/// - `all` (会签): everyone (or `minimum`) must approve; one rejection rejects.
/// - `any` (或签): the first decision of anyone decides.
public enum ApprovalMode: String, Codable, Sendable, CaseIterable {
    case sequential, all, any
}

/// One node of a flow. `id` is unique within the definition (`[A-Za-z0-9_-]{1,40}`) and
/// stays stable across versions, so returns and previews can name it.
public struct FlowNode: Codable, Sendable, Equatable {
    public var id: String
    public var type: FlowNodeType
    public var name: String?
    /// For `approver`, `handler`, `cc`: who. Several rules add up, in order, duplicates removed.
    public var approvers: [ApproverRule]?
    /// For `approver` and `handler`; default `any` for one person, else `sequential`.
    public var mode: ApprovalMode?
    /// For `all` (会签): approvals needed when not everyone must approve.
    public var minimum: MinimumApprovals?
    public var rules: NodeRules?
    public var timeout: NodeTimeout?
    /// For `condition`: the branches, at least two, exactly one of them default.
    public var branches: [FlowBranch]?

    public init(id: String, type: FlowNodeType, name: String? = nil, approvers: [ApproverRule]? = nil, mode: ApprovalMode? = nil,
                minimum: MinimumApprovals? = nil, rules: NodeRules? = nil, timeout: NodeTimeout? = nil, branches: [FlowBranch]? = nil) {
        self.id = id
        self.type = type
        self.name = name
        self.approvers = approvers
        self.mode = mode
        self.minimum = minimum
        self.rules = rules
        self.timeout = timeout
        self.branches = branches
    }
}

/// 会签 with a quorum: either `count` people or `percent` (1–100, rounded up) of the node's people.
public struct MinimumApprovals: Codable, Sendable, Equatable {
    public var count: Int?
    public var percent: Int?
    public init(count: Int? = nil, percent: Int? = nil) {
        self.count = count
        self.percent = percent
    }
}

/// Who approves: the approver kinds of DingTalk and Feishu.
public enum ApproverKind: String, Codable, Sendable, CaseIterable {
    /// `userIds`, in order.
    case users
    /// Holders of the role `roleKey`; `roleScope` says where to look.
    case role
    /// The requester's `level`-th manager (reports-to chain): bottom-up from the direct manager
    /// (level 1), or top-down (`fromTop`) from the top of the chain (level 1).
    case manager
    /// Head of the requester's department (`level` 1), of its parent (2), and so on.
    case departmentHead
    /// Managers from the direct one up to `level`, or to the top when `level` is nil (逐级审批).
    case managerChain
    /// Chosen by the requester at submission (发起人自选).
    case requesterChoice
    /// The requester themself (e.g. to confirm receipt).
    case requester
    /// The user (or users) in form field `field`.
    case formField
    /// Chosen by the approver of the previous node when approving (上一节点审批人指定).
    case previousApproverChoice
}

/// Where `role` approvers are looked for.
/// - `company`: every holder of the role.
/// - `requesterDepartment`: holders in the requester's department, else its parent, and so
///   on up (the nearest department that has holders) — "the role within the requester's
///   department scope".
public enum RoleScopeRule: String, Codable, Sendable, CaseIterable {
    case company, requesterDepartment
}

public struct ApproverRule: Codable, Sendable, Equatable {
    public var kind: ApproverKind
    public var userIds: [UUID]?
    public var roleKey: String?
    public var roleScope: RoleScopeRule?
    /// `manager`, `departmentHead`: 1-based; `managerChain`: the last level (nil = top).
    public var level: Int?
    /// `manager`: count levels from the top of the chain instead of from the requester.
    public var fromTop: Bool?
    /// `formField`: the key of a user field of the form.
    public var field: String?

    public init(kind: ApproverKind, userIds: [UUID]? = nil, roleKey: String? = nil, roleScope: RoleScopeRule? = nil,
                level: Int? = nil, fromTop: Bool? = nil, field: String? = nil) {
        self.kind = kind
        self.userIds = userIds
        self.roleKey = roleKey
        self.roleScope = roleScope
        self.level = level
        self.fromTop = fromTop
        self.field = field
    }
}

/// What happens when a node finds nobody.
public enum NoApproverRule: String, Codable, Sendable, CaseIterable { case autoApprove, skip, administrator }
/// What happens when the requester is among a node's approvers.
/// - `nextManager` (default): the requester's manager approves instead (case P-08).
/// - `autoApprove`: the requester's part counts as approved.
/// - `allow`: the requester approves their own request — the only way they ever can (P-01).
public enum RequesterIsApproverRule: String, Codable, Sendable, CaseIterable { case nextManager, autoApprove, allow }
/// When someone approved the node just before, and is asked again here.
/// - `approveOnce`: their earlier approval counts here too (case P-03).
/// - `approveAgain`: they are asked again.
/// A node that sets none follows the company's setting (``ApprovalSettingsDTO/sameApprover``,
/// `approveOnce` for new companies).
public enum SameApproverRule: String, Codable, Sendable, CaseIterable { case approveOnce, approveAgain }

/// Special rules of one node (DingTalk 审批人设置 → 高级设置). Defaults: `administrator`,
/// `nextManager`, and the company's "same approver" setting.
public struct NodeRules: Codable, Sendable, Equatable {
    public var noApprover: NoApproverRule?
    public var requesterIsApprover: RequesterIsApproverRule?
    public var sameApprover: SameApproverRule?
    public init(noApprover: NoApproverRule? = nil, requesterIsApprover: RequesterIsApproverRule? = nil, sameApprover: SameApproverRule? = nil) {
        self.noApprover = noApprover
        self.requesterIsApprover = requesterIsApprover
        self.sameApprover = sameApprover
    }
}

/// What a timed-out task does after `actAfterHours`.
public enum TimeoutAction: String, Codable, Sendable, CaseIterable {
    /// Transfer to the approver's manager (else the approval administrator).
    case escalate
    case approve, reject
}

/// Reminders and timeouts of a node's open tasks, in hours from when a task opened (1–720).
public struct NodeTimeout: Codable, Sendable, Equatable {
    public var remindAfterHours: Int?
    public var actAfterHours: Int?
    public var action: TimeoutAction?
    public init(remindAfterHours: Int? = nil, actAfterHours: Int? = nil, action: TimeoutAction? = nil) {
        self.remindAfterHours = remindAfterHours
        self.actAfterHours = actAfterHours
        self.action = action
    }
}

/// One branch of a condition node. Non-default branches are tried by ascending `priority`
/// (1 first); all their conditions must hold. The default branch is taken when none matched.
public struct FlowBranch: Codable, Sendable, Equatable {
    public var id: String
    public var name: String?
    public var priority: Int
    public var isDefault: Bool
    public var conditions: [FlowCondition]
    public var nodes: [FlowNode]
    public init(id: String, name: String? = nil, priority: Int, isDefault: Bool = false, conditions: [FlowCondition] = [], nodes: [FlowNode]) {
        self.id = id
        self.name = name
        self.priority = priority
        self.isDefault = isDefault
        self.conditions = conditions
        self.nodes = nodes
    }
}

/// A comparison on what is being approved.
///
/// `subject`:
/// - `requester`: the requester's user id (`eq`, `ne`, `in`, `notIn`);
/// - `department`: the requester's department or any below it (`in`, `notIn`, `eq`);
/// - `field.<key>`: a form field or a document fact (`amount`); numbers and money compare as
///   exact decimals, dates as `YYYY-MM-DD`, options by value;
/// - `sum(<table>.<column>)`: the sum of a detail table's column.
///
/// `values`: one for `eq`…`ge`, several for `in`/`notIn`, two (low, high, inclusive) for `between`.
public struct FlowCondition: Codable, Sendable, Equatable {
    public var subject: String
    public var op: ConditionOperator
    public var values: [String]
    public init(subject: String, op: ConditionOperator, values: [String]) {
        self.subject = subject
        self.op = op
        self.values = values
    }
}

public enum ConditionOperator: String, Codable, Sendable, CaseIterable {
    case eq, ne, lt, le, gt, ge, `in`, notIn, between
}

/// An approval flow (`GET /api/v1/approvals/flows/{id}`): what it approves and its current version.
///
/// `subject` is `form.<formId>` for a custom form, or a document kind that a module gates
/// (`sales.order`).
public struct ApprovalFlowDTO: Codable, Sendable {
    public var id: UUID
    public var subject: String
    public var name: String
    /// 1 for the first save; each save makes the next.
    public var currentVersion: Int
    public var definition: FlowDefinition
    public var archived: Bool
    /// Row version for optimistic concurrency.
    public var version: Int
    public var updatedAt: Date?
    public init(id: UUID, subject: String, name: String, currentVersion: Int, definition: FlowDefinition, archived: Bool, version: Int, updatedAt: Date?) {
        self.id = id
        self.subject = subject
        self.name = name
        self.currentVersion = currentVersion
        self.definition = definition
        self.archived = archived
        self.version = version
        self.updatedAt = updatedAt
    }
}

/// `POST /api/v1/approvals/flows` and `PUT /api/v1/approvals/flows/{id}` (with `version`).
/// A save with an invalid definition is 422 with one error per problem, `field` a path such
/// as `nodes[2].branches[1].conditions[0].values`.
public struct FlowSaveRequest: Codable, Sendable {
    public var subject: String?
    public var name: String
    public var definition: FlowDefinition
    public var version: Int?
    public init(subject: String? = nil, name: String, definition: FlowDefinition, version: Int? = nil) {
        self.subject = subject
        self.name = name
        self.definition = definition
        self.version = version
    }
}

/// `POST /api/v1/approvals/flows/preview`: who would approve if `requesterId` submitted
/// `values` (form field values or document facts such as `amount`). Nothing is stored.
public struct FlowPreviewRequest: Codable, Sendable {
    public var definition: FlowDefinition
    public var requesterId: UUID
    public var values: [String: String]
    public init(definition: FlowDefinition, requesterId: UUID, values: [String: String]) {
        self.definition = definition
        self.requesterId = requesterId
        self.values = values
    }
}

/// A person in answers: id and display name.
public struct PersonRef: Codable, Sendable, Equatable, Hashable {
    public var id: UUID
    public var name: String
    public init(id: UUID, name: String) {
        self.id = id
        self.name = name
    }
}

/// The route a submission would take: the branches taken and the steps in order.
public struct FlowPreview: Codable, Sendable {
    public var branches: [String]
    public var steps: [PreviewStep]
    public init(branches: [String], steps: [PreviewStep]) {
        self.branches = branches
        self.steps = steps
    }
}

public struct PreviewStep: Codable, Sendable {
    public var nodeId: String
    public var name: String
    public var type: FlowNodeType
    public var mode: ApprovalMode
    public var assignees: [PersonRef]
    /// Why the step has no one or someone else: `autoApproved.noApprover`, `skipped.noApprover`,
    /// `administrator.noApprover`, `autoApproved.requester`, `nextManager.requester`,
    /// `chosenLater` (requester's or previous approver's choice).
    public var note: String?
    public init(nodeId: String, name: String, type: FlowNodeType, mode: ApprovalMode, assignees: [PersonRef], note: String? = nil) {
        self.nodeId = nodeId
        self.name = name
        self.type = type
        self.mode = mode
        self.assignees = assignees
        self.note = note
    }
}
