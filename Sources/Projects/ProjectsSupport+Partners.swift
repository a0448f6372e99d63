import Fluent
import Foundation
import Partners

/// Customer names through Partners' public directory.
enum PartnerNames {
    static func names(_ ids: Set<UUID>, tenantID: UUID, db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return try await PartnerDirectory(db: db).references(ids, tenantID: tenantID).mapValues(\.name)
    }
}
