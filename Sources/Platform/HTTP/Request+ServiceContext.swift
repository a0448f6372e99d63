import AfieldAPI
import Foundation
import Vapor

// The HTTP side of services that take a ``ServiceContext``: what a route hands them. Services
// themselves never name `Request` (test `ServiceBoundaryTests`).

extension Request {
    /// The signed-in caller's ``ServiceContext``: their actor, this request's audit context
    /// (`web` or `api`, IP, user agent, request id), the application's clock and the request's
    /// language. Controllers build it and hand it to services.
    /// - Throws: 401 `auth.unauthenticated` when nobody is signed in.
    public var serviceContext: ServiceContext {
        get throws {
            ServiceContext(actor: try actor, audit: try auditContext, database: db, application: application,
                           clock: application.afield.clock, language: language)
        }
    }
}

extension AuditViewer {
    /// ``history(entity:id:context:limit:)`` for the signed-in caller of `req`.
    public static func history(entity: String, id: UUID, for req: Request, limit: Int = 200) async throws -> [AuditEntryDTO] {
        try await history(entity: entity, id: id, context: try req.serviceContext, limit: limit)
    }
}
