import AfieldAPI
import Fluent
import Partners
import Platform
import Vapor

/// CRM for field sales (issue 12): leads (线索), follow-ups (跟进), visits (拜访) with check-in,
/// a day's visit route, opportunities (商机) and the funnel, contracts (合同), CRM reports
/// (`/api/v1/crm`). Customers themselves — profile, 查重, public pool, transfers — are Partners';
/// CRM reaches them only through ``PartnerDirectory`` and ``CustomerActivity``.
public struct CRMModule: AfieldModule {
    public static let id = "crm"
    public static let dependsOn: [any AfieldModule.Type] = [PartnersModule.self]

    public init() {}

    /// Logging visits and follow-ups and planning routes, on customers in one's scope.
    public static let visit = Permission("crm.visit.write")

    public var permissions: [Permission] { [Self.visit] }
    public var migrations: [any AsyncMigration] { [] }
    public var messages: [String: MessageCatalog.Entry] { CRMMessages.all }

    public func routes(_ api: any RoutesBuilder) throws { CRMController().register(api) }
}

/// `/api/v1/crm/…`.
struct CRMController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.POST, "routes", "plan", permission: CRMModule.visit, summary: "Order a day's visits (nearest neighbour, 2-opt, Or-opt on great-circle distance)",
                  body: RoutePlanInput.self, mutates: false) { req async throws -> RoutePlanDTO in
            try await RoutePlanning(context: try req.serviceContext).plan(try req.content.decode(RoutePlanInput.self))
        }
    }
}
