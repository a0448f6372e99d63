import AfieldAPI
import Fluent
import Foundation
import Platform

/// What approvals start with in a company: its settings row (urge interval, the amount above
/// which default flows ask the department head, the "same approver twice" rule) and a default
/// flow for each built-in form (``DefaultFlows``).
enum CompanyDefaults {
    /// Makes what the company lacks; keeps what it has. Call in a write transaction.
    /// - Parameter sameApprover: the rule recorded when the company has none yet.
    static func seed(tenantID: UUID, currency: Currency, language: AppLanguage, sameApprover: SameApproverRule, on db: any Database) async throws {
        let settings = try await ApprovalSettings.query(on: db).filter(\.$tenantID == tenantID).first() ?? ApprovalSettings(tenantID: tenantID)
        var changed = settings.id == nil
        if settings.departmentHeadAbove == nil {
            settings.departmentHeadAbove = DepartmentHeadThreshold.defaultMinorUnits(for: currency)
            changed = true
        }
        if settings.sameApprover == nil {
            settings.sameApprover = sameApprover.rawValue
            changed = true
        }
        if changed {
            settings.version += 1
            try await settings.save(on: db)
        }
        try await DefaultFlows.seed(tenantID: tenantID, threshold: settings.departmentHeadAbove ?? 0, currency: currency, language: language, on: db)
    }
}
