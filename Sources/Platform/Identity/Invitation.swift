import Fluent
import Foundation

/// An invitation to join a company (DingTalk's 邀请成员): a one-time code, kept hashed, that
/// lets its holder create their own account with the roles the administrator chose.
public final class Invitation: Model, @unchecked Sendable {
    public static let schema = "invitations"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    @Field(key: "email") public var email: String
    @OptionalField(key: "name") public var name: String?
    /// JSON array of role keys.
    @Field(key: "roles") public var roles: String
    @OptionalField(key: "employee_id") public var employeeID: UUID?
    /// SHA-256 of the normalised code.
    @Field(key: "code_hash") public var codeHash: String
    @Field(key: "invited_by") public var invitedBy: UUID
    @Field(key: "invited_by_name") public var invitedByName: String
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "accepted_at") public var acceptedAt: Date?
    @OptionalField(key: "accepted_user_id") public var acceptedUserID: UUID?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public var roleKeys: [String] { (try? JSONDecoder().decode([String].self, from: Data(roles.utf8))) ?? [] }

    /// `pending`, `accepted`, `revoked` or `expired` at `now`.
    public func state(now: Date = Date()) -> String {
        if acceptedAt != nil { return "accepted" }
        if revokedAt != nil { return "revoked" }
        return expiresAt <= now ? "expired" : "pending"
    }

    /// Upper-cased, without spaces or dashes: what people type is forgiven its grouping.
    public static func normalise(_ code: String) -> String {
        String(code.uppercased().filter { $0.isLetter || $0.isNumber })
    }

    /// A new code: 12 characters from 31 without look-alikes (0/O, 1/I/L), grouped by four.
    public static func makeCode() -> String {
        let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")
        let chars = (0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] }
        return String(chars[0..<4]) + "-" + String(chars[4..<8]) + "-" + String(chars[8..<12])
    }
}

/// `platform.0011_invitations`.
struct CreateInvitations: AsyncMigration {
    var name: String { "platform.0011_invitations" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Invitation.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("email", .string, .required)
            .field("name", .string)
            .field("roles", .string, .required)
            .field("employee_id", .uuid)
            .field("code_hash", .string, .required).unique(on: "code_hash")
            .field("invited_by", .uuid, .required)
            .field("invited_by_name", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("accepted_at", .datetime)
            .field("accepted_user_id", .uuid)
            .field("revoked_at", .datetime)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Invitation.schema).delete()
    }
}
