import Fluent
import Partners
import Platform
import Products
import Vapor

/// Sales: orders, their pricing and states, and the sales reports (`/api/v1/sales`).
/// Public service: ``SalesOrderImport``.
public struct SalesModule: AfieldModule {
    public static let id = "sales"
    public static let dependsOn: [any AfieldModule.Type] = [PartnersModule.self, ProductsModule.self]

    public init() {}

    /// The ``Revisions`` key every change to sales orders bumps; cached lists and reports follow it.
    public static let revisionKey = "sales"
    /// Data-scope resource of sales orders: owned by their salesperson and department.
    public static let orderResource = "sales.order"
    /// Audit entity name of sales orders.
    public static let auditEntity = "sales.order"

    public var permissions: [Permission] {
        [Self.orderRead, Self.orderCreate, Self.orderWrite, Self.orderConfirm, Self.orderCancel, Self.orderExport, Self.reportRead, Self.salespersonRead]
    }
    public var migrations: [any AsyncMigration] { [CreateSalesOrders(), IndexSalesOrders(), AddSalesOrderNotes(), IndexSalesOrderLists(), CreateSalesFigures()] }
    public var menu: [MenuItem] {
        [MenuItem(id: "sales.orders", path: "/orders", titleKey: "nav.orders", permission: Self.orderRead.key),
         MenuItem(id: "sales.reports", path: "/reports", titleKey: "nav.reports", permission: Self.reportRead.key)]
    }
    public var messages: [String: MessageCatalog.Entry] { SalesMessages.all.merging(SalesListMessages.all) { first, _ in first } }

    public var feedEntities: [String: [Permission]] { [Self.auditEntity: [Self.orderRead]] }
    public var scopedResources: [String] { ["sales.order"] }

    public var feedFilters: [String: FeedFilter] {
        [Self.auditEntity: { context, ids in
            let query = SalesOrder.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ ids)
                .filter(scope: try await context.recordScope(Self.orderResource), employee: "salesperson_id")
            return Set(try await query.field(\.$id).all().compactMap(\.id))
        }]
    }

    public var searchProviders: [SearchProvider] { [SalesOrder.searchProvider] }
    public var workbenchTodos: [WorkbenchTodo] { SalesWorkbench.todos }
    public var workbenchShortcuts: [WorkbenchShortcut] { SalesWorkbench.shortcuts }
    public var workbenchKPIs: [WorkbenchKPI] { SalesWorkbench.kpis }

    public func boot(_ context: ModuleContext) async throws {
        context.application.approvalOutcomes.register(SalesOrderApproval())
        context.application.recordKinds.register(SalesOrderRecord.kind)
    }

    public func routes(_ api: any RoutesBuilder) throws {
        SalesOrderController().register(api)
        SalesOrderEditController().register(api)
        SalesReportController().register(api)
        SalesOrderPrintController().register(api)
    }
}
