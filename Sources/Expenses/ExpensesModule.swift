import Fluent
import Partners
import Platform
import Vapor

/// Expenses (报销): claims with lines, receipts and invoice numbers, categories with per-day limits
/// by city tier, items, budgets per department × category × month that stop or warn on submit
/// and on approval, approval through the engine, payment (`/api/v1/expenses`). Publishes
/// ``ClaimPaid`` when a claim is paid.
public struct ExpensesModule: AfieldModule {
    public static let id = "expenses"
    /// Customers on claim lines are checked through ``PartnerDirectory``.
    public static let dependsOn: [any AfieldModule.Type] = [PartnersModule.self]

    public init() {}

    /// Claiming and reading one's own claims: every employee, for themselves.
    public static let own = Permission("expenses.own")
    /// Reading other people's claims, within the data scope of ``claimResource``.
    public static let claimRead = Permission("expenses.claim.read")
    /// Recording payments (finance).
    public static let claimPay = Permission("expenses.claim.pay")
    public static let budgetRead = Permission("expenses.budget.read")
    /// Categories, items and budgets.
    public static let configManage = Permission("expenses.config.manage")

    public static let claimResource = "expenses.claim"
    public static let claimEntity = "expenses.claim"
    /// Advances (借款/备用金); read within the data scope of ``claimResource``.
    public static let advanceEntity = "expenses.advance"
    public static let categoryEntity = "expenses.category"
    public static let itemEntity = "expenses.item"
    public static let budgetEntity = "expenses.budget"
    public static let revisionKey = "expenses"

    public var permissions: [Permission] { [Self.claimRead, Self.claimPay, Self.budgetRead, Self.configManage] }
    public var personalPermissions: [Permission] { [Self.own] }
    public var scopedResources: [String] { [Self.claimResource] }
    public var migrations: [any AsyncMigration] { [CreateExpenses(), AddAdvances(), AddLineProjects()] }
    public var menu: [MenuItem] {
        [MenuItem(id: "expenses.mine", path: "/expenses", titleKey: "nav.expenses", permission: Self.own.key),
         MenuItem(id: "expenses.advances", path: "/expenses/advances", titleKey: "nav.expense_advances", permission: Self.own.key),
         MenuItem(id: "expenses.payables", path: "/expenses/payables", titleKey: "nav.expense_payables", permission: Self.claimPay.key),
         MenuItem(id: "expenses.budgets", path: "/expenses/budgets", titleKey: "nav.expense_budgets", permission: Self.budgetRead.key)]
    }
    public var messages: [String: MessageCatalog.Entry] { ExpensesMessages.all }

    public var feedEntities: [String: [Permission]] {
        [Self.claimEntity: [Self.own, Self.claimRead], Self.advanceEntity: [Self.own, Self.claimRead], Self.categoryEntity: [Self.own], Self.itemEntity: [Self.own], Self.budgetEntity: [Self.budgetRead]]
    }
    public var feedFilters: [String: FeedFilter] {
        [Self.claimEntity: { context, ids in
            let rows = try await ExpenseClaim.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ ids).all()
            let actor = context.actor
            let scope = actor.holds(Self.claimRead) ? try await context.recordScope(Self.claimResource) : nil
            return Set(rows.filter { c in
                c.employeeID == actor.employeeID || scope?.contains(department: c.departmentID, employee: c.employeeID, createdBy: nil) == true
            }.compactMap(\.id))
        }, Self.advanceEntity: { context, ids in
            let rows = try await ExpenseAdvance.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ ids).all()
            let actor = context.actor
            let scope = actor.holds(Self.claimRead) ? try await context.recordScope(Self.claimResource) : nil
            return Set(rows.filter { a in
                a.employeeID == actor.employeeID || scope?.contains(department: a.departmentID, employee: a.employeeID, createdBy: nil) == true
            }.compactMap(\.id))
        }]
    }

    public func routes(_ api: any RoutesBuilder) throws { ExpensesController().register(api) }

    public func boot(_ context: ModuleContext) async throws {
        context.application.approvalOutcomes.register(ClaimApproval())
        context.application.projectCostSources.register(ExpenseProjectCosts())
        context.application.approvalOutcomes.register(AdvanceApproval())
        context.application.domainEvents.subscribe(ApprovalFormApproved.self) { event, _, db in try await ExpenseTrip.record(event, on: db) }
        context.application.recordKinds.register(ExpenseClaimRecord.kind)
    }

    public func seedCompany(_ tenant: Tenant, on db: any Database) async throws {
        try await ExpenseCategory.seed(tenantID: try tenant.requireID(), locale: tenant.locale, on: db)
    }
}

/// Claims as records whose receipts the platform guards (issue 10 point 8): readable by the
/// claimant and by whoever may read the claim.
enum ExpenseClaimRecord {
    static let kind = RecordKind(
        key: ExpensesModule.claimEntity, chatter: false,
        link: { id, _ in "/expenses/\(id.uuidString)" },
        readable: { reader, ids, db in
            guard !ids.isEmpty else { return [] }
            let rows = try await ExpenseClaim.query(on: db).filter(\.$tenantID == reader.tenantID).filter(\.$id ~~ ids).all()
            let scope = reader.holds(ExpensesModule.claimRead) ? try await reader.scope(ExpensesModule.claimResource, on: db) : nil
            return Set(rows.filter { c in
                c.employeeID == reader.employeeID || scope?.contains(department: c.departmentID, employee: c.employeeID, createdBy: nil) == true
            }.compactMap(\.id))
        })
}
