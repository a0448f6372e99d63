import AfieldAPI
import Fluent
import Foundation
import SQLKit
import Vapor

/// `/api/v1/org/positions`: list, add, rename / recode, archive and restore positions.
struct PositionController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, "positions", permission: OrganisationModule.read, summary: "All positions (archived ones too), by name",
                  use: list)
        routes.on(.POST, "positions", permission: OrganisationModule.managePositions, summary: "Add a position (name unique among current ones)",
                  body: PositionInput.self, status: .created, use: create)
        routes.on(.PATCH, "positions", ":id", permission: OrganisationModule.managePositions,
                  summary: "Rename, recode, archive or restore a position (send the version read; 409 when stale)", body: PositionUpdate.self,
                  use: update)
    }

    @Sendable func list(_ req: Request) async throws -> [PositionDTO] {
        let actor = try req.actor
        let rows = try await Position.query(on: req.database).filter(\.$tenantID == actor.tenantID).sort(\.$name).sort(\.$id).all()
        return try await Self.dtos(rows, tenantID: actor.tenantID, db: req.database)
    }

    @Sendable func create(_ req: Request) async throws -> PositionDTO {
        let actor = try req.actor
        let audit = try req.auditContext
        let body = try req.content.decode(PositionInput.self)
        var early: [DomainError.Field] = []
        let name = OrgInput.name(body.name, required: true, problems: &early)
        let code = OrgInput.optional(body.code, path: "code", max: 30, problems: &early) ?? nil
        let problems = early
        let position = try await Self.uniquely {
            try await req.write { db in
                var problems = problems
                if let name { problems += try await Self.clashes(name: name, code: code, excluding: nil, tenantID: actor.tenantID, db) }
                guard problems.isEmpty, let name else { throw DomainError.invalid(problems) }
                let position = Position(tenantID: actor.tenantID, name: name, code: code)
                try await position.create(on: db)
                var changes = AuditChanges()
                changes.created([("name", name), ("code", code)])
                try await AuditLog.append(entity: OrganisationModule.positionEntity, entityID: position.id, action: "create", changes: changes,
                                          context: audit, on: db)
                return position
            }
        }
        return try await Self.dtos([position], tenantID: actor.tenantID, db: req.database)[0]
    }

    @Sendable func update(_ req: Request) async throws -> PositionDTO {
        let actor = try req.actor
        let audit = try req.auditContext
        let id = try req.pathID(entity: "position")
        let body = try req.content.decode(PositionUpdate.self)
        let updated = try await Self.uniquely {
            try await req.write { db -> Position in
                guard let position = try await Self.find(id, actor.tenantID, db) else { throw DomainError.notFound("position") }
                guard let version = body.version else { throw DomainError.invalid([.init("version", "field.required")]) }
                guard position.version == version else {
                    throw DomainError.staleVersion("position", current: try await Self.dtos([position], tenantID: actor.tenantID, db: db)[0])
                }
                var problems: [DomainError.Field] = []
                var changes = AuditChanges()
                if let name = OrgInput.name(body.name, required: false, problems: &problems), name != position.name {
                    changes.set("name", position.name, name)
                    position.name = name
                }
                if let code = OrgInput.optional(body.code, path: "code", max: 30, problems: &problems), code != position.code {
                    changes.set("code", position.code, code)
                    position.code = code
                }
                if let archived = body.archived, archived != position.archived {
                    if archived, try await Self.holders(id, actor.tenantID, db) > 0 {
                        problems.append(.init("archived", "org.position.in_use"))
                    } else {
                        changes.set("archived", position.archived, archived)
                        position.archived = archived
                    }
                }
                if !position.archived, problems.isEmpty, !changes.isEmpty {
                    problems += try await Self.clashes(name: position.name, code: position.code, excluding: id, tenantID: actor.tenantID, db)
                }
                guard problems.isEmpty else { throw DomainError.invalid(problems) }
                guard !changes.isEmpty else { return position }
                let row = try await (db as! any SQLDatabase).update(Position.schema)
                    .set("name", to: position.name).set("code", to: position.code).set("archived", to: position.archived)
                    .set("updated_at", to: Date()).set(SQLColumn("version"), to: SQLRaw("version + 1"))
                    .where("id", .equal, id).where("tenant_id", .equal, actor.tenantID).where("version", .equal, version)
                    .returning("id").first()
                guard row != nil else { throw DomainError.staleVersion("position") }
                position.version += 1
                try await AuditLog.append(entity: OrganisationModule.positionEntity, entityID: id, action: "update", changes: changes,
                                          context: audit, on: db)
                return position
            }
        }
        return try await Self.dtos([updated], tenantID: actor.tenantID, db: req.database)[0]
    }

    /// Runs `body`; a unique-index violation (two writers racing past the check on PostgreSQL)
    /// becomes the same 422 the check gives.
    static func uniquely<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.invalid([.init("name", "org.position.name_taken")])
        }
    }

    /// Name and code clashes with the tenant's other current positions.
    static func clashes(name: String, code: String?, excluding id: UUID?, tenantID: UUID, _ db: any Database) async throws -> [DomainError.Field] {
        let others = try await Position.query(on: db).filter(\.$tenantID == tenantID).filter(\.$archived == false).all().filter { $0.id != id }
        var problems: [DomainError.Field] = []
        if others.contains(where: { OrgInput.same($0.name, name) }) { problems.append(.init("name", "org.position.name_taken")) }
        if others.contains(where: { OrgInput.same($0.code, code) }) { problems.append(.init("code", "org.position.code_taken")) }
        return problems
    }

    static func find(_ id: UUID, _ tenantID: UUID, _ db: any Database) async throws -> Position? {
        try await Position.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id == id).first()
    }

    /// Current employees holding the position.
    static func holders(_ id: UUID, _ tenantID: UUID, _ db: any Database) async throws -> Int {
        try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$positionID == id).filter(\.$archived == false).count()
    }

    static func dtos(_ positions: [Position], tenantID: UUID, db: any Database) async throws -> [PositionDTO] {
        let ids = positions.compactMap(\.id)
        let holders = ids.isEmpty ? [] : try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$positionID ~~ ids)
            .filter(\.$archived == false).all()
        var counts: [UUID: Int] = [:]
        for e in holders { if let p = e.positionID { counts[p, default: 0] += 1 } }
        return positions.map { p in
            PositionDTO(id: p.id!, name: p.name, code: p.code, archived: p.archived, employeeCount: counts[p.id!] ?? 0, version: p.version)
        }
    }
}
