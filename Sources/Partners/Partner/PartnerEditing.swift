import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Editing a partner through the API: checks, a version-guarded update and its audit entry.
struct PartnerEditing: Sendable {
    let context: ServiceContext

    /// Applies `update` to the partner `id` in `role`.
    ///
    /// The write is `UPDATE … WHERE version = <sent>`: of two users saving the same version,
    /// one wins and the other gets 409 with the record as it is now.
    /// A stale version with `base` values is merged field by field (``PartnerUpdate``).
    /// - Throws: 403 without the role's write permission; 404 (unknown, other tenant, other role,
    ///   outside the actor's scope), 422 (fields), 409 `conflict.stale_version` (stale version, no
    ///   `base`), 409 `conflict.fields` (a field changed on both sides).
    func update(_ id: UUID, role: PartnerRole, with update: PartnerUpdate) async throws -> PartnerDetail {
        try context.require(role.writePermission)
        let actor = context.actor
        let audit = context.audit
        let now = context.now()
        var problems: [DomainError.Field] = []
        if update.version == nil { problems.append(.init("version", "field.required")) }
        problems += PartnerFields.problems(name: update.name, email: update.email, textFields: update.textFields)
        let sent = Set(update.textFields.filter { $0.1 != nil }.map(\.0))
        for field in (update.base ?? [:]).keys.sorted() where !sent.contains(field) {
            problems.append(.init("base.\(field)", "conflict.base_unknown_field"))
        }
        guard problems.isEmpty, let sentVersion = update.version else { throw DomainError.invalid(problems) }
        var scope: RecordScope?
        if let resource = role.scopedResource { scope = try await context.recordScope(resource) }
        let finalScope = scope
        let currency = actor.tenant.currency
        let profile = CustomerProfileFields(update)
        let duplicates = CustomerDuplicates(context: context)
        try await context.write { db in
            let query = Partner.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id == id).filter(role.flag == true)
            if let finalScope { query.filter(scope: finalScope, employee: "owner_id", createdBy: nil) }
            // A pool customer is edited by whoever may hand it out, not by a rep who once made it.
            if role == .customer && !actor.holds(CustomerOwnership.transfer) { query.filter(\.$poolSince == nil) }
            guard let partner = try await query.with(\.$contacts).first() else { throw DomainError.notFound(role.entity) }
            var profileChanges: [CustomerProfileFields.Change] = []
            if role == .customer {
                let (problems, changes) = profile.resolve(for: partner, currency: currency)
                guard problems.isEmpty else { throw DomainError.invalid(problems) }
                profileChanges = changes
            }
            var version = sentVersion
            if partner.version != version {
                guard let base = update.base else { throw DomainError.staleVersion(role.entity, current: partner.detail(currency: currency)) }
                let conflicts = Self.conflicts(update, base: base, with: partner)
                guard conflicts.isEmpty else {
                    throw DomainError(status: 409, code: "conflict.fields", params: ["entity": role.entity, "count": String(conflicts.count)],
                                      fields: conflicts, current: partner.detail(currency: currency))
                }
                version = partner.version
            }
            var changes = AuditChanges()
            let sql = db as! any SQLDatabase
            let statement = sql.update(Partner.schema)
            func apply(_ column: String, _ keyPath: ReferenceWritableKeyPath<Partner, String?>, _ value: String?) {
                guard let value else { return }
                let new: String? = value.trimmingCharacters(in: .whitespaces).isEmpty ? nil : value.trimmingCharacters(in: .whitespaces)
                guard partner[keyPath: keyPath] != new else { return }
                changes.set(column, partner[keyPath: keyPath], new)
                partner[keyPath: keyPath] = new
                statement.set(SQLColumn(column), to: SQLBind(new))
            }
            if let name = update.name?.trimmingCharacters(in: .whitespaces), name != partner.name {
                changes.set("name", partner.name, name)
                partner.name = name
                statement.set(SQLColumn("name"), to: SQLBind(name))
            }
            apply("email", \.email, update.email)
            apply("phone", \.phone, update.phone)
            apply("fax", \.fax, update.fax)
            apply("address", \.address, update.address)
            apply("city", \.city, update.city)
            apply("region", \.region, update.region)
            apply("postal_code", \.postalCode, update.postalCode)
            apply("country", \.country, update.country)
            apply("homepage", \.homepage, update.homepage)
            for change in profileChanges {
                changes.set(change.column, change.before, change.after)
                change.set(partner)
                if let value = change.value {
                    statement.set(SQLColumn(change.column), to: SQLBind(value))
                } else {
                    statement.set(SQLColumn(change.column), to: SQLLiteral.null)
                }
            }
            guard !changes.isEmpty else { return }
            if role == .customer, changes.fields["name"] != nil || changes.fields["phone"] != nil || changes.fields["tax_id"] != nil {
                let blocking = try await duplicates.blocking(name: changes.fields["name"] != nil ? partner.name : nil,
                                                             phone: changes.fields["phone"] != nil ? partner.phone : nil,
                                                             taxId: changes.fields["tax_id"] != nil ? partner.taxID : nil, excluding: id, on: db)
                guard blocking.isEmpty else { throw DomainError.invalid(blocking) }
            }
            partner.refreshSearchText()
            let updated = try await statement
                .set(SQLColumn("search_text"), to: SQLBind(partner.searchText))
                .set(SQLColumn("name_key"), to: SQLBind(partner.nameKey))
                .set(SQLColumn("phone_key"), to: SQLBind(partner.phoneKey))
                .set(SQLColumn("updated_at"), to: SQLBind(now))
                .set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("tenant_id", .equal, actor.tenantID).where("version", .equal, version)
                .returning("id").first()
            guard updated != nil else { throw DomainError.staleVersion(role.entity) }
            try await AuditLog.append(entity: PartnersModule.auditEntity, entityID: id, action: "update", changes: changes, context: audit, on: db, now: now)
            try await Revisions.bump(PartnersModule.revisionKey, tenantID: actor.tenantID, on: db)
        }
        if role == .customer { return try await CustomerRead(context: context).detail(id) }
        guard let partner = try await Partner.query(on: context.database).filter(\.$id == id).with(\.$contacts).first() else {
            throw DomainError.notFound(role.entity)
        }
        return partner.detail(currency: currency)
    }

    /// The sent fields whose server value is neither the edit's `base` nor its new value (blank and
    /// absent count as the same, as the update stores them).
    static func conflicts(_ update: PartnerUpdate, base: [String: String], with partner: Partner) -> [DomainError.Field] {
        func clean(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespaces) }
        return update.textFields.compactMap { field, value in
            guard let value else { return nil }
            let now = clean(partner.fieldValue(field))
            if now == clean(value) || now == clean(base[field]) && base[field] != nil { return nil }
            return DomainError.Field(field, "conflict.field_changed")
        }
    }
}

extension Partner {
    /// The value of an API field (`postalCode`, …) of ``PartnerUpdate``.
    func fieldValue(_ field: String) -> String? {
        switch field {
        case "name": name
        case "email": email
        case "phone": phone
        case "fax": fax
        case "address": address
        case "city": city
        case "region": region
        case "postalCode": postalCode
        case "country": country
        case "homepage": homepage
        default: nil
        }
    }
}

extension PartnerUpdate {
    var textFields: [(String, String?)] {
        [("name", name), ("email", email), ("phone", phone), ("fax", fax), ("address", address), ("city", city), ("region", region),
         ("postalCode", postalCode), ("country", country), ("homepage", homepage)]
    }
}
