import Fluent
import Foundation
import Platform
import SQLKit

/// What other modules may ask about partners (DESIGN §1: cross-module work goes through a
/// public service, never through another module's models).
public struct PartnerDirectory: Sendable {
    /// The facts another module needs about a partner.
    public struct Reference: Sendable, Equatable {
        public let id: UUID
        public let code: String
        public let name: String
        public let isCustomer: Bool
        public let isCarrier: Bool
        public let archived: Bool
        public let ownerID: UUID?
        public let departmentID: UUID?
        public let address: String?, city: String?, region: String?, postalCode: String?, country: String?
        /// The user who created it (data scopes count creators too, except for pool customers).
        public let createdBy: UUID?
        /// Customers: WGS 84 decimal degrees as exact text, both or neither.
        public let latitude: String?, longitude: String?
        /// Customers: "上海市 浦东新区" from the division codes.
        public let divisionName: String?
        /// Customers: in the public pool since then; nil when not in the pool.
        public let poolSince: Date?

        /// Whether a reader with `scope` on `partners.customer` sees this customer (a pool
        /// customer is not its creator's any more).
        public func isVisible(in scope: RecordScope) -> Bool {
            scope.contains(department: departmentID, employee: ownerID, createdBy: nil)
        }
    }

    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Partners by id within the tenant; unknown ids (or another tenant's) are absent.
    ///
    /// Read as the columns a reference needs, not as models (every sales order create asks).
    public func references(_ ids: Set<UUID>, tenantID: UUID) async throws -> [UUID: Reference] {
        guard !ids.isEmpty else { return [:] }
        guard let sql = db as? any SQLDatabase else { return [:] }
        let rows = try await sql.raw("""
            SELECT id, code, name, is_customer, is_carrier, archived, owner_id, department_id, address, city, region, postal_code, country,
                   created_by, latitude, longitude, province_code, city_code, district_code, pool_since
            FROM partners WHERE tenant_id = \(bind: tenantID) AND id IN (\(binds: Array(ids)))
            """).all(decoding: ReferenceRow.self)
        return Dictionary(uniqueKeysWithValues: rows.map { row in
            (row.id, Reference(id: row.id, code: row.code, name: row.name, isCustomer: row.is_customer, isCarrier: row.is_carrier,
                               archived: row.archived, ownerID: row.owner_id, departmentID: row.department_id, address: row.address,
                               city: row.city, region: row.region, postalCode: row.postal_code, country: row.country, createdBy: row.created_by,
                               latitude: row.latitude, longitude: row.longitude,
                               divisionName: AdminDivisionsCN.fullName(province: row.province_code, city: row.city_code, district: row.district_code),
                               poolSince: row.pool_since))
        })
    }

    private struct ReferenceRow: Decodable {
        let id: UUID, code: String, name: String, is_customer: Bool, is_carrier: Bool, archived: Bool, owner_id: UUID?, department_id: UUID?
        let address: String?, city: String?, region: String?, postal_code: String?, country: String?
        let created_by: UUID?, latitude: String?, longitude: String?, province_code: String?, city_code: String?, district_code: String?
        let pool_since: Date?
    }

    /// A contact as other modules see it: whose it is and its name.
    public struct ContactReference: Sendable, Equatable {
        public let id: UUID
        public let partnerID: UUID
        public let name: String
    }

    /// Contacts by id within the tenant; unknown ids (or another tenant's) are absent.
    public func contacts(_ ids: Set<UUID>, tenantID: UUID) async throws -> [UUID: ContactReference] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await PartnerContact.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ ids).all()
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id!, ContactReference(id: $0.id!, partnerID: $0.$partner.id, name: $0.name)) })
    }

    /// Ids of the tenant's partners whose name contains `text` (case-insensitive).
    public func ids(matching text: String, tenantID: UUID) async throws -> [UUID] {
        try await Partner.query(on: db).filter(\.$tenantID == tenantID).filter("search_text", containsLiteral: text.lowercased())
            .field(\.$id).all().compactMap(\.id)
    }

    /// Partner ids by code within the tenant (for imports that refer by external id).
    public func ids(codes: [String], tenantID: UUID) async throws -> [String: UUID] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await Partner.query(on: db).filter(\.$tenantID == tenantID).filter(\.$code ~~ codes).all()
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.code, $0.id!) })
    }
}

extension Partner {
    var reference: PartnerDirectory.Reference {
        .init(id: id!, code: code, name: name, isCustomer: isCustomer, isCarrier: isCarrier, archived: archived, ownerID: ownerID,
              departmentID: departmentID,
              address: address, city: city, region: region, postalCode: postalCode, country: country, createdBy: createdBy,
              latitude: latitude, longitude: longitude,
              divisionName: AdminDivisionsCN.fullName(province: provinceCode, city: cityCode, district: districtCode), poolSince: poolSince)
    }
}
