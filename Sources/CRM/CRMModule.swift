import AfieldAPI
import Fluent
import Partners
import Platform
import Products
import Sales
import Vapor

/// CRM for field sales (issue 12): leads (线索), follow-ups (跟进), visits (拜访) with check-in,
/// a day's visit route, opportunities (商机) and the funnel (`/api/v1/crm`). Customers themselves
/// — profile, 查重, the public pool, transfers — are Partners'; CRM reaches them only through
/// ``PartnerDirectory``, ``CustomerRegistry``, ``CustomerOwnership`` and ``CustomerActivity``,
/// and Sales through ``SalesOrderDrafts``.
public struct CRMModule: AfieldModule {
    public static let id = "crm"
    public static let dependsOn: [any AfieldModule.Type] = [PartnersModule.self, ProductsModule.self, SalesModule.self]

    public init() {}

    /// Logging one's visits and follow-ups and planning one's routes.
    public static let visit = Permission("crm.visit.write")
    /// Reading colleagues' visits and follow-ups within the `crm.activity` scope.
    public static let activityRead = Permission("crm.activity.read")
    public static let leadRead = Permission("crm.lead.read")
    public static let leadWrite = Permission("crm.lead.write")
    /// Giving leads to other reps.
    public static let leadAssign = Permission("crm.lead.assign")
    public static let opportunityRead = Permission("crm.opportunity.read")
    public static let opportunityWrite = Permission("crm.opportunity.write")
    public static let stageManage = Permission("crm.stage.manage")
    public static let contractRead = Permission("crm.contract.read")
    /// Entering, editing, submitting, renewing and terminating contracts.
    public static let contractWrite = Permission("crm.contract.write")
    /// Recording money received on a contract (sales reps and finance).
    public static let contractReceive = Permission("crm.contract.receive")

    public static let activityResource = "crm.activity"
    public static let leadResource = "crm.lead"
    public static let opportunityResource = "crm.opportunity"
    public static let contractResource = "crm.contract"

    public static let visitEntity = "crm.visit"
    public static let followUpEntity = "crm.follow_up"
    public static let leadEntity = "crm.lead"
    public static let opportunityEntity = "crm.opportunity"
    public static let stageEntity = "crm.stage"
    public static let contractEntity = "crm.contract"

    public var permissions: [Permission] {
        [Self.visit, Self.activityRead, Self.leadRead, Self.leadWrite, Self.leadAssign, Self.opportunityRead, Self.opportunityWrite, Self.stageManage,
         Self.contractRead, Self.contractWrite, Self.contractReceive]
    }
    public var scopedResources: [String] { [Self.activityResource, Self.leadResource, Self.opportunityResource, Self.contractResource] }
    public var migrations: [any AsyncMigration] { [CreateCRM(), CreateLeadsAndOpportunities(), CreateContracts(), AddReportIndexes()] }
    public var messages: [String: MessageCatalog.Entry] { CRMMessages.all }
    public var menu: [MenuItem] {
        [MenuItem(id: "crm.leads", path: "/crm/leads", titleKey: "nav.crm_leads", permission: Self.leadRead.key),
         MenuItem(id: "crm.opportunities", path: "/crm/opportunities", titleKey: "nav.crm_opportunities", permission: Self.opportunityRead.key),
         MenuItem(id: "crm.visits", path: "/crm/visits", titleKey: "nav.crm_visits", permission: Self.visit.key),
         MenuItem(id: "crm.contracts", path: "/crm/contracts", titleKey: "nav.crm_contracts", permission: Self.contractRead.key),
         MenuItem(id: "crm.reports", path: "/crm/reports", titleKey: "nav.crm_reports", permission: Self.opportunityRead.key)]
    }
    public var feedEntities: [String: [Permission]] {
        [Self.visitEntity: [Self.visit, Self.activityRead], Self.followUpEntity: [Self.visit, Self.activityRead],
         Self.leadEntity: [Self.leadRead, Self.leadWrite], Self.opportunityEntity: [Self.opportunityRead, Self.opportunityWrite],
         Self.stageEntity: [Self.opportunityRead, Self.opportunityWrite], Self.contractEntity: [Self.contractRead, Self.contractWrite]]
    }
    public var feedFilters: [String: FeedFilter] {
        [Self.visitEntity: { context, ids in
            let rows = try await Visit.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ ids).all()
            let scope = CRMScope(context: context)
            var visible: Set<UUID> = []
            for row in rows where try await scope.canRead(owner: row.ownerID, department: row.departmentID) { visible.insert(row.id!) }
            return visible
        }, Self.followUpEntity: { context, ids in
            let rows = try await FollowUp.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ ids).all()
            let scope = CRMScope(context: context)
            var visible: Set<UUID> = []
            for row in rows where try await scope.canRead(owner: row.ownerID, department: row.departmentID) { visible.insert(row.id!) }
            return visible
        }, Self.leadEntity: { context, ids in
            let scope = try await context.recordScope(Self.leadResource)
            let rows = try await Lead.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ ids).all()
            return Set(rows.filter { scope.contains(department: $0.departmentID, employee: $0.ownerID, createdBy: nil) }.compactMap(\.id))
        }, Self.opportunityEntity: { context, ids in
            let scope = try await context.recordScope(Self.opportunityResource)
            let rows = try await Opportunity.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ ids).all()
            return Set(rows.filter { scope.contains(department: $0.departmentID, employee: $0.ownerID, createdBy: nil) }.compactMap(\.id))
        }, Self.contractEntity: { context, ids in
            let scope = try await context.recordScope(Self.contractResource)
            let rows = try await Contract.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ ids).all()
            return Set(rows.filter { scope.contains(department: $0.departmentID, employee: $0.ownerID, createdBy: nil) }.compactMap(\.id))
        }]
    }
    public var auditEntities: [AuditEntityKind] { CRMAudit.kinds }
    public var searchProviders: [SearchProvider] { CRMSearch.providers }

    public func routes(_ api: any RoutesBuilder) throws { CRMController().register(api) }

    public func boot(_ context: ModuleContext) async throws {
        FollowUpService.registerReminders(on: context.application)
        context.application.recordKinds.register(CRMRecords.visit)
        context.application.recordKinds.register(CRMRecords.followUp)
        context.application.recordKinds.register(CRMRecords.lead)
        context.application.recordKinds.register(CRMRecords.opportunity)
        context.application.recordKinds.register(CRMRecords.contract)
        context.application.approvalOutcomes.register(ContractApproval())
        ContractReminders.register(on: context.application)
    }
}
