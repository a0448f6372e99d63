import Fluent
import Foundation

/// A position (职位/岗位) an employee holds, e.g. "Sales Representative". Per company; the name
/// is unique among positions that are not archived (case-insensitive), and so is the optional
/// code. Archived positions keep their holders but take no new ones.
public final class Position: Model, @unchecked Sendable {
    public static let schema = "positions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    @Field(key: "name") public var name: String
    /// Optional short code for payroll or imports (`NW-POS-SALES-REP`).
    @OptionalField(key: "code") public var code: String?
    @Field(key: "archived") public var archived: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?
    @Field(key: "version") public var version: Int

    public init() {}

    public init(tenantID: UUID, name: String, code: String?) {
        self.tenantID = tenantID
        self.name = name
        self.code = code
        self.archived = false
        self.version = 1
    }
}
