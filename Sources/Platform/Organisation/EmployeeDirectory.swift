import Fluent
import Foundation

/// Read access to employees for other modules (names on orders, salesperson filters).
public struct EmployeeDirectory: Sendable {
    public let db: any Database

    public init(db: any Database) { self.db = db }

    /// Employee names by id within `tenantID`; unknown ids are absent.
    public func names(_ ids: Set<UUID>, tenantID: UUID) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(uniqueKeysWithValues: rows.compactMap { e in e.id.map { ($0, e.name) } })
    }

    /// Departments of employees by id within `tenantID` (employees without one are absent).
    public func departments(_ ids: Set<UUID>, tenantID: UUID) async throws -> [UUID: UUID] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ Array(ids)).all()
        return Dictionary(uniqueKeysWithValues: rows.compactMap { e in e.id.flatMap { id in e.departmentID.map { (id, $0) } } })
    }

    /// The employee with `id` in `tenantID`, or nil.
    public func find(_ id: UUID, tenantID: UUID) async throws -> Employee? {
        try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id == id).first()
    }

    /// All current employees of the tenant, by name then id.
    public func all(tenantID: UUID) async throws -> [Employee] {
        try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$archived == false)
            .sort(\.$name).sort(\.$id).all()
    }
}
