import AfieldAPI
import Fluent
import Foundation
import Platform

/// The flow each built-in form starts with, so that it can be used before an administrator
/// designs one: the requester's direct manager; for a form with an amount (its first money
/// field), the department head too when the amount is above the company's threshold
/// (``ApprovalSettings/departmentHeadAbove``). A manager who is also the department head
/// approves once.
///
/// A default flow nobody has changed (every version written by the system) follows the
/// threshold when the company changes it; once someone saves it in the designer it is theirs.
enum DefaultFlows {
    /// The field whose amount decides whether the department head approves too.
    static func amountField(_ schema: FormSchema) -> FormField? { schema.fields.first { $0.type == .money } }

    static func definition(for schema: FormSchema, threshold: Int64, currency: Currency, language: AppLanguage) -> FlowDefinition {
        let zh = language == .zhCN
        let manager = FlowNode(id: "manager", type: .approver, name: zh ? "直属主管" : "Direct manager",
                               approvers: [ApproverRule(kind: .manager, level: 1)])
        guard let amount = amountField(schema) else { return FlowDefinition(nodes: [manager]) }
        let value = FixedDecimal.format(threshold, scale: currency.exponent)
        let shown = SummaryText.money(threshold, currency: currency, language: language)
        let head = FlowNode(id: "departmentHead", type: .approver, name: zh ? "部门负责人" : "Department head",
                            approvers: [ApproverRule(kind: .departmentHead, level: 1)], rules: NodeRules(sameApprover: .approveOnce))
        return FlowDefinition(nodes: [manager, FlowNode(id: "amount", type: .condition, branches: [
            FlowBranch(id: "above", name: zh ? "超过 \(shown)" : "Above \(shown)", priority: 1,
                       conditions: [FlowCondition(subject: "field.\(amount.key)", op: .gt, values: [value])], nodes: [head]),
            FlowBranch(id: "otherwise", name: zh ? "其他金额" : "Otherwise", priority: 2, isDefault: true, nodes: []),
        ])])
    }

    /// Gives every built-in form of the company that has no flow its default one. Call in a
    /// write transaction.
    static func seed(tenantID: UUID, threshold: Int64, currency: Currency, language: AppLanguage, on db: any Database) async throws {
        let forms = try await ApprovalForm.query(on: db).filter(\.$tenantID == tenantID).filter(\.$templateKey != nil)
            .filter(\.$flowID == nil).all()
        for form in forms {
            let subject = "form.\(try form.requireID())"
            guard try await ApprovalFlow.query(on: db).filter(\.$tenantID == tenantID).filter(\.$subject == subject).first() == nil else { continue }
            let flow = ApprovalFlow()
            flow.id = UUID()
            flow.tenantID = tenantID
            flow.subject = subject
            flow.name = form.name
            flow.archived = false
            flow.version = 1
            flow.currentNumber = 1
            let version = try newVersion(of: flow, number: 1, definition: definition(for: form.formSchema, threshold: threshold, currency: currency,
                                                                                     language: language))
            flow.currentVersionID = try version.requireID()
            try await flow.create(on: db)
            try await version.create(on: db)
            try await FormBinding(db: db, tenantID: tenantID).bind(try form.requireID(), flowID: try flow.requireID())
        }
    }

    /// The company's threshold changed: default flows nobody changed get a version with the new
    /// amount, audited as `context`'s change.
    static func follow(threshold: Int64, currency: Currency, language: AppLanguage, tenantID: UUID, context: AuditContext,
                       on db: any Database) async throws {
        let forms = try await ApprovalForm.query(on: db).filter(\.$tenantID == tenantID).filter(\.$templateKey != nil).all()
        for form in forms {
            guard let flowID = form.flowID, amountField(form.formSchema) != nil,
                  let flow = try await ApprovalFlow.query(on: db).filter(\.$id == flowID).filter(\.$tenantID == tenantID).first(),
                  try await ApprovalFlowVersion.query(on: db).filter(\.$flowID == flowID).filter(\.$createdBy != nil).first() == nil
            else { continue }
            let number = flow.currentNumber + 1
            let version = try newVersion(of: flow, number: number, definition: definition(for: form.formSchema, threshold: threshold,
                                                                                          currency: currency, language: language))
            try await version.create(on: db)
            flow.currentVersionID = try version.requireID()
            flow.currentNumber = number
            flow.version += 1
            try await flow.save(on: db)
            var changes = AuditChanges()
            changes.set("definitionVersion", String(number - 1), String(number))
            changes.set("departmentHeadAbove", nil, FixedDecimal.format(threshold, scale: currency.exponent))
            try await AuditLog.append(entity: ApprovalsModule.flowAuditEntity, entityID: flow.id, action: "update", changes: changes,
                                      context: context, on: db)
        }
    }

    private static func newVersion(of flow: ApprovalFlow, number: Int, definition: FlowDefinition) throws -> ApprovalFlowVersion {
        let version = ApprovalFlowVersion()
        version.id = UUID()
        version.tenantID = flow.tenantID
        version.flowID = try flow.requireID()
        version.number = number
        version.definition = try JSONText.encode(definition)
        version.createdBy = nil
        return version
    }
}
