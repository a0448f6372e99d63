import Fluent
import Foundation

/// Idempotent upsert of departments by code, for imports.
public struct DepartmentImport: Sendable {
    public struct Record: Sendable, Equatable {
        public var code: String
        public var name: String
        public var parentCode: String?
        /// Employee code of the head.
        public var headCode: String?
        public init(code: String, name: String, parentCode: String?, headCode: String?) {
            self.code = code
            self.name = name
            self.parentCode = parentCode
            self.headCode = headCode
        }
    }

    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Upserts `records` (parents before children); returns outcomes and department ids by code.
    public func upsert(_ records: [Record], employeeIDs: [String: UUID], tenantID: UUID, audit: AuditContext)
        async throws -> ([ImportOutcome], [String: UUID]) {
        let existing = try await Department.query(on: db).filter(\.$tenantID == tenantID).all()
        var byCode = Dictionary(existing.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var outcomes: [ImportOutcome] = []
        for record in records {
            let parentID = record.parentCode.flatMap { byCode[$0]?.id }
            let headID = record.headCode.flatMap { employeeIDs[$0] }
            let current = byCode[record.code]
            let department = current ?? Department(tenantID: tenantID, code: record.code, name: record.name, parentID: parentID)
            var changes = AuditChanges()
            changes.set("name", current?.name, record.name)
            changes.set("parent_id", current?.parentID?.uuidString, parentID?.uuidString)
            changes.set("head_id", current?.headID?.uuidString, headID?.uuidString)
            if current == nil { changes.set("code", nil, record.code) }
            guard !changes.isEmpty else { outcomes.append(.unchanged); continue }
            department.name = record.name
            department.parentID = parentID
            department.headID = headID
            if current != nil { department.version += 1 }
            try await department.save(on: db)
            byCode[record.code] = department
            try await AuditLog.append(entity: "platform.department", entityID: department.id, action: current == nil ? "create" : "update",
                                      changes: changes, context: audit, on: db)
            outcomes.append(current == nil ? .created : .updated)
        }
        return (outcomes, byCode.compactMapValues(\.id))
    }

    /// Puts employees (by code) into departments (by id); returns how many moved.
    public func assign(_ membership: [String: UUID], tenantID: UUID, audit: AuditContext) async throws -> Int {
        let employees = try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$code ~~ Array(membership.keys)).all()
        var moved = 0
        for employee in employees {
            guard let department = membership[employee.code], employee.departmentID != department else { continue }
            var changes = AuditChanges()
            changes.set("department_id", employee.departmentID?.uuidString, department.uuidString)
            employee.departmentID = department
            employee.version += 1
            try await employee.save(on: db)
            try await AuditLog.append(entity: "platform.employee", entityID: employee.id, action: "update", changes: changes, context: audit, on: db)
            moved += 1
        }
        return moved
    }
}
