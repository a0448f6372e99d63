import Fluent
import Platform

extension ApprovalsModule {
    /// Designing flows (and, with forms, the forms themselves).
    static let flowManage = Permission("approvals.flow.manage")
    /// Reading every instance of the company, not just those one takes part in (auditors).
    static let instanceReadAll = Permission("approvals.instance.read_all")
    /// Company approval settings and anyone's delegations.
    static let settingsManage = Permission("approvals.settings.manage")

    /// Personal: read one's own inbox, requests and the forms one may submit. Every session holds
    /// it; an API token only when created with it.
    static let inboxRead = Permission("approvals.inbox.read")
    /// Personal: act on one's own approvals — submit, change, withdraw, urge, comment, copy in,
    /// approve, reject, return, transfer, add signers, delegate. Every session holds it; an API
    /// token only when created with it (an approval may confirm a sales order).
    static let inboxAct = Permission("approvals.inbox.act")

    /// Audit entity of instances and of flows.
    static let auditEntity = "approvals.instance"
    static let flowAuditEntity = "approvals.flow"

    static var enginePermissions: [Permission] { [flowManage, instanceReadAll, settingsManage] }
    static var engineMigrations: [any AsyncMigration] {
        [CreateApprovalFlows(), CreateApprovalInstances(), IndexApprovalTasksByStep(), AddApprovalSettingsDefaults(), SeedDefaultFlows(),
         AddInstanceSummary(), LinkApprovalFiles(), IndexApprovalInboxList()]
    }
}
