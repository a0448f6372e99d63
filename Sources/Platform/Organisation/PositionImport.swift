import Fluent
import Foundation

/// Idempotent upsert of positions by name (case-insensitive, among current ones) and of
/// employees' positions, for imports.
public struct PositionImport: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    /// Makes sure a current position exists for each of `names`.
    /// - Returns: one outcome per distinct name (`created` or `unchanged`) and position ids by name.
    public func upsert(_ names: [String], tenantID: UUID, audit: AuditContext) async throws -> ([ImportOutcome], [String: UUID]) {
        var current = try await Position.query(on: db).filter(\.$tenantID == tenantID).filter(\.$archived == false).all()
        var outcomes: [ImportOutcome] = []
        var ids: [String: UUID] = [:]
        for name in names where ids[name] == nil {
            if let existing = current.first(where: { OrgInput.same($0.name, name) }) {
                ids[name] = existing.id
                outcomes.append(.unchanged)
                continue
            }
            let position = Position(tenantID: tenantID, name: name, code: nil)
            try await position.create(on: db)
            var changes = AuditChanges()
            changes.created([("name", name)])
            try await AuditLog.append(entity: OrganisationModule.positionEntity, entityID: position.id, action: "create", changes: changes,
                                      context: audit, on: db)
            current.append(position)
            ids[name] = position.id
            outcomes.append(.created)
        }
        return (outcomes, ids)
    }

    /// Gives employees (by code) positions (by id); returns how many changed.
    public func assign(_ positions: [String: UUID], tenantID: UUID, audit: AuditContext) async throws -> Int {
        try await EmployeeAssignment(db: db).assign(positions, column: "position_id", keyPath: \.positionID, tenantID: tenantID, audit: audit)
    }
}
