import Vapor
import Fluent
import Foundation

/// A signed-in session or API token. Only the SHA-256 of the token is stored (DESIGN §5), so a
/// leaked database does not hand out sessions.
public final class UserSession: Model, @unchecked Sendable {
    public static let schema = "user_sessions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "tenant_id") public var tenantID: UUID
    @Field(key: "user_id") public var userID: UUID
    /// Hex SHA-256 of the bearer/cookie token.
    @Field(key: "token_hash") public var tokenHash: String
    /// `web` (cookie) or `api` (bearer).
    @Field(key: "kind") public var kind: String
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "revoked_at") public var revokedAt: Date?
    /// A label for API tokens ("ERP bridge").
    @OptionalField(key: "name") public var name: String?
    /// JSON array of permission keys an API token is limited to; nil = the user's own.
    @OptionalField(key: "scopes") public var scopes: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(tenantID: UUID, userID: UUID, tokenHash: String, kind: String, expiresAt: Date) {
        self.tenantID = tenantID
        self.userID = userID
        self.tokenHash = tokenHash
        self.kind = kind
        self.expiresAt = expiresAt
    }

    /// A new random token (256 bits, URL-safe base64) and its stored hash.
    public static func makeToken() -> (token: String, hash: String) {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let token = bytes.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return (token, hash(token))
    }

    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
