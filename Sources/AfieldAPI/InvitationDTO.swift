import Foundation

/// `POST /api/v1/auth/invitations`: invite someone by a one-time link or code. They choose
/// their own name and password when they accept; `days` (1…30, default 7) bounds the wait.
public struct NewInvitationRequest: Codable, Sendable {
    public var email: String
    public var name: String?
    /// Role keys, at least one.
    public var roles: [String]
    /// Links the new user to this employee record when they accept.
    public var employeeId: UUID?
    public var days: Int?
    public init(email: String, name: String? = nil, roles: [String], employeeId: UUID? = nil, days: Int? = nil) {
        self.email = email
        self.name = name
        self.roles = roles
        self.employeeId = employeeId
        self.days = days
    }
}

/// An invitation as administrators see it. `state`: `pending`, `accepted`, `revoked` or `expired`.
public struct InvitationDTO: Codable, Sendable {
    public var id: UUID
    public var email: String
    public var name: String?
    public var roles: [String]
    public var state: String
    public var invitedBy: String
    public var createdAt: Date?
    public var expiresAt: Date
    public init(id: UUID, email: String, name: String?, roles: [String], state: String, invitedBy: String, createdAt: Date?, expiresAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.roles = roles
        self.state = state
        self.invitedBy = invitedBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// Answer of `POST /api/v1/auth/invitations`: `code` is shown this once (only its hash is
/// kept); `path` is the web app's page that accepts it, to send as a link.
public struct NewInvitationResponse: Codable, Sendable {
    public var invitation: InvitationDTO
    /// 12 characters without look-alikes, grouped `XXXX-XXXX-XXXX` (≈59 bits).
    public var code: String
    /// `/#/invite/<code>`; prefix the server's address.
    public var path: String
    public init(invitation: InvitationDTO, code: String, path: String) {
        self.invitation = invitation
        self.code = code
        self.path = path
    }
}

/// `GET /api/v1/auth/invitations/lookup?code=…` (no sign-in): what the invitee is joining.
public struct InvitationPreview: Codable, Sendable {
    public var companyName: String
    public var email: String
    public var name: String?
    public init(companyName: String, email: String, name: String?) {
        self.companyName = companyName
        self.email = email
        self.name = name
    }
}

/// `POST /api/v1/auth/invitations/accept` (no sign-in): creates the account and signs in.
/// The code works once; a used, revoked, expired or unknown code gives 410
/// `auth.invitation_invalid`.
public struct AcceptInvitationRequest: Codable, Sendable {
    public var code: String
    public var name: String
    public var password: String
    public init(code: String, name: String, password: String) {
        self.code = code
        self.name = name
        self.password = password
    }
}
