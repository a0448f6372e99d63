import AfieldAPI
import Fluent
import Platform
import Vapor

/// Customer routes beyond the shared partner ones: 查重, the public pool, release, claim and
/// transfer, owner history, pool rules, and China's administrative divisions.
struct CustomerController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        let read = PartnerRole.customer.readPermission
        routes.on(.GET, "divisions", permission: read, summary: "China's provinces, cities and districts (NBS 2023 codes) as a tree") {
            _ async throws -> [DivisionDTO] in Self.divisions
        }
        routes.on(.POST, "customers", "duplicates", permission: read, summary: "Duplicate check (查重) by normalised name, phone and tax id",
                  body: DuplicateCheckInput.self, mutates: false) { req async throws -> DuplicateReport in
            try await CustomerDuplicates(context: try req.serviceContext).check(try req.content.decode(DuplicateCheckInput.self))
        }
        routes.on(.POST, "customers", "transfer", permission: CustomerOwnership.transfer,
                  summary: "Give customers to another rep (bulk transfer, with history)", body: CustomerTransferInput.self) {
            req async throws -> CustomerTransferResult in
            try await CustomerOwnership(context: try req.serviceContext).transfer(try req.content.decode(CustomerTransferInput.self))
        }
        routes.on(.POST, "customers", ":id", "release", permission: PartnerRole.customer.writePermission,
                  summary: "Give a customer back to the public pool", body: CustomerReleaseInput.self) { req async throws -> PartnerDetail in
            // No body is no reason; a body must be a release input.
            let input = (req.body.data?.readableBytes ?? 0) == 0 ? CustomerReleaseInput() : try req.content.decode(CustomerReleaseInput.self)
            return try await CustomerOwnership(context: try req.serviceContext).release(try req.pathID(entity: "customer"), reason: input.reason)
        }
        routes.on(.GET, "customers", ":id", "owners", permission: read, summary: "The customer's owner changes (claims, releases, transfers), newest first") {
            req async throws -> [OwnerChangeDTO] in
            try await CustomerOwnership(context: try req.serviceContext).history(try req.pathID(entity: "customer"))
        }
        routes.list(CustomerPoolList.definition, "pool", permission: CustomerOwnership.claim,
                    summary: "The public pool (公海): customers nobody owns, as the caller's pool scope shows them")
        routes.on(.GET, "customers", ":id", "collaborators", permission: read, summary: "The colleagues working a customer with its owner (协作人)") {
            req async throws -> [CollaboratorDTO] in
            try await CustomerCollaborators(context: try req.serviceContext).list(try req.pathID(entity: "customer"))
        }
        routes.on(.POST, "customers", ":id", "collaborators", permission: read, summary: "Add a collaborator (the owner or a manager)",
                  body: CollaboratorInput.self) { req async throws -> [CollaboratorDTO] in
            let context: ServiceContext = try req.serviceContext
            let customerID = try req.pathID(entity: "customer")
            _ = try await CustomerRead(context: context).visible(customerID)
            return try await CustomerCollaborators(context: context).add(try req.content.decode(CollaboratorInput.self).employeeId, to: customerID)
        }
        routes.on(.DELETE, "customers", ":id", "collaborators", ":employeeId", permission: read,
                  summary: "Remove a collaborator (the owner or a manager; a collaborator may leave)") { req async throws -> [CollaboratorDTO] in
            try await CustomerCollaborators(context: try req.serviceContext).remove(try req.pathID("employeeId", entity: "employee"), from: try req.pathID(entity: "customer"))
        }
        routes.on(.POST, "customers", ":id", "contacts", permission: PartnerRole.customer.writePermission, summary: "Add a contact to a customer",
                  body: ContactInput.self, status: .created) { req async throws -> ContactDTO in
            try await CustomerContacts(context: try req.serviceContext).add(to: try req.pathID(entity: "customer"), try req.content.decode(ContactInput.self))
        }
        routes.on(.PATCH, "customers", ":id", "contacts", ":contactId", permission: PartnerRole.customer.writePermission,
                  summary: "Change a customer's contact (send the version read)", body: ContactUpdate.self) { req async throws -> ContactDTO in
            let context: ServiceContext = try req.serviceContext
            let customerID = try req.pathID(entity: "customer")
            _ = try await CustomerRead(context: context).visible(customerID)
            return try await CustomerContacts(context: context).update(try req.pathID("contactId", entity: "contact"), of: customerID,
                                                                        try req.content.decode(ContactUpdate.self).input)
        }
        routes.on(.DELETE, "customers", ":id", "contacts", ":contactId", permission: PartnerRole.customer.writePermission,
                  summary: "Remove a customer's contact", status: .noContent) { req async throws -> Response in
            let context: ServiceContext = try req.serviceContext
            try await CustomerContacts(context: context).remove(try req.pathID("contactId", entity: "contact"), of: try req.pathID(entity: "customer"))
            return Response(status: .noContent)
        }
        routes.on(.GET, "pool", "rules", permission: CustomerOwnership.claim, summary: "The public pool's rules") { req async throws -> PoolRulesDTO in
            try await PoolRulesService(context: try req.serviceContext).read()
        }
        routes.on(.PUT, "pool", "rules", permission: CustomerOwnership.manage, summary: "Change the public pool's rules (send the version read)",
                  body: PoolRulesDTO.self) { req async throws -> PoolRulesDTO in
            try await PoolRulesService(context: try req.serviceContext).update(try req.content.decode(PoolRulesDTO.self))
        }
        routes.on(.POST, "pool", ":id", "claim", permission: CustomerOwnership.claim, summary: "Claim a customer from the public pool") {
            req async throws -> PartnerDetail in
            try await CustomerOwnership(context: try req.serviceContext).claim(try req.pathID(entity: "customer"))
        }
    }

    /// Built once: the data never changes while the server runs.
    static let divisions: [DivisionDTO] = AdminDivisionsCN.tree().map { p in
        DivisionDTO(code: p.code, name: p.name, children: p.children.map { c in
            DivisionDTO(code: c.code, name: c.name, children: c.children.map { DivisionDTO(code: $0.code, name: $0.name) })
        })
    }
}
