import AfieldAPI
import Fluent
import Platform
import Vapor

/// `/api/v1/partners/{customers|suppliers|carriers}`: lists with search and paging, details,
/// create and edit.
struct PartnerController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        // Before the `:id` routes, so that `duplicates`, `transfer` and `pool` are not read as ids.
        CustomerController().register(routes)
        for role in PartnerRole.allCases {
            let plural = PathComponent(stringLiteral: role.rawValue + "s")
            routes.list(PartnerList.definition(role), plural, permission: role.readPermission,
                        summary: "List \(role.rawValue)s (search by name, city or country; archived=exclude|include|only)")
            routes.on(.POST, plural, ":id", "archive", permission: role.writePermission, summary: "Archive a \(role.rawValue): kept on documents, offered no more") {
                req async throws -> PartnerDetail in try await PartnerArchiving(context: try req.serviceContext).set(try req.pathID(entity: role.entity), role: role, archived: true)
            }
            routes.on(.POST, plural, ":id", "unarchive", permission: role.writePermission, summary: "Restore an archived \(role.rawValue)") {
                req async throws -> PartnerDetail in try await PartnerArchiving(context: try req.serviceContext).set(try req.pathID(entity: role.entity), role: role, archived: false)
            }
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

    func detail(_ req: Request, role: PartnerRole) async throws -> PartnerDetail {
        if role == .customer { return try await CustomerRead(context: try req.serviceContext).detail(try req.pathID(entity: role.entity)) }
        let actor = try req.actor
        let id = try req.pathID(entity: role.entity)
        let query = Partner.query(on: req.database).filter(\.$tenantID == actor.tenantID).filter(\.$id == id).filter(role.flag == true)
        if let resource = role.scopedResource { query.filter(scope: try await req.recordScope(resource), employee: "owner_id", createdBy: nil) }
        guard let partner = try await query.with(\.$contacts).first() else { throw DomainError.notFound(role.entity) }
        return partner.detail(currency: actor.tenant.currency)
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
