import AfieldAPI
import Fluent
import Platform
import Vapor

/// `/api/v1/partners/{customers|suppliers|carriers}`: lists with search and paging, details,
/// create and edit.
struct PartnerController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        for role in PartnerRole.allCases {
            let plural = PathComponent(stringLiteral: role.rawValue + "s")
            routes.on(.GET, plural, permission: role.readPermission, summary: "List \(role.rawValue)s (search by name, city or country)",
                      query: ["q"] + QueryParameter.paging) { req async throws -> AfieldAPI.Page<PartnerSummary> in try await list(req, role: role) }
            routes.on(.GET, plural, ":id", permission: role.readPermission, summary: "A \(role.rawValue) with contacts") {
                req async throws -> PartnerDetail in try await detail(req, role: role)
            }
            routes.on(.GET, plural, ":id", "history", permission: role.readPermission, summary: "The \(role.rawValue)'s audit history, newest first") {
                req async throws -> [AuditEntryDTO] in
                let partner = try await detail(req, role: role)
                return try await AuditViewer.history(entity: PartnersModule.auditEntity, id: partner.id, for: req)
            }
            routes.on(.POST, plural, permission: role.writePermission,
                      summary: "Create a \(role.rawValue) (name required; code given or generated)", body: PartnerInput.self, status: .created) {
                req async throws -> PartnerDetail in
                try await PartnerCreation(context: try req.serviceContext).create(try req.content.decode(PartnerInput.self), role: role)
            }
            routes.on(.PATCH, plural, ":id", permission: role.writePermission,
                      summary: "Change a \(role.rawValue) (send the version you read; 409 when stale)", body: PartnerUpdate.self) {
                req async throws -> PartnerDetail in
                try await PartnerEditing(context: try req.serviceContext).update(try req.pathID(entity: role.entity), role: role, with: try req.content.decode(PartnerUpdate.self))
            }
        }
    }

    func list(_ req: Request, role: PartnerRole) async throws -> AfieldAPI.Page<PartnerSummary> {
        let actor = try req.actor
        let page = try PageRequest(from: req)
        let query = Partner.query(on: req.database).filter(\.$tenantID == actor.tenantID).filter(role.flag == true)
        if let resource = role.scopedResource { query.filter(scope: try await req.recordScope(resource), employee: "owner_id") }
        if let q = req.queryText("q") { query.filter("search_text", containsLiteral: q.lowercased()) }
        let total = try await query.count()
        let rows = try await query.sort(\.$name).sort(\.$id).with(\.$contacts).range(page.range).all()
        return AfieldAPI.Page(items: rows.map(\.summary), page: page.page, limit: page.limit, total: total)
    }

    func detail(_ req: Request, role: PartnerRole) async throws -> PartnerDetail {
        let actor = try req.actor
        let id = try req.pathID(entity: role.entity)
        let query = Partner.query(on: req.database).filter(\.$tenantID == actor.tenantID).filter(\.$id == id).filter(role.flag == true)
        if let resource = role.scopedResource { query.filter(scope: try await req.recordScope(resource), employee: "owner_id") }
        guard let partner = try await query.with(\.$contacts).first() else { throw DomainError.notFound(role.entity) }
        return partner.detail
    }
}

extension PartnerRole {
    var flag: KeyPath<Partner, FieldProperty<Partner, Bool>> {
        switch self {
        case .customer: \.$isCustomer
        case .supplier: \.$isSupplier
        case .carrier: \.$isCarrier
        }
    }
}
