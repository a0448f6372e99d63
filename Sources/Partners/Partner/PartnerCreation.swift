import AfieldAPI
import Fluent
import Foundation
import Platform

/// Creating a partner through the API (`POST /api/v1/partners/{customers|suppliers|carriers}`):
/// checks, a code, the owner, and one transaction with its audit entry and revision bump.
struct PartnerCreation: Sendable {
    let context: ServiceContext

    /// Code prefixes per role, as ERPNext's naming series (`CUST-2026-00001`).
    private static let prefixes: [PartnerRole: String] = [.customer: "CUST", .supplier: "SUP", .carrier: "CAR"]

    /// Stores a new partner in `role` and answers it as stored.
    ///
    /// A customer is owned by the creating employee and their department, so a salesperson whose
    /// scope is their own customers sees the one they just made.
    /// - Throws: 403 without the role's write permission; 422 `validation_failed` (name missing,
    ///   e-mail malformed, text too long, code taken).
    func create(_ input: PartnerInput, role: PartnerRole) async throws -> PartnerDetail {
        try context.require(role.writePermission)
        let actor = context.actor
        let audit = context.audit
        let now = context.now()
        var problems = PartnerFields.problems(name: input.name ?? "", email: input.email, textFields: input.textFields)
        let code = PartnerFields.clean(input.code)
        if let code, TextInput.hasForbidden(code, multiline: false) {
            problems.append(.init("code", TextInput.Problem.controlCharacters.rawValue))
        } else if let code, code.unicodeScalars.count > 40 {
            problems.append(.init("code", "field.too_long", params: ["max": "40"]))
        }
        let profile = CustomerProfileFields(input)
        let currency = actor.tenant.currency
        if role == .customer {
            problems += profile.resolve(for: Partner(tenantID: actor.tenantID, code: "", name: ""), currency: currency).0
        }
        guard problems.isEmpty, let name = PartnerFields.clean(input.name) else { throw DomainError.invalid(problems) }
        let year = String(context.today().prefix(4))
        let duplicates = CustomerDuplicates(context: context)

        let id = try await context.write { db in
            let partner = Partner(tenantID: actor.tenantID, code: code ?? "", name: name)
            if let id = input.id {
                guard try await Partner.find(id, on: db) == nil else { throw DomainError.idTaken(role.entity) }
                partner.id = id
            }
            if let code {
                guard try await Self.isFree(code, tenantID: actor.tenantID, on: db) else { throw Self.codeTaken }
            } else {
                partner.code = try await Self.nextCode(role: role, year: year, tenantID: actor.tenantID, on: db)
            }
            partner.email = PartnerFields.clean(input.email)
            partner.phone = PartnerFields.clean(input.phone)
            partner.fax = PartnerFields.clean(input.fax)
            partner.address = PartnerFields.clean(input.address)
            partner.city = PartnerFields.clean(input.city)
            partner.region = PartnerFields.clean(input.region)
            partner.postalCode = PartnerFields.clean(input.postalCode)
            partner.country = PartnerFields.clean(input.country)
            partner.homepage = PartnerFields.clean(input.homepage)
            var profileChanges: [CustomerProfileFields.Change] = []
            if role == .customer {
                // Checked again inside the write: on SQLite it is serialised, so two creates of
                // the same name cannot both pass; the tax id is also a unique index.
                let blocking = try await duplicates.blocking(name: name, phone: partner.phone, taxId: input.taxId, excluding: nil, on: db)
                guard blocking.isEmpty else { throw DomainError.invalid(blocking) }
                profileChanges = profile.resolve(for: partner, currency: currency).1
                for change in profileChanges { change.set(partner) }
            }
            switch role {
            case .customer: partner.isCustomer = true
            case .supplier: partner.isSupplier = true
            case .carrier: partner.isCarrier = true
            }
            if role.scopedResource != nil {
                partner.ownerID = actor.employeeID
                partner.departmentID = actor.departmentID
                partner.ownerSince = actor.employeeID == nil ? nil : now
            }
            partner.createdBy = actor.userID
            partner.refreshSearchText()
            do {
                try await partner.create(on: db)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // Another request took the same code (or tax id) between our check and our insert.
                if partner.taxID != nil, try await Partner.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$taxID == partner.taxID).first() != nil {
                    throw DomainError.invalid([.init("taxId", "partners.duplicate_tax_id")])
                }
                throw Self.codeTaken
            }
            var changes = AuditChanges()
            changes.created([("code", partner.code), ("name", partner.name), ("is_\(role.rawValue)", true), ("email", partner.email),
                             ("phone", partner.phone), ("fax", partner.fax), ("address", partner.address), ("city", partner.city),
                             ("region", partner.region), ("postal_code", partner.postalCode), ("country", partner.country),
                             ("homepage", partner.homepage), ("owner_id", partner.ownerID?.uuidString)] + profileChanges.map { ($0.column, $0.after as (any CustomStringConvertible)?) })
            try await AuditLog.append(entity: PartnersModule.auditEntity, entityID: partner.id, action: "create", changes: changes, context: audit, on: db, now: now)
            try await Revisions.bump(PartnersModule.revisionKey, tenantID: actor.tenantID, on: db)
            return try partner.requireID()
        }
        if role == .customer { return try await CustomerRead(context: context).detail(id) }
        guard let partner = try await Partner.query(on: context.database).filter(\.$id == id).with(\.$contacts).first() else {
            throw DomainError.notFound(role.entity)
        }
        return partner.detail(currency: currency)
    }

    private static let codeTaken = DomainError.invalid([.init("code", "partners.code_taken")])

    private static func isFree(_ code: String, tenantID: UUID, on db: any Database) async throws -> Bool {
        try await Partner.query(on: db).filter(\.$tenantID == tenantID).filter(\.$code == code).first() == nil
    }

    /// The role's next free code; numbers someone typed by hand are skipped.
    private static func nextCode(role: PartnerRole, year: String, tenantID: UUID, on db: any Database) async throws -> String {
        let prefix = prefixes[role] ?? "P"
        while true {
            let code = try await DocumentNumbering().next(prefix: prefix, period: year, key: "partners.\(role.rawValue)", tenantID: tenantID, on: db)
            if try await isFree(code, tenantID: tenantID, on: db) { return code }
        }
    }
}

extension PartnerInput {
    var textFields: [(String, String?)] {
        [("name", name), ("email", email), ("phone", phone), ("fax", fax), ("address", address), ("city", city), ("region", region),
         ("postalCode", postalCode), ("country", country), ("homepage", homepage)]
    }
}
