import Foundation

extension JobContext {
    /// A ``ServiceContext`` for this job acting as the active user `userID` of the job's company:
    /// the services the job calls check that user's permissions and data scopes, as a route
    /// would, and their audit entries name the user with `source` and the request id `job:<id>`.
    /// - Throws: 500 `internal` for an installation-wide job (no company); 404 `not_found`
    ///   (`user`) when no such active user exists in the job's company.
    public func acting(as userID: UUID, source: AuditSource = .system) async throws -> ServiceContext {
        guard let tenantID else { throw DomainError(status: 500, code: "internal") }
        return try await ServiceContext.acting(as: userID, in: tenantID, source: source, application: application, database: db,
                                               requestID: "job:\(jobID.uuidString.lowercased())")
    }
}
