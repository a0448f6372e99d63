import Fluent
import Foundation

/// Idempotent upsert of sites by name (case-insensitive, among current ones) and of employees'
/// sites, for imports.
public struct SiteImport: Sendable {
    public struct Record: Sendable, Equatable {
        public var name: String
        public var address: String?
        /// Canonical decimal degrees (see ``GeoCoordinate``), both or neither.
        public var latitude: String?
        public var longitude: String?
        /// IANA identifier.
        public var timeZone: String
        public init(name: String, address: String?, latitude: String?, longitude: String?, timeZone: String) {
            self.name = name
            self.address = address
            self.latitude = latitude
            self.longitude = longitude
            self.timeZone = timeZone
        }
    }

    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Creates or updates a current site per record.
    /// - Returns: outcomes in order and site ids by record name.
    public func upsert(_ records: [Record], tenantID: UUID, audit: AuditContext) async throws -> ([ImportOutcome], [String: UUID]) {
        var current = try await Site.query(on: db).filter(\.$tenantID == tenantID).filter(\.$archived == false).all()
        var outcomes: [ImportOutcome] = []
        var ids: [String: UUID] = [:]
        for record in records {
            let existing = current.first { OrgInput.same($0.name, record.name) }
            let site = existing ?? Site(tenantID: tenantID, name: record.name, address: record.address, latitude: record.latitude,
                                        longitude: record.longitude, timeZone: record.timeZone)
            var changes = AuditChanges()
            if existing == nil { changes.set("name", nil, record.name) }
            changes.set("address", existing?.address, record.address)
            changes.set("latitude", existing?.latitude, record.latitude)
            changes.set("longitude", existing?.longitude, record.longitude)
            changes.set("time_zone", existing?.timeZone, record.timeZone)
            ids[record.name] = site.id
            guard !changes.isEmpty else { outcomes.append(.unchanged); continue }
            site.address = record.address
            site.latitude = record.latitude
            site.longitude = record.longitude
            site.timeZone = record.timeZone
            if existing != nil { site.version += 1 }
            try await site.save(on: db)
            if existing == nil { current.append(site) }
            ids[record.name] = site.id
            try await AuditLog.append(entity: OrganisationModule.siteEntity, entityID: site.id, action: existing == nil ? "create" : "update",
                                      changes: changes, context: audit, on: db)
            outcomes.append(existing == nil ? .created : .updated)
        }
        return (outcomes, ids)
    }

    /// Places employees (by code) at sites (by id); returns how many moved.
    public func assign(_ sites: [String: UUID], tenantID: UUID, audit: AuditContext) async throws -> Int {
        try await EmployeeAssignment(db: db).assign(sites, column: "site_id", keyPath: \.siteID, tenantID: tenantID, audit: audit)
    }
}
