import Fluent
import Platform
import Vapor

/// Partners: companies and people with customer, supplier and carrier roles, and contacts
/// (`/api/v1/partners`). Public services: ``PartnerDirectory``, ``PartnerImport``.
public struct PartnersModule: AfieldModule {
    public static let id = "partners"
    public static let dependsOn: [any AfieldModule.Type] = [IdentityModule.self]

    public init() {}

    public var permissions: [Permission] {
        PartnerRole.allCases.flatMap { [$0.readPermission, $0.writePermission] } + [CustomerOwnership.claim, CustomerOwnership.transfer, CustomerOwnership.manage]
    }

    /// Audit entity of the public pool's rules.
    public static let poolRulesEntity = "partners.pool_rules"

    /// Audit entity name of partners.
    public static let auditEntity = "partners.partner"
    /// ``Revisions`` key bumped by every change to partners.
    public static let revisionKey = "partners"
    public var migrations: [any AsyncMigration] { [CreatePartners(), AddCustomerProfile(), AddCustomerCollaborators()] }
    public var menu: [MenuItem] {
        [MenuItem(id: "partners.customers", path: "/customers", titleKey: "nav.customers", permission: "partners.customer.read"),
         MenuItem(id: "partners.pool", path: "/customers/pool", titleKey: "nav.customer_pool", permission: CustomerOwnership.claim.key),
         MenuItem(id: "partners.suppliers", path: "/suppliers", titleKey: "nav.suppliers", permission: "partners.supplier.read")]
    }
    public var messages: [String: MessageCatalog.Entry] {
        ["entity.customer": .init(en: "Customer", zhCN: "客户"),
         "entity.supplier": .init(en: "Supplier", zhCN: "供应商"),
         "entity.carrier": .init(en: "Carrier", zhCN: "承运商"),
         "entity.contact": .init(en: "Contact", zhCN: "联系人"),
         "partners.collaborator.owner_only": .init(en: "Only the customer's owner or a manager changes its collaborators.", zhCN: "只有客户负责人或主管可以调整协作人。"),
         "partners.collaborator.unknown": .init(en: "Choose an active employee.", zhCN: "请选择在职员工。"),
         "partners.collaborator.owner": .init(en: "The owner already works this customer.", zhCN: "负责人本人无需添加为协作人。"),
         "partners.collaborator.too_many": .init(en: "A customer has at most {max} collaborators.", zhCN: "每个客户最多 {max} 位协作人。"),
         "partners.collaborator.in_pool": .init(en: "A customer in the public pool has no team.", zhCN: "公海客户没有协作人。"),
         "partners.contact.birthday": .init(en: "Enter a birthday that has been: a real day, not in the future.", zhCN: "请输入真实的生日（不晚于今天）。"),
         "partners.contact.too_many": .init(en: "A customer has at most {max} contacts.", zhCN: "每个客户最多 {max} 位联系人。"),
         "search.kind.partners.customer": .init(en: "Customers", zhCN: "客户"),
         "search.kind.partners.supplier": .init(en: "Suppliers", zhCN: "供应商"),
         "workbench.shortcut.partners.customer.new": .init(en: "New customer", zhCN: "新建客户"),
         "partners.code_taken": .init(en: "Another partner already has this code.", zhCN: "已有其他业务伙伴使用此编码。")]
            .merging(PartnerListMessages.all) { first, _ in first }
            .merging(CustomerMessages.all) { first, _ in first }
    }

    public var feedEntities: [String: [Permission]] { [Self.auditEntity: PartnerRole.allCases.map(\.readPermission)] }
    /// Suppliers and carriers are company-wide; customers follow the customer scope.
    public var scopedResources: [String] { ["partners.customer", CustomerPool.resource] }

    public var feedFilters: [String: FeedFilter] {
        [Self.auditEntity: { context, ids in
            let actor = context.actor
            let scope = try await context.recordScope("partners.customer")
            let rows = try await Partner.query(on: context.database).filter(\.$tenantID == actor.tenantID).filter(\.$id ~~ ids).all()
            return Set(rows.filter { p in
                (p.isSupplier && actor.holds(PartnerRole.supplier.readPermission)) || (p.isCarrier && actor.holds(PartnerRole.carrier.readPermission))
                    || (p.isCustomer && actor.holds(PartnerRole.customer.readPermission)
                        && scope.contains(department: p.departmentID, employee: p.ownerID, createdBy: nil))
            }.compactMap(\.id))
        }]
    }

    /// Customers and suppliers (carriers are found through orders).
    public var searchProviders: [SearchProvider] { [PartnerRole.customer.searchProvider, PartnerRole.supplier.searchProvider] }

    public var workbenchShortcuts: [WorkbenchShortcut] {
        [WorkbenchShortcut(id: "partners.customer.new", permission: PartnerRole.customer.writePermission, icon: "customers",
                           path: "/customers/new", auditEntity: Self.auditEntity)]
    }

    public func routes(_ api: any RoutesBuilder) throws { PartnerController().register(api) }

    public func boot(_ context: ModuleContext) async throws {
        context.application.recordKinds.register(PartnerRecord.kind)
        PoolJob.register(on: context.application)
    }
}
