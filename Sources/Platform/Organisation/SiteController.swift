import AfieldAPI
import Fluent
import Foundation
import SQLKit
import Vapor

/// `/api/v1/org/sites`: list, add, change, archive and restore branches and sites.
struct SiteController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, "sites", permission: OrganisationModule.read, summary: "All sites and branches (archived ones too), by name", use: list)
        routes.on(.POST, "sites", permission: OrganisationModule.manageSites,
                  summary: "Add a site (name unique among current ones; time zone defaults to the company's)", body: SiteInput.self,
                  status: .created, use: create)
        routes.on(.PATCH, "sites", ":id", permission: OrganisationModule.manageSites,
                  summary: "Change, archive or restore a site (send the version read; 409 when stale)", body: SiteUpdate.self, use: update)
    }

    @Sendable func list(_ req: Request) async throws -> [SiteDTO] {
        let actor = try req.actor
        let rows = try await Site.query(on: req.database).filter(\.$tenantID == actor.tenantID).sort(\.$name).sort(\.$id).all()
        return try await Self.dtos(rows, tenantID: actor.tenantID, db: req.database)
    }

    @Sendable func create(_ req: Request) async throws -> SiteDTO {
        let actor = try req.actor
        let audit = try req.auditContext
        let body = try req.content.decode(SiteInput.self)
        var problems: [DomainError.Field] = []
        let name = OrgInput.name(body.name, required: true, problems: &problems)
        let address = OrgInput.optional(body.address, path: "address", max: 500, multiline: true, problems: &problems) ?? nil
        let beforeCoordinates = problems.count
        let latitude = Self.coordinate(body.latitude, .latitude, problems: &problems) ?? nil
        let longitude = Self.coordinate(body.longitude, .longitude, problems: &problems) ?? nil
        // A pair is checked only once both values are readable, so a bad one gets one message.
        if problems.count == beforeCoordinates {
            problems += Self.pairProblems(latitude: latitude, longitude: longitude, given: (body.latitude != nil, body.longitude != nil))
        }
        let timeZone = Self.timeZone(body.timeZone, problems: &problems) ?? actor.tenant.timeZone.identifier
        let early = problems
        let site = try await Self.uniquely {
            try await req.write { db in
                var problems = early
                if let name { problems += try await Self.clashes(name: name, excluding: nil, tenantID: actor.tenantID, db) }
                guard problems.isEmpty, let name else { throw DomainError.invalid(problems) }
                let site = Site(tenantID: actor.tenantID, name: name, address: address, latitude: latitude, longitude: longitude, timeZone: timeZone)
                try await site.create(on: db)
                var changes = AuditChanges()
                changes.created([("name", name), ("address", address), ("latitude", latitude), ("longitude", longitude), ("time_zone", timeZone)])
                try await AuditLog.append(entity: OrganisationModule.siteEntity, entityID: site.id, action: "create", changes: changes,
                                          context: audit, on: db)
                return site
            }
        }
        return try await Self.dtos([site], tenantID: actor.tenantID, db: req.database)[0]
    }

    @Sendable func update(_ req: Request) async throws -> SiteDTO {
        let actor = try req.actor
        let audit = try req.auditContext
        let id = try req.pathID(entity: "site")
        let body = try req.content.decode(SiteUpdate.self)
        let updated = try await Self.uniquely {
            try await req.write { db -> Site in
                guard let site = try await Self.find(id, actor.tenantID, db) else { throw DomainError.notFound("site") }
                guard let version = body.version else { throw DomainError.invalid([.init("version", "field.required")]) }
                guard site.version == version else {
                    throw DomainError.staleVersion("site", current: try await Self.dtos([site], tenantID: actor.tenantID, db: db)[0])
                }
                var problems: [DomainError.Field] = []
                var changes = AuditChanges()
                if let name = OrgInput.name(body.name, required: false, problems: &problems), name != site.name {
                    changes.set("name", site.name, name)
                    site.name = name
                }
                if let address = OrgInput.optional(body.address, path: "address", max: 500, multiline: true, problems: &problems), address != site.address {
                    changes.set("address", site.address, address)
                    site.address = address
                }
                let beforeCoordinates = problems.count
                let latitude = Self.coordinate(body.latitude, .latitude, problems: &problems) ?? site.latitude
                let longitude = Self.coordinate(body.longitude, .longitude, problems: &problems) ?? site.longitude
                if problems.count == beforeCoordinates {
                    problems += Self.pairProblems(latitude: latitude, longitude: longitude, given: (body.latitude != nil, body.longitude != nil))
                }
                changes.set("latitude", site.latitude, latitude)
                changes.set("longitude", site.longitude, longitude)
                site.latitude = latitude
                site.longitude = longitude
                if let zone = Self.timeZone(body.timeZone, problems: &problems), zone != site.timeZone {
                    changes.set("time_zone", site.timeZone, zone)
                    site.timeZone = zone
                }
                if let archived = body.archived, archived != site.archived {
                    if archived, try await Self.people(id, actor.tenantID, db) > 0 {
                        problems.append(.init("archived", "org.site.in_use"))
                    } else {
                        changes.set("archived", site.archived, archived)
                        site.archived = archived
                    }
                }
                if !site.archived, problems.isEmpty, !changes.isEmpty {
                    problems += try await Self.clashes(name: site.name, excluding: id, tenantID: actor.tenantID, db)
                }
                guard problems.isEmpty else { throw DomainError.invalid(problems) }
                guard !changes.isEmpty else { return site }
                let row = try await (db as! any SQLDatabase).update(Site.schema)
                    .set("name", to: site.name).set("address", to: site.address).set("latitude", to: site.latitude)
                    .set("longitude", to: site.longitude).set("time_zone", to: site.timeZone).set("archived", to: site.archived)
                    .set("updated_at", to: Date()).set(SQLColumn("version"), to: SQLRaw("version + 1"))
                    .where("id", .equal, id).where("tenant_id", .equal, actor.tenantID).where("version", .equal, version)
                    .returning("id").first()
                guard row != nil else { throw DomainError.staleVersion("site") }
                site.version += 1
                try await AuditLog.append(entity: OrganisationModule.siteEntity, entityID: id, action: "update", changes: changes, context: audit, on: db)
                return site
            }
        }
        return try await Self.dtos([updated], tenantID: actor.tenantID, db: req.database)[0]
    }

    /// A coordinate from the body: nil when absent, `.some(nil)` when empty (clear), else its
    /// canonical text; a bad value appends its problem.
    static func coordinate(_ raw: DecimalText?, _ axis: GeoCoordinate.Axis, problems: inout [DomainError.Field]) -> String?? {
        guard let raw else { return nil }
        if raw.text.trimmingCharacters(in: .whitespaces).isEmpty { return .some(nil) }
        guard let text = GeoCoordinate.parse(raw.text, axis: axis, path: axis == .latitude ? "latitude" : "longitude", problems: &problems)
        else { return nil }
        return .some(text)
    }

    /// `org.site.coordinates_pair` at the missing one when only one of the two is set.
    static func pairProblems(latitude: String?, longitude: String?, given: (Bool, Bool)) -> [DomainError.Field] {
        guard given.0 || given.1, (latitude == nil) != (longitude == nil) else { return [] }
        return [.init(latitude == nil ? "latitude" : "longitude", "org.site.coordinates_pair")]
    }

    /// The IANA identifier of `raw` (as `TimeZone` names it), nil when absent or unknown
    /// (`org.site.unknown_time_zone` appended).
    static func timeZone(_ raw: String?, problems: inout [DomainError.Field]) -> String? {
        guard let raw else { return nil }
        let text = raw.trimmingCharacters(in: .whitespaces)
        // Only region names: abbreviations such as "PST" or offsets are ambiguous or ignore summer time.
        guard text.contains("/") || text == "UTC", let zone = TimeZone(identifier: text) else {
            problems.append(.init("timeZone", "org.site.unknown_time_zone"))
            return nil
        }
        return zone.identifier
    }

    /// Runs `body`; a unique-index violation (writers racing past the check on PostgreSQL)
    /// becomes the same 422 the check gives.
    static func uniquely<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.invalid([.init("name", "org.site.name_taken")])
        }
    }

    static func clashes(name: String, excluding id: UUID?, tenantID: UUID, _ db: any Database) async throws -> [DomainError.Field] {
        let others = try await Site.query(on: db).filter(\.$tenantID == tenantID).filter(\.$archived == false).all().filter { $0.id != id }
        return others.contains { OrgInput.same($0.name, name) } ? [.init("name", "org.site.name_taken")] : []
    }

    static func find(_ id: UUID, _ tenantID: UUID, _ db: any Database) async throws -> Site? {
        try await Site.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id == id).first()
    }

    /// Current employees based at the site.
    static func people(_ id: UUID, _ tenantID: UUID, _ db: any Database) async throws -> Int {
        try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$siteID == id).filter(\.$archived == false).count()
    }

    static func dtos(_ sites: [Site], tenantID: UUID, db: any Database) async throws -> [SiteDTO] {
        let ids = sites.compactMap(\.id)
        let people = ids.isEmpty ? [] : try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$siteID ~~ ids)
            .filter(\.$archived == false).all()
        var counts: [UUID: Int] = [:]
        for e in people { if let s = e.siteID { counts[s, default: 0] += 1 } }
        return sites.map { s in
            SiteDTO(id: s.id!, name: s.name, address: s.address, latitude: s.latitude, longitude: s.longitude, timeZone: s.timeZone,
                    archived: s.archived, employeeCount: counts[s.id!] ?? 0, version: s.version)
        }
    }
}
