import Fluent
import Foundation
import Platform

/// The organisation as approver resolution needs it: users, their employees, managers,
/// departments and role holders of one company. Reads lazily and remembers within one action.
final class OrgDirectory: @unchecked Sendable {
    struct Person: Sendable {
        let userID: UUID
        let name: String
        let active: Bool
    }

    let tenantID: UUID
    let db: any Database
    private var people: [UUID: Person] = [:]
    private var employeesByUser: [UUID: Employee?] = [:]
    private var employees: [UUID: Employee?] = [:]
    private var departments: [UUID: Department?] = [:]

    init(tenantID: UUID, db: any Database) {
        self.tenantID = tenantID
        self.db = db
    }

    /// The company's user `id`, or nil for none (or another company's).
    func person(_ id: UUID) async throws -> Person? {
        if let known = people[id] { return known }
        guard let user = try await User.query(on: db).filter(\.$id == id).filter(\.$tenantID == tenantID).first() else { return nil }
        let person = Person(userID: id, name: user.name, active: user.active)
        people[id] = person
        return person
    }

    func employee(ofUser userID: UUID) async throws -> Employee? {
        if let known = employeesByUser[userID] { return known }
        let found = try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$userID == userID).filter(\.$archived == false).first()
        employeesByUser[userID] = found
        return found
    }

    func employee(_ id: UUID) async throws -> Employee? {
        if let known = employees[id] { return known }
        let found = try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id == id).first()
        employees[id] = found
        return found
    }

    func department(_ id: UUID) async throws -> Department? {
        if let known = departments[id] { return known }
        let found = try await Department.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id == id).first()
        departments[id] = found
        return found
    }

    /// The requester's department: their employee's.
    func departmentID(ofUser userID: UUID) async throws -> UUID? { try await employee(ofUser: userID)?.departmentID }

    /// `department` and its ancestors, nearest first.
    func departmentChain(_ department: UUID?) async throws -> [UUID] {
        var chain: [UUID] = []
        var next = department
        while let id = next, !chain.contains(id), chain.count < 64 {
            chain.append(id)
            next = try await self.department(id)?.parentID
        }
        return chain
    }

    /// The reports-to chain above the user, as user ids, nearest first. Managers without a
    /// user account are passed over (they cannot sign in to approve).
    func managerChain(ofUser userID: UUID) async throws -> [UUID] {
        var chain: [UUID] = []
        var seen: Set<UUID> = []
        var next = try await employee(ofUser: userID)?.managerID
        while let id = next, seen.insert(id).inserted, seen.count < 64 {
            guard let manager = try await employee(id) else { break }
            if let user = manager.userID, user != userID { chain.append(user) }
            next = manager.managerID
        }
        return chain
    }

    /// The head of a department, as a user id.
    func headUser(of department: UUID) async throws -> UUID? {
        guard let head = try await self.department(department)?.headID else { return nil }
        return try await employee(head)?.userID
    }

    /// Active holders of role `key`, by name.
    func roleHolders(_ key: String) async throws -> [UUID] {
        guard let role = try await TenantRole.query(on: db).filter(\.$tenantID == tenantID).filter(\.$key == key).first(),
              let roleID = role.id else { return [] }
        let userIDs = try await UserRole.query(on: db).filter(\.$tenantID == tenantID).filter(\.$roleID == roleID).all().map(\.userID)
        guard !userIDs.isEmpty else { return [] }
        let users = try await User.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ userIDs).filter(\.$active == true).sort(\.$name).all()
        for user in users { people[user.id!] = Person(userID: user.id!, name: user.name, active: user.active) }
        return users.compactMap(\.id)
    }

    /// Active company administrators, the approval administrator of last resort.
    func administrators() async throws -> [UUID] { try await roleHolders(BuiltInRole.administrator.key) }

    func name(_ id: UUID) async throws -> String { try await person(id)?.name ?? "—" }
}
