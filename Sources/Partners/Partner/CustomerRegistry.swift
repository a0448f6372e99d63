import AfieldAPI
import Fluent
import Foundation
import Platform

/// What other modules may do to customers (CRM converting a lead): create one with its first
/// contact through the same checks as the API, and ask whether a name or phone is taken.
public struct CustomerRegistry: Sendable {
    let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    /// A contact to create with a customer.
    public struct Contact: Sendable {
        public var name: String
        public var phone: String?
        public var email: String?
        public init(name: String, phone: String?, email: String?) {
            self.name = name
            self.phone = phone
            self.email = email
        }
    }

    /// Creates the customer `input` as `POST /partners/customers` does (its checks, 查重, the
    /// acting rep as owner) and `contact` as its first contact, in one transaction.
    /// - Throws: as ``PartnerCreation/create(_:role:)``; 422 `text.*` for the contact's fields.
    public func create(_ input: PartnerInput, contact: Contact?) async throws -> PartnerDetail {
        try await context.atomically {
            let created = try await PartnerCreation(context: context).create(input, role: .customer)
            guard let contact else { return created }
            var problems: [DomainError.Field] = []
            for (field, value) in [("contactName", contact.name as String?), ("phone", contact.phone), ("email", contact.email)] {
                if let value, TextInput.hasForbidden(value, multiline: false) { problems.append(.init(field, TextInput.Problem.controlCharacters.rawValue)) }
                else if (value?.unicodeScalars.count ?? 0) > PartnerFields.maximumLength {
                    problems.append(.init(field, "field.too_long", params: ["max": String(PartnerFields.maximumLength)]))
                }
            }
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            let tenantID = context.tenantID
            try await context.write { db in
                let row = PartnerContact()
                row.id = UUID()
                row.tenantID = tenantID
                row.$partner.id = created.id
                row.name = contact.name
                row.phone = contact.phone
                row.email = contact.email
                row.position = 0
                row.version = 1
                try await row.create(on: db)
            }
            return try await CustomerRead(context: context).detail(created.id)
        }
    }

    /// The problems that stop a customer with this name or phone from being entered (an exact
    /// match exists): as on create, `partners.duplicate_name` / `_phone` / `_in_pool` with `owner`.
    public func blocking(name: String?, phone: String?) async throws -> [DomainError.Field] {
        try await CustomerDuplicates(context: context).blocking(name: name, phone: phone, taxId: nil, excluding: nil, on: context.database)
    }
}
