import AfieldAPI
import Fluent
import Foundation
import Platform

/// The six built-in forms every company starts with (DingTalk's 通用审批, 出差, 外出, 加班,
/// 用章, 付款申请), labelled in the company's language.
public enum FormTemplates {
    /// One template in one language.
    public struct Template: Sendable {
        /// Stable key: `general`, `businessTrip`, `outing`, `overtime`, `sealUse`, `paymentRequest`.
        public let key: String
        public let name: String
        public let description: String
        public let icon: String
        public let category: String
        public let schema: FormSchema
    }

    /// Template keys in display order.
    public static let keys = ["general", "businessTrip", "outing", "overtime", "sealUse", "paymentRequest"]

    /// Every template with labels in `language`.
    public static func all(_ language: AppLanguage) -> [Template] {
        let zh = language == .zhCN
        func t(_ en: String, _ cn: String) -> String { zh ? cn : en }
        func option(_ value: String, _ en: String, _ cn: String) -> FormOption { FormOption(value: value, label: t(en, cn)) }
        let attendance = t("Attendance", "出勤休假"), administration = t("Administration", "行政"), finance = t("Finance", "财务")
        let attachments = FormField(key: "attachments", type: .attachment, label: t("Attachments", "附件"))
        let reason = FormField(key: "reason", type: .textarea, label: t("Reason", "事由"), required: true,
                               placeholder: t("Why is this needed?", "请输入事由"))
        return [
            Template(key: "general", name: t("General request", "通用审批"),
                     description: t("Any request that has no form of its own.", "适用于没有专门表单的各类申请。"),
                     icon: "general", category: t("General", "通用"), schema: FormSchema(fields: [
                        FormField(key: "title", type: .text, label: t("Title", "申请事项"), required: true),
                        FormField(key: "details", type: .textarea, label: t("Details", "申请详情"), required: true),
                        FormField(key: "amount", type: .money, label: t("Amount", "金额")),
                        attachments,
                     ])),
            Template(key: "businessTrip", name: t("Business trip", "出差"),
                     description: t("Travel for work: where, when and the expected cost.", "因公出差：地点、时间和预计费用。"),
                     icon: "trip", category: attendance, schema: FormSchema(fields: [
                        FormField(key: "destination", type: .text, label: t("Destination", "出差地点"), required: true),
                        FormField(key: "period", type: .dateRange, label: t("Dates", "出差时间"), required: true),
                        FormField(key: "days", type: .computed, label: t("Days", "出差天数"), formula: "days(period)"),
                        FormField(key: "transport", type: .select, label: t("Transport", "交通工具"), required: true, options: [
                            option("plane", "Plane", "飞机"), option("train", "Train", "火车"), option("car", "Car", "汽车"),
                            option("ship", "Ship", "轮船"), option("other", "Other", "其他"),
                        ]),
                        FormField(key: "estimatedCost", type: .money, label: t("Estimated cost", "预计费用")),
                        reason,
                     ])),
            Template(key: "outing", name: t("Outing", "外出"),
                     description: t("Leaving the office during working hours.", "工作时间外出办事。"),
                     icon: "outing", category: attendance, schema: FormSchema(fields: [
                        FormField(key: "startDate", type: .date, label: t("Start date", "开始日期"), required: true),
                        FormField(key: "endDate", type: .date, label: t("End date", "结束日期"), required: true),
                        FormField(key: "place", type: .text, label: t("Place", "外出地点"), required: true),
                        reason,
                     ])),
            Template(key: "overtime", name: t("Overtime", "加班"),
                     description: t("Hours worked beyond the schedule, paid or taken as time off.", "计划外工作时长，可选加班费或调休。"),
                     icon: "overtime", category: attendance, schema: FormSchema(fields: [
                        FormField(key: "date", type: .date, label: t("Date", "加班日期"), required: true),
                        FormField(key: "hours", type: .number, label: t("Hours", "加班时长（小时）"), required: true, precision: 1),
                        FormField(key: "compensation", type: .select, label: t("Compensation", "补偿方式"), required: true, options: [
                            option("pay", "Overtime pay", "加班费"), option("timeOff", "Time off", "调休"),
                        ]),
                        reason,
                     ])),
            Template(key: "sealUse", name: t("Seal use", "用章"),
                     description: t("Using a company seal on a document.", "在文件上加盖公司印章。"),
                     icon: "seal", category: administration, schema: FormSchema(fields: [
                        FormField(key: "sealType", type: .select, label: t("Seal", "印章类型"), required: true, options: [
                            option("companySeal", "Company seal", "公章"), option("contractSeal", "Contract seal", "合同章"),
                            option("financeSeal", "Finance seal", "财务章"), option("legalRepresentativeSeal", "Legal representative seal", "法人章"),
                        ]),
                        FormField(key: "documentName", type: .text, label: t("Document", "文件名称"), required: true),
                        FormField(key: "copies", type: .number, label: t("Copies", "用印份数"), required: true, precision: 0),
                        FormField(key: "purpose", type: .textarea, label: t("Purpose", "用印事由"), required: true),
                        attachments,
                     ])),
            Template(key: "paymentRequest", name: t("Payment request", "付款申请"),
                     description: t("Paying a supplier or another payee.", "向供应商或其他收款方付款。"),
                     icon: "payment", category: finance, schema: FormSchema(fields: [
                        FormField(key: "payee", type: .text, label: t("Payee", "收款方"), required: true),
                        FormField(key: "bankAccount", type: .text, label: t("Bank account", "收款账号")),
                        FormField(key: "amount", type: .money, label: t("Amount", "付款金额"), required: true),
                        FormField(key: "dueDate", type: .date, label: t("Pay by", "付款日期")),
                        FormField(key: "items", type: .table, label: t("Details", "付款明细"), columns: [
                            FormField(key: "description", type: .text, label: t("Description", "说明"), required: true),
                            FormField(key: "amount", type: .money, label: t("Amount", "金额"), required: true, summable: true),
                        ]),
                        FormField(key: "total", type: .computed, label: t("Details total", "明细合计"), formula: "sum(items.amount)"),
                        attachments,
                     ])),
        ]
    }

    /// Adds the templates the company does not have yet (matched by template key, archived
    /// forms included, so a removed template stays removed). Call inside a write transaction.
    public static func seed(tenantID: UUID, language: AppLanguage, on db: any Database) async throws {
        let existing = Set(try await ApprovalForm.query(on: db).filter(\.$tenantID == tenantID).filter(\.$templateKey != nil)
            .all().compactMap(\.templateKey))
        let takenKeys = Set(try await ApprovalForm.query(on: db).filter(\.$tenantID == tenantID).filter(\.$key != nil).all().compactMap(\.key))
        for template in all(language) where !existing.contains(template.key) {
            let form = ApprovalForm(tenantID: tenantID, key: takenKeys.contains(template.key) ? nil : template.key, name: template.name,
                                    description: template.description, icon: template.icon, category: template.category,
                                    templateKey: template.key, schema: (try? template.schema.validated()) ?? template.schema)
            try await form.create(on: db)
        }
    }
}
