import Fluent
import Foundation
import Partners
import SQLKit

/// A lead (线索): a company and person who may buy, before they are a customer.
final class Lead: Model, @unchecked Sendable {
    static let schema = "crm_leads"

    static let states = ["new", "following", "converted", "invalid"]

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "number") var number: String
    @Field(key: "company") var company: String
    /// ``DuplicateKeys/name(_:)`` of `company`.
    @Field(key: "name_key") var nameKey: String
    @OptionalField(key: "contact_name") var contactName: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "phone_key") var phoneKey: String?
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "source") var source: String?
    @OptionalField(key: "province_code") var provinceCode: String?
    @OptionalField(key: "city_code") var cityCode: String?
    @OptionalField(key: "district_code") var districtCode: String?
    @OptionalField(key: "notes") var notes: String?
    @OptionalField(key: "owner_id") var ownerID: UUID?
    @OptionalField(key: "department_id") var departmentID: UUID?
    @Field(key: "state") var state: String
    @OptionalField(key: "invalid_reason") var invalidReason: String?
    @OptionalField(key: "customer_id") var customerID: UUID?
    @OptionalField(key: "opportunity_id") var opportunityID: UUID?
    @OptionalField(key: "last_activity_at") var lastActivityAt: Date?
    /// Lower-cased number, company, contact and phone, for search.
    @Field(key: "search_text") var searchText: String
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}

    func refreshKeys() {
        nameKey = DuplicateKeys.name(company)
        phoneKey = phone.flatMap(DuplicateKeys.phone)
        searchText = [number, company, contactName, phone].compactMap { $0 }.joined(separator: " ").lowercased()
    }

    /// A follow-up on the lead: its last activity, and `new` becomes `following`.
    static func touch(_ id: UUID, at: Date, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("""
            UPDATE crm_leads SET
                last_activity_at = CASE WHEN last_activity_at IS NULL OR last_activity_at < \(bind: at) THEN \(bind: at) ELSE last_activity_at END,
                state = CASE WHEN state = 'new' THEN 'following' ELSE state END
            WHERE id = \(bind: id)
            """).run()
    }
}
