import Fluent
import Foundation

/// Idempotent upsert of employees by code, for imports. Managers are set in a second pass so
/// that a file may list someone before their manager.
public struct EmployeeImport: Sendable {
    public struct Record: Sendable, Equatable {
        public var code: String
        public var name: String
        public var title: String?
        public var hireDate: String?
        public var managerCode: String?
        public init(code: String, name: String, title: String?, hireDate: String?, managerCode: String?) {
            self.code = code
            self.name = name
            self.title = title
            self.hireDate = hireDate
            self.managerCode = managerCode
        }
    }

    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Upserts all records; returns outcomes in order and the employee ids by code.
    public func upsert(_ records: [Record], tenantID: UUID, audit: AuditContext) async throws -> ([ImportOutcome], [String: UUID]) {
        let existing = try await Employee.query(on: db).filter(\.$tenantID == tenantID).all()
        var byCode = Dictionary(existing.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var changed: Set<String> = []
        var created: Set<String> = []
        for record in records {
            let employee = byCode[record.code] ?? Employee(tenantID: tenantID, code: record.code, name: record.name)
            if byCode[record.code] == nil { created.insert(record.code) }
            if employee.name != record.name || employee.title != record.title || employee.hireDate != record.hireDate || employee.id == nil {
                employee.name = record.name
                employee.title = record.title
                employee.hireDate = record.hireDate
                if employee.id != nil { employee.version += 1; changed.insert(record.code) }
                try await employee.save(on: db)
            }
            byCode[record.code] = employee
        }
        for record in records {
            let employee = byCode[record.code]!
            let managerID = record.managerCode.flatMap { byCode[$0]?.id }
            if employee.managerID != managerID {
                employee.managerID = managerID
                if !created.contains(record.code) { employee.version += 1; changed.insert(record.code) }
                try await employee.save(on: db)
            }
        }
        let outcomes = records.map { r -> ImportOutcome in created.contains(r.code) ? .created : (changed.contains(r.code) ? .updated : .unchanged) }
        for (record, outcome) in zip(records, outcomes) where outcome != .unchanged {
            let employee = byCode[record.code]!
            var changes = AuditChanges()
            changes.set("code", nil, outcome == .created ? record.code : nil)
            changes.set("name", nil, employee.name)
            changes.set("title", nil, employee.title)
            changes.set("hire_date", nil, employee.hireDate)
            changes.set("manager_id", nil, employee.managerID?.uuidString)
            try await AuditLog.append(entity: "platform.employee", entityID: employee.id, action: outcome == .created ? "create" : "update",
                                      changes: changes, context: audit, on: db)
        }
        return (outcomes, byCode.compactMapValues(\.id))
    }

    /// Links the employee with `code` to `userID` if it is not linked yet.
    public func link(code: String, userID: UUID, tenantID: UUID) async throws {
        guard let employee = try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$code == code).first(),
              employee.userID == nil else { return }
        employee.userID = userID
        try await employee.save(on: db)
    }
}
