import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// The approval inbox (`GET /api/v1/approvals/instances?box=…`) on the shared list mechanism
/// (issue 9 point 1): newest first; sort by number, title, requester, state, submitted or
/// decided; filter by each, by `q` (title, number or requester contains) and by the box.
///
/// The box is the list's data scope and is always applied (no box is `todo`): a reader sees
/// only instances they take part in — their open tasks (待我审批), their decided tasks (我已审批),
/// their own requests (我发起的) or copies to them (抄送我的) — in the page, the count, the
/// export and a background export alike (``InboxQuery/boxCondition(_:tenantID:viewer:table:)``).
/// `approvals.instance.read_all` opens single instances, not this list, as before.
enum InboxList {
    private struct Row: Decodable {
        let id: UUID
        let number: String
        let title: String
        let subject: String
        let requesterId: UUID
        let requesterName: String
        let state: String
    }

    static let table = ApprovalInstance.schema
    static let boxes = ["todo", "done", "mine", "cc"]

    /// `box`: `todo` (default), `done`, `mine` or `cc`, for the reader.
    static let boxFilter = ListExtraFilter(.oneOf("box", boxes)) { value, table in
        let box = value ?? "todo"
        guard boxes.contains(box) else { throw DomainError.invalid([.init("box", "approvals.box_invalid")]) }
        return { reader in InboxQuery.boxCondition(box, tenantID: reader.tenantID, viewer: reader.userID, table: table) }
    }

    /// `q`: the title, the number or the requester's name contains the text.
    static let searchFilter = ListExtraFilter("q") { value, table in
        guard let value else { return nil }
        let parts = ["title", "number", "requester_name"].map { SQLContains.condition(table: table, column: $0, text: value) }
        return "(\(parts[0]) OR \(parts[1]) OR \(parts[2]))"
    }

    static let definition = ListDefinition<ApprovalSummaryDTO>(
        key: "approvals.inbox", table: table, fileName: "approvals",
        columns: [
            ListColumn("title", header: "approvals.list.title", kind: .text, expression: "approval_instances.title") { .text($0.title) },
            ListColumn("number", header: "approvals.list.number", kind: .text, expression: "approval_instances.number") { .text($0.number) },
            ListColumn("requesterName", header: "approvals.list.requester", kind: .text, expression: "approval_instances.requester_name") {
                .text($0.requester.name)
            },
            ListColumn("state", header: "approvals.list.state", kind: .enumeration, expression: "approval_instances.state",
                       values: ApprovalState.allCases.map(\.rawValue), valueLabels: "approvals.list.state.") { .text($0.state.rawValue) },
            ListColumn("currentStep", header: "approvals.list.current_step", kind: .text) { .of($0.currentStep) },
            ListColumn("summary", header: "approvals.list.summary", kind: .text) { item in
                item.summary.isEmpty ? .empty : .text(item.summary.map { "\($0.label): \($0.value)" }.joined(separator: "; "))
            },
            ListColumn("submittedAt", header: "approvals.list.submitted_at", kind: .instant, expression: "approval_instances.submitted_at") {
                .instant($0.submittedAt)
            },
            ListColumn("decidedAt", header: "approvals.list.decided_at", kind: .instant, expression: "approval_instances.decided_at") {
                $0.decidedAt.map(ListCell.instant) ?? .empty
            },
        ],
        defaultColumns: ["title", "summary", "requesterName", "state", "currentStep", "submittedAt"],
        defaultSort: [ListSort("submittedAt", descending: true)],
        extraFilters: [boxFilter, searchFilter],
        bulkActions: [approve],
        select: { query in
            query.column(SQLColumn("id", table: table)).column("number").column("title").column("subject")
                .column(SQLAlias(SQLColumn("requester_id"), as: SQLIdentifier("requesterId")))
                .column(SQLAlias(SQLColumn("requester_name"), as: SQLIdentifier("requesterName")))
                .column("state")
        },
        decode: { row in
            // The row's identity; `finish` completes it as every inbox card is (steps, my task, summary).
            let r = try row.decode(model: Row.self, keyDecodingStrategy: .useDefaultKeys)
            return ApprovalSummaryDTO(id: r.id, number: r.number, title: r.title, subject: r.subject, documentId: nil,
                                      requester: PersonRef(id: r.requesterId, name: r.requesterName), state: ApprovalState(rawValue: r.state) ?? .pending,
                                      currentStep: nil, waitingFor: [], myTaskId: nil, submittedAt: Date(timeIntervalSince1970: 0), decidedAt: nil)
        },
        finish: { items, context in
            let ids = items.map(\.id)
            let rows = try await ApprovalInstance.query(on: context.db).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ ids).all()
            let byID = Dictionary(uniqueKeysWithValues: rows.compactMap { i in i.id.map { ($0, i) } })
            let views = InstanceViews(db: context.db, viewer: context.userID, catalog: context.catalog, language: context.language)
            return try await views.summaries(ids.compactMap { byID[$0] })
        })

    /// Approve (同意) the selected requests: for each, the reader's own task on it, decided by the
    /// engine exactly as `POST /approvals/tasks/{id}/approve` without a comment (holder or delegate
    /// only, 409 when decided already, 422 when the next step needs the approver's choice).
    static let approve = ListBulkAction("approve", label: "approvals.bulk.approve", permission: ApprovalsModule.inboxAct) { context, id, _ in
        let mine = try await ApprovalTask.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$instanceID == id)
            .filter(\.$assigneeID == context.actor.userID).filter(\.$kind != FlowNodeType.cc.rawValue).all()
        // The open task if there is one; else a decided one, so the engine says "already decided".
        guard let task = mine.first(where: { $0.state == ApprovalTaskState.open.rawValue }) ?? mine.first else {
            throw DomainError.notFound("approval_task")
        }
        let taskID = try task.requireID()
        _ = try await context.approvals { engine in
            try await engine.decide(taskID, approve: true, comment: nil, attachments: [], nextApprovers: nil).requireID()
        }
    }

    static let messages: [String: MessageCatalog.Entry] = [
        "approvals.list.title": .init(en: "Request", zhCN: "审批"),
        "approvals.list.number": .init(en: "Number", zhCN: "编号"),
        "approvals.list.requester": .init(en: "Requester", zhCN: "发起人"),
        "approvals.list.state": .init(en: "State", zhCN: "状态"),
        "approvals.list.current_step": .init(en: "Current step", zhCN: "当前节点"),
        "approvals.list.summary": .init(en: "Summary", zhCN: "摘要"),
        "approvals.list.submitted_at": .init(en: "Submitted", zhCN: "提交时间"),
        "approvals.list.decided_at": .init(en: "Decided", zhCN: "完成时间"),
        "approvals.list.state.pending": .init(en: "Pending", zhCN: "审批中"),
        "approvals.list.state.returned": .init(en: "Returned", zhCN: "已退回"),
        "approvals.list.state.approved": .init(en: "Approved", zhCN: "已通过"),
        "approvals.list.state.rejected": .init(en: "Rejected", zhCN: "已拒绝"),
        "approvals.list.state.withdrawn": .init(en: "Withdrawn", zhCN: "已撤回"),
        "approvals.list.state.voided": .init(en: "Voided", zhCN: "已作废"),
        "approvals.bulk.approve": .init(en: "Approve", zhCN: "同意"),
    ]
}
