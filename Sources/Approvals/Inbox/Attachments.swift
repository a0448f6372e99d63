import Fluent
import Foundation
import Platform

/// Files attached to a comment or a decision: uploaded (`POST /api/v1/files`) to the caller's company.
enum Attachments {
    /// - Returns: the ids, without repeats, in order.
    /// - Throws: 422 on `attachments`: more than 20, or an id that is not a file of the company.
    static func check(_ ids: [UUID]?, tenantID: UUID, on db: any Database) async throws -> [UUID] {
        let unique = (ids ?? []).reduce(into: [UUID]()) { if !$0.contains($1) { $0.append($1) } }
        guard !unique.isEmpty else { return [] }
        guard unique.count <= 20 else { throw DomainError.invalid([.init("attachments", "approvals.attachments_too_many")]) }
        let found = try await StoredFile.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ unique).count()
        guard found == unique.count else { throw DomainError.invalid([.init("attachments", "approvals.attachment_unknown")]) }
        return unique
    }
}
