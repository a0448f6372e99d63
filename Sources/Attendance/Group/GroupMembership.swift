import Fluent
import Foundation
import Platform

/// Which group each employee belongs to: their own membership, else that of their department or
/// of the nearest department above it (DingTalk's rule: a person's own setting wins over their
/// department's, a nearer department's over a farther one's).
struct GroupMembership: Sendable {
    /// The group that keeps a person's hours, and from which day (``AttendanceGroupMember/since``
    /// of the row that put them there: their own, or their department's).
    struct Membership: Sendable, Equatable {
        var groupID: UUID
        var since: String?
    }

    /// Employee → membership, for the employees asked about (those in no group are absent).
    static func groups(of employees: [Employee], tenantID: UUID, on db: any Database) async throws -> [UUID: Membership] {
        guard !employees.isEmpty else { return [:] }
        let members = try await AttendanceGroupMember.query(on: db).filter(\.$tenantID == tenantID).all()
        guard !members.isEmpty else { return [:] }
        var byEmployee: [UUID: Membership] = [:]
        var byDepartment: [UUID: Membership] = [:]
        for m in members {
            if let e = m.employeeID { byEmployee[e] = Membership(groupID: m.groupID, since: m.since) }
            if let d = m.departmentID { byDepartment[d] = Membership(groupID: m.groupID, since: m.since) }
        }
        let parents = byDepartment.isEmpty ? [:] : try await Self.parents(tenantID: tenantID, on: db)
        var answer: [UUID: Membership] = [:]
        for employee in employees {
            guard let id = employee.id else { continue }
            if let group = byEmployee[id] { answer[id] = group; continue }
            var department = employee.departmentID
            var hops = 0
            while let d = department, hops < 64 {
                if let group = byDepartment[d] { answer[id] = group; break }
                department = parents[d] ?? nil
                hops += 1
            }
        }
        return answer
    }

    /// Department → parent (nil at the top).
    static func parents(tenantID: UUID, on db: any Database) async throws -> [UUID: UUID?] {
        let rows = try await Department.query(on: db).filter(\.$tenantID == tenantID).all()
        return Dictionary(uniqueKeysWithValues: rows.compactMap { d in d.id.map { ($0, d.parentID) } })
    }

    /// The current employees whose group is `groupID`.
    static func employees(of groupID: UUID, tenantID: UUID, on db: any Database) async throws -> [Employee] {
        let everyone = try await Employee.query(on: db).filter(\.$tenantID == tenantID).filter(\.$archived == false).sort(\.$name).sort(\.$id).all()
        let groups = try await groups(of: everyone, tenantID: tenantID, on: db)
        return everyone.filter { $0.id.flatMap { groups[$0]?.groupID } == groupID }
    }
}
