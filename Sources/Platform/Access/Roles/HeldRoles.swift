import Fluent
import Foundation
import Vapor

/// The roles one user holds, resolved — for answers about the user (`/auth/me`) rather than
/// for authorising a request (``AuthenticationMiddleware`` does that from its cache).
public struct HeldRoles: Sendable {
    public let roles: [ResolvedRole]

    public static func load(userID: UUID, tenantID: UUID, application: Application, on db: any Database) async throws -> HeldRoles {
        let links = try await UserRole.query(on: db).filter(\.$userID == userID).all()
        let rows = try await TenantRole.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ links.map(\.roleID)).all()
        let settings = application.afield
        return HeldRoles(roles: rows.map { ResolvedRole($0, declared: settings.permissions, resources: settings.scopedResources) })
    }

    public var permissions: Set<String> { roles.reduce(into: Set<String>()) { $0.formUnion($1.permissions) } }
    public var keys: [String] { roles.map(\.key).sorted() }
    public var requireTwoFactor: Bool { roles.contains(where: \.requireTwoFactor) }
}
