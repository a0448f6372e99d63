import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// The default flows modules declare for their documents (``Platform/DefaultApprovalFlow``),
/// made the first time a company needs one.
enum DocumentDefaultFlows {
    /// The flow a declared default stands for.
    static func definition(_ declared: DefaultApprovalFlow, language: AppLanguage) -> FlowDefinition? {
        switch declared {
        case .none: return nil
        case .directManager:
            return FlowDefinition(nodes: [FlowNode(id: "manager", type: .approver, name: language == .zhCN ? "直属主管" : "Direct manager",
                                                   approvers: [ApproverRule(kind: .manager, level: 1)])])
        }
    }

    /// Makes `subject`'s default flow in the company unless it has a flow for it (active or
    /// archived); returns whether it made one. Two transactions making it at once make one: the
    /// insert gives way on the `(tenant_id, subject)` key, and the loser reads the winner's.
    /// Call in a write transaction.
    static func install(subject: String, declared: DefaultApprovalFlow, tenantID: UUID, language: AppLanguage, now: Date,
                        on db: any Database) async throws -> Bool {
        guard case .directManager(let name) = declared, let definition = definition(declared, language: language),
              let sql = db as? any SQLDatabase else { return false }
        let flowID = UUID()
        let versionID = UUID()
        let made = try await sql.insert(into: ApprovalFlow.schema)
            .columns("id", "tenant_id", "subject", "name", "current_version_id", "current_number", "archived", "created_at", "updated_at", "version")
            .values(SQLBind(flowID), SQLBind(tenantID), SQLBind(subject), SQLBind(language == .zhCN ? name.zhCN : name.en), SQLBind(versionID),
                    SQLBind(1), SQLBind(false), SQLBind(now), SQLBind(now), SQLBind(1))
            .ignoringConflicts(with: ["tenant_id", "subject"])
            .returning("id").first()
        guard made != nil else { return false }
        let version = ApprovalFlowVersion()
        version.id = versionID
        version.tenantID = tenantID
        version.flowID = flowID
        version.number = 1
        version.definition = try JSONText.encode(definition)
        version.createdBy = nil
        try await version.create(on: db)
        return true
    }
}
