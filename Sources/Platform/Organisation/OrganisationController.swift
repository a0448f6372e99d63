import AfieldAPI
import Fluent
import Foundation
import SQLKit
import Vapor

/// `/api/v1/org`: departments (tree: add, rename, move, archive) and the reporting chart; the
/// directory is ``EmployeeController``'s.
struct OrganisationController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, "departments", permission: OrganisationModule.read, summary: "All departments (flat; parentId makes the tree)",
                  use: departments)
        routes.on(.POST, "departments", permission: OrganisationModule.manage, summary: "Add a department", body: DepartmentInput.self,
                  status: .created, use: create)
        routes.on(.PATCH, "departments", ":id", permission: OrganisationModule.manage,
                  summary: "Rename, move, change the head of or archive a department (send the version read)", body: DepartmentUpdate.self,
                  use: update)
        routes.on(.GET, "chart", permission: OrganisationModule.read, summary: "Who reports to whom, from the top", use: chart)
    }

    @Sendable func departments(_ req: Request) async throws -> [DepartmentDTO] {
        let actor = try req.actor
        return try await dtos(try await Department.query(on: req.database).filter(\.$tenantID == actor.tenantID).sort(\.$name).sort(\.$id).all(),
                              req, tenantID: actor.tenantID)
    }

    @Sendable func create(_ req: Request) async throws -> DepartmentDTO {
        let actor = try req.actor
        let audit = try req.auditContext
        let body = try req.content.decode(DepartmentInput.self)
        var early: [DomainError.Field] = []
        let name = OrgInput.name(body.name, max: 100, required: true, problems: &early) ?? ""
        let nameProblems = early
        let department = try await req.write { db in
            var problems = nameProblems
            if let parent = body.parentId, try await Self.find(parent, actor.tenantID, db) == nil { problems.append(.init("parentId", "org.department.unknown")) }
            if let head = body.headId, try await EmployeeDirectory(db: db).find(head, tenantID: actor.tenantID) == nil {
                problems.append(.init("headId", "org.employee.unknown"))
            }
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            let department = Department(tenantID: actor.tenantID, code: "DEPT-\(UUID().uuidString.prefix(8))", name: name, parentID: body.parentId)
            department.headID = body.headId
            try await department.create(on: db)
            var changes = AuditChanges()
            changes.created([("name", name), ("parent_id", body.parentId?.uuidString), ("head_id", body.headId?.uuidString)])
            try await AuditLog.append(entity: OrganisationModule.departmentEntity, entityID: department.id, action: "create", changes: changes,
                                      context: audit, on: db)
            return department
        }
        return try await dtos([department], req, tenantID: actor.tenantID)[0]
    }

    @Sendable func update(_ req: Request) async throws -> DepartmentDTO {
        let actor = try req.actor
        let audit = try req.auditContext
        let id = try req.pathID(entity: "department")
        let body = try req.content.decode(DepartmentUpdate.self)
        guard let version = body.version else { throw DomainError.invalid([.init("version", "field.required")]) }
        let updated = try await req.write { db -> Department in
            guard let department = try await Self.find(id, actor.tenantID, db) else { throw DomainError.notFound("department") }
            guard department.version == version else {
                throw DomainError.staleVersion("department", current: try await dtos([department], req, tenantID: actor.tenantID, db: db)[0])
            }
            var changes = AuditChanges()
            var problems: [DomainError.Field] = []
            if body.name != nil, let name = OrgInput.name(body.name, max: 100, required: true, problems: &problems) {
                changes.set("name", department.name, name)
                department.name = name
            }
            if body.moveToRoot == true {
                changes.set("parent_id", department.parentID?.uuidString, nil)
                department.parentID = nil
            } else if let parent = body.parentId {
                let tree = try await DepartmentTree.load(tenantID: actor.tenantID, on: db)
                if try await Self.find(parent, actor.tenantID, db) == nil {
                    problems.append(.init("parentId", "org.department.unknown"))
                } else if tree.wouldCycle(moving: id, under: parent) {
                    problems.append(.init("parentId", "org.department.cycle"))
                } else {
                    changes.set("parent_id", department.parentID?.uuidString, parent.uuidString)
                    department.parentID = parent
                }
            }
            if body.clearHead == true, department.headID != nil {
                changes.set("head_id", department.headID?.uuidString, nil)
                department.headID = nil
            } else if let head = body.headId {
                if try await EmployeeDirectory(db: db).find(head, tenantID: actor.tenantID) == nil {
                    problems.append(.init("headId", "org.employee.unknown"))
                } else { changes.set("head_id", department.headID?.uuidString, head.uuidString); department.headID = head }
            }
            if let archived = body.archived, archived != department.archived {
                if archived, try await Self.hasActiveContent(id, actor.tenantID, db) {
                    problems.append(.init("archived", "org.department.not_empty"))
                } else { changes.set("archived", department.archived, archived); department.archived = archived }
            }
            guard problems.isEmpty else { throw DomainError.invalid(problems) }
            guard !changes.isEmpty else { return department }
            let sql = db as! any SQLDatabase
            let row = try await sql.update(Department.schema)
                .set("name", to: department.name).set("parent_id", to: department.parentID).set("head_id", to: department.headID)
                .set("archived", to: department.archived).set("updated_at", to: Date()).set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("version", .equal, version).returning("id").first()
            guard row != nil else { throw DomainError.staleVersion("department") }
            department.version += 1
            try await AuditLog.append(entity: OrganisationModule.departmentEntity, entityID: id, action: "update", changes: changes, context: audit, on: db)
            return department
        }
        return try await dtos([updated], req, tenantID: actor.tenantID)[0]
    }

    @Sendable func chart(_ req: Request) async throws -> [OrgChartNode] {
        let actor = try req.actor
        let people = try await Employee.query(on: req.database).filter(\.$tenantID == actor.tenantID).filter(\.$archived == false).sort(\.$name).all()
        let names = try await Self.names(actor.tenantID, req.database)
        let ids = Set(people.compactMap(\.id))
        var reports: [UUID: [Employee]] = [:]
        for person in people { if let manager = person.managerID, ids.contains(manager) { reports[manager, default: []].append(person) } }
        func node(_ e: Employee, depth: Int) -> OrgChartNode {
            OrgChartNode(id: e.id!, name: e.name, title: e.title, departmentName: e.departmentID.flatMap { names[$0] },
                         reports: depth > 50 ? [] : (reports[e.id!] ?? []).map { node($0, depth: depth + 1) })
        }
        return people.filter { $0.managerID.map { !ids.contains($0) } ?? true }.map { node($0, depth: 0) }
    }

    private func dtos(_ departments: [Department], _ req: Request, tenantID: UUID, db: (any Database)? = nil) async throws -> [DepartmentDTO] {
        let db = db ?? req.database
        let heads = try await EmployeeDirectory(db: db).names(Set(departments.compactMap(\.headID)), tenantID: tenantID)
        let members = try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$archived == false).all()
        var counts: [UUID: Int] = [:]
        for m in members { if let d = m.departmentID { counts[d, default: 0] += 1 } }
        return departments.map { d in
            DepartmentDTO(id: d.id!, name: d.name, parentId: d.parentID, headId: d.headID, headName: d.headID.flatMap { heads[$0] },
                          archived: d.archived, memberCount: counts[d.id!] ?? 0, version: d.version)
        }
    }

    static func find(_ id: UUID, _ tenantID: UUID, _ db: any Database) async throws -> Department? {
        try await Department.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id == id).first()
    }

    static func names(_ tenantID: UUID, _ db: any Database) async throws -> [UUID: String] {
        Dictionary(uniqueKeysWithValues: try await Department.query(on: db).filter(\.$tenantID == tenantID).all().map { ($0.id!, $0.name) })
    }

    /// Current members or sub-departments that are not archived.
    static func hasActiveContent(_ id: UUID, _ tenantID: UUID, _ db: any Database) async throws -> Bool {
        let members = try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$departmentID == id).filter(\.$archived == false).count()
        let children = try await Department.query(on: db).filter(\.$tenantID == tenantID).filter(\.$parentID == id).filter(\.$archived == false).count()
        return members + children > 0
    }
}
