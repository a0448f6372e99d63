import Foundation

/// A position (职位/岗位) as `GET /api/v1/org/positions` lists it.
///
/// `name` is unique per company among positions that are not archived (case-insensitive);
/// `code` is optional and unique the same way when given.
public struct PositionDTO: Codable, Sendable, Equatable {
    public var id: UUID
    public var name: String
    public var code: String?
    public var archived: Bool
    /// Current (not archived) employees holding this position.
    public var employeeCount: Int
    public var version: Int
    public init(id: UUID, name: String, code: String?, archived: Bool, employeeCount: Int, version: Int) {
        self.id = id
        self.name = name
        self.code = code
        self.archived = archived
        self.employeeCount = employeeCount
        self.version = version
    }
}

/// `POST /api/v1/org/positions`: `name` required (1–100 characters), `code` optional (≤ 30).
public struct PositionInput: Codable, Sendable {
    public var name: String?
    public var code: String?
    public init(name: String?, code: String? = nil) {
        self.name = name
        self.code = code
    }
}

/// `PATCH /api/v1/org/positions/{id}`: `version` required (stale → 409 with `current`);
/// absent fields stay, an empty `code` clears it, `archived` archives or restores.
public struct PositionUpdate: Codable, Sendable {
    public var version: Int?
    public var name: String?
    public var code: String?
    public var archived: Bool?
    public init(version: Int?, name: String? = nil, code: String? = nil, archived: Bool? = nil) {
        self.version = version
        self.name = name
        self.code = code
        self.archived = archived
    }
}
