import Fluent
import Foundation

/// Which roles users hold: reading and replacing a user's set of roles.
public enum RoleAssignment {
    /// Replaces the roles `userID` holds with the company roles named by `keys` (at least one).
    /// - Returns: the keys now held, sorted.
    /// - Throws: 422 at field `roles`: `field.required` for none, `auth.unknown_role` for a key
    ///   the company lacks or has archived. Nothing changes then.
    @discardableResult
    public static func replace(userID: UUID, tenantID: UUID, keys: [String], on db: any Database) async throws -> [String] {
        let wanted = Set(keys)
        guard !wanted.isEmpty else { throw DomainError.invalid([.init("roles", "field.required")]) }
        let roles = try await TenantRole.query(on: db).filter(\.$tenantID == tenantID).filter(\.$key ~~ Array(wanted)).all()
        let usable = roles.filter { !$0.archived }
        if let unknown = wanted.subtracting(usable.map(\.key)).sorted().first {
            throw DomainError.invalid([.init("roles", "auth.unknown_role", params: ["role": unknown])])
        }
        try await UserRole.query(on: db).filter(\.$userID == userID).delete()
        for role in usable { try await UserRole(tenantID: tenantID, userID: userID, roleID: try role.requireID()).create(on: db) }
        return usable.map(\.key).sorted()
    }

    /// The role keys each of `userIDs` holds, sorted.
    public static func keys(of userIDs: [UUID], on db: any Database) async throws -> [UUID: [String]] {
        guard !userIDs.isEmpty else { return [:] }
        let links = try await UserRole.query(on: db).filter(\.$userID ~~ userIDs).all()
        let roles = try await TenantRole.query(on: db).filter(\.$id ~~ Set(links.map(\.roleID))).all()
        let keyByID = Dictionary(uniqueKeysWithValues: roles.compactMap { role in role.id.map { ($0, role.key) } })
        var result: [UUID: [String]] = [:]
        for link in links { if let key = keyByID[link.roleID] { result[link.userID, default: []].append(key) } }
        return result.mapValues { $0.sorted() }
    }

    /// The role keys `userID` holds, sorted.
    public static func keys(of userID: UUID, on db: any Database) async throws -> [String] {
        try await keys(of: [userID], on: db)[userID] ?? []
    }

    /// How many active users hold each role of the company, by role id.
    public static func activeHolders(tenantID: UUID, on db: any Database) async throws -> [UUID: Int] {
        let links = try await UserRole.query(on: db).filter(\.$tenantID == tenantID)
            .join(User.self, on: \UserRole.$userID == \User.$id).filter(User.self, \.$active == true).all()
        var counts: [UUID: Int] = [:]
        for link in links { counts[link.roleID, default: 0] += 1 }
        return counts
    }
}
