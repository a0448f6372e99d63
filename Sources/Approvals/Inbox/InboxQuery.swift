import AfieldAPI
import Fluent
import Foundation
import Platform

/// The four inbox boxes of one user (DingTalk's 待我审批 / 我已审批 / 我发起的 / 抄送我的).
struct InboxQuery {
    let db: any Database
    let tenantID: UUID
    let viewer: UUID

    static let decidedStates = [ApprovalTaskState.approved, .rejected, .returned, .transferred].map(\.rawValue)

    /// Instance ids of a box, or nil for `mine` (filtered by requester instead).
    private func ids(box: String) async throws -> [UUID]? {
        let tasks = ApprovalTask.query(on: db).filter(\.$tenantID == tenantID).filter(\.$assigneeID == viewer)
        switch box {
        case "todo": return try await tasks.filter(\.$state == ApprovalTaskState.open.rawValue).all(\.$instanceID)
        case "done": return try await tasks.filter(\.$state ~~ Self.decidedStates).all(\.$instanceID)
        case "cc": return try await tasks.filter(\.$kind == FlowNodeType.cc.rawValue).all(\.$instanceID)
        default: return nil
        }
    }

    func page(box: String, text: String?, state: ApprovalState?, page: Platform.PageRequest) async throws -> (items: [ApprovalInstance], total: Int) {
        var query = ApprovalInstance.query(on: db).filter(\.$tenantID == tenantID)
        if let ids = try await ids(box: box) {
            guard !ids.isEmpty else { return ([], 0) }
            query = query.filter(\.$id ~~ Set(ids))
        } else {
            query = query.filter(\.$requesterID == viewer)
        }
        if box == "todo" { query = query.filter(\.$state == ApprovalState.pending.rawValue) }
        if let state { query = query.filter(\.$state == state.rawValue) }
        if let text {
            query = query.group(.or) { $0.filter("title", containsLiteral: text).filter("number", containsLiteral: text).filter("requester_name", containsLiteral: text) }
        }
        let total = try await query.count()
        let items = try await query.sort(\.$submittedAt, .descending).sort(\.$id).range(page.range).all()
        return (items, total)
    }

    func counts() async throws -> ApprovalInboxCounts {
        let tasks = ApprovalTask.query(on: db).filter(\.$tenantID == tenantID).filter(\.$assigneeID == viewer)
        let todo = try await tasks.copy().filter(\.$state == ApprovalTaskState.open.rawValue).count()
        let done = Set(try await tasks.copy().filter(\.$state ~~ Self.decidedStates).all(\.$instanceID)).count
        let mine = try await ApprovalInstance.query(on: db).filter(\.$tenantID == tenantID).filter(\.$requesterID == viewer).count()
        let cc = try await tasks.copy().filter(\.$state == ApprovalTaskState.unread.rawValue).count()
        return ApprovalInboxCounts(todo: todo, done: done, mine: mine, ccUnread: cc)
    }
}
