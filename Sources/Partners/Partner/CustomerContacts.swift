import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// A customer's contacts (联系人, issue 12 point 3): added, changed and removed on their
/// customer, with a role (the decision maker, a user, finance…) and a birthday. Who may edit the
/// customer may edit its contacts; each change is audited on the customer.
struct CustomerContacts: Sendable {
    let context: ServiceContext

    static let roles = ["decision_maker", "influencer", "user", "finance", "purchasing", "technical", "other"]
    static let maximumPerCustomer = 100

    /// - Throws: 403 without `partners.customer.write`; 404 customer out of scope; 422 fields
    ///   (`name` required, `role` not one of ``roles``, `birthday` not a day, e-mail, lengths);
    ///   409 `partners.contact.too_many`.
    func add(to customerID: UUID, _ input: ContactInput) async throws -> ContactDTO {
        try context.require(PartnerPermissions.customerWrite)
        let customer = try await CustomerRead(context: context).visible(customerID)
        var problems: [DomainError.Field] = []
        if input.name == nil { problems.append(.init("name", "field.required")) }
        let values = checked(input, problems: &problems)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let contacts = customer.$contacts.value ?? []
        guard contacts.count < Self.maximumPerCustomer else { throw DomainError(status: 409, code: "partners.contact.too_many", params: ["max": String(Self.maximumPerCustomer)]) }
        let row = PartnerContact()
        row.id = UUID()
        row.tenantID = context.tenantID
        row.$partner.id = customerID
        row.name = (values.name ?? nil) ?? ""
        row.title = values.title ?? nil
        row.phone = values.phone ?? nil
        row.email = values.email ?? nil
        row.role = values.role ?? nil
        row.birthday = values.birthday ?? nil
        row.position = (contacts.map(\.position).max() ?? -1) + 1
        row.version = 1
        let now = context.now()
        let context = self.context
        try await context.write { db in
            try await row.create(on: db)
            var changes = AuditChanges()
            changes.created([("contact", row.name), ("title", row.title), ("phone", row.phone), ("email", row.email), ("role", row.role),
                             ("birthday", row.birthday)])
            try await AuditLog.append(entity: PartnersModule.auditEntity, entityID: customerID, action: "contact_add", changes: changes,
                                      context: context.audit, on: db, now: now)
            try await Revisions.bump(PartnersModule.revisionKey, tenantID: context.tenantID, on: db)
        }
        return Self.dto(row)
    }

    /// Applies the fields sent (`version` required).
    /// - Throws: as ``add(to:_:)``; 404 `contact` not the customer's; 409 stale version.
    func update(_ contactID: UUID, of customerID: UUID, _ input: ContactInput) async throws -> ContactDTO {
        try context.require(PartnerPermissions.customerWrite)
        let customer = try await CustomerRead(context: context).visible(customerID)
        guard let row = customer.$contacts.value?.first(where: { $0.id == contactID }) else { throw DomainError.notFound("contact") }
        var problems: [DomainError.Field] = []
        if input.version == nil { problems.append(.init("version", "field.required")) }
        let values = checked(input, problems: &problems)
        guard problems.isEmpty, let version = input.version else { throw DomainError.invalid(problems) }
        guard row.version == version else { throw DomainError.staleVersion("contact", current: Self.dto(row)) }
        var changes = AuditChanges()
        changes.set("contact", nil, row.name)
        func apply(_ key: String, _ value: String??, _ path: ReferenceWritableKeyPath<PartnerContact, String?>) {
            guard let value, value != row[keyPath: path] else { return }
            changes.set(key, row[keyPath: path], value)
            row[keyPath: path] = value
        }
        if let name = values.name, let name, name != row.name { changes.set("name", row.name, name); row.name = name }
        apply("title", values.title, \.title)
        apply("phone", values.phone, \.phone)
        apply("email", values.email, \.email)
        apply("role", values.role, \.role)
        apply("birthday", values.birthday, \.birthday)
        let now = context.now()
        let context = self.context
        let final = changes
        try await context.write { db in
            guard try await (db as! any SQLDatabase).update(PartnerContact.schema)
                .set("name", to: row.name).set("title", to: row.title).set("phone", to: row.phone).set("email", to: row.email)
                .set("role", to: row.role).set("birthday", to: row.birthday).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, contactID).where("version", .equal, version).returning("id").first() != nil
            else { throw DomainError.staleVersion("contact") }
            try await AuditLog.append(entity: PartnersModule.auditEntity, entityID: customerID, action: "contact_update", changes: final,
                                      context: context.audit, on: db, now: now)
            try await Revisions.bump(PartnersModule.revisionKey, tenantID: context.tenantID, on: db)
        }
        row.version = version + 1
        return Self.dto(row)
    }

    /// Removes the contact from its customer.
    func remove(_ contactID: UUID, of customerID: UUID) async throws {
        try context.require(PartnerPermissions.customerWrite)
        let customer = try await CustomerRead(context: context).visible(customerID)
        guard let row = customer.$contacts.value?.first(where: { $0.id == contactID }) else { throw DomainError.notFound("contact") }
        let now = context.now()
        let context = self.context
        try await context.write { db in
            try await PartnerContact.query(on: db).filter(\.$id == contactID).delete()
            var changes = AuditChanges()
            changes.set("contact", row.name, nil)
            try await AuditLog.append(entity: PartnersModule.auditEntity, entityID: customerID, action: "contact_remove", changes: changes,
                                      context: context.audit, on: db, now: now)
            try await Revisions.bump(PartnersModule.revisionKey, tenantID: context.tenantID, on: db)
        }
    }

    /// The fields sent, cleaned: outer nil = not sent; inner nil = cleared.
    struct Values {
        var name: String??
        var title: String??
        var phone: String??
        var email: String??
        var role: String??
        var birthday: String??
    }

    private func checked(_ input: ContactInput, problems: inout [DomainError.Field]) -> Values {
        problems += PartnerFields.problems(name: input.name, email: input.email,
                                           textFields: [("name", input.name), ("title", input.title), ("phone", input.phone), ("email", input.email)])
        var values = Values()
        if let name = input.name { values.name = .some(PartnerFields.clean(name)) }
        if let title = input.title { values.title = .some(PartnerFields.clean(title)) }
        if let phone = input.phone { values.phone = .some(PartnerFields.clean(phone)) }
        if let email = input.email { values.email = .some(PartnerFields.clean(email)) }
        if let role = input.role {
            if role.isEmpty { values.role = .some(nil) } else if Self.roles.contains(role) { values.role = .some(role) } else {
                problems.append(.init("role", "field.not_allowed", params: ["allowed": Self.roles.joined(separator: ", ")]))
            }
        }
        if let birthday = input.birthday {
            if birthday.isEmpty { values.birthday = .some(nil) }
            else if !CalendarDay.isValid(birthday) && !CalendarDay.isValid(String(birthday.prefix(8)) + "01") {
                problems.append(.init("birthday", "request.invalid_date"))
            } else if CalendarDay.isValid(birthday), birthday >= "1900-01-01", birthday <= context.today() { values.birthday = .some(birthday) }
            // Well formed but no day one was born on (30 February, tomorrow): not a shape error.
            else { problems.append(.init("birthday", "partners.contact.birthday")) }
        }
        return values
    }

    static func dto(_ row: PartnerContact) -> ContactDTO {
        ContactDTO(id: row.id!, name: row.name, title: row.title, phone: row.phone, email: row.email, role: row.role, birthday: row.birthday, version: row.version)
    }
}
