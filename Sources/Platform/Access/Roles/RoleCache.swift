import Fluent
import Foundation
import NIOConcurrencyHelpers

/// Each company's resolved roles, kept in memory and reloaded when the company's
/// `roles_revision` (read with the session on every request) moves — so a role edited by
/// another server process takes effect on the next request everywhere.
public final class RoleCache: Sendable {
    private struct Entry {
        let revision: Int
        let roles: [UUID: ResolvedRole]
    }

    private let entries = NIOLockedValueBox<[UUID: Entry]>([:])

    public init() {}

    /// The company's roles by id at `revision`, loading them when the cached copy is older.
    public func roles(tenantID: UUID, revision: Int, declared: [Permission], resources: [String], on db: any Database) async throws -> [UUID: ResolvedRole] {
        if let entry = entries.withLockedValue({ $0[tenantID] }), entry.revision == revision { return entry.roles }
        let rows = try await TenantRole.query(on: db).filter(\.$tenantID == tenantID).all()
        var roles: [UUID: ResolvedRole] = [:]
        for row in rows {
            let role = ResolvedRole(row, declared: declared, resources: resources)
            roles[role.id] = role
        }
        let loaded = roles
        entries.withLockedValue { $0[tenantID] = Entry(revision: revision, roles: loaded) }
        return roles
    }
}
