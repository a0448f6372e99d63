import Foundation

/// `GET /api/v1/auth/setup`: whether the server has no company yet and shows registration.
public struct SetupStatus: Codable, Sendable {
    public var needsRegistration: Bool
    public init(needsRegistration: Bool) { self.needsRegistration = needsRegistration }
}

/// `POST /api/v1/auth/login` body.
public struct LoginRequest: Codable, Sendable {
    public var email: String
    public var password: String
    public init(email: String, password: String) {
        self.email = email
        self.password = password
    }
}

/// `POST /api/v1/auth/register` body: creates a company (tenant) and its first administrator.
public struct RegisterRequest: Codable, Sendable {
    public var companyName: String
    public var name: String
    public var email: String
    /// The administrator's mobile number, required: digits with an optional leading `+`
    /// (spaces, dashes and brackets are ignored), 6–15 digits as E.164 allows.
    public var mobile: String?
    public var password: String
    public init(companyName: String, name: String, email: String, mobile: String?, password: String) {
        self.companyName = companyName
        self.name = name
        self.email = email
        self.mobile = mobile
        self.password = password
    }
}

/// Answer of login and register: a bearer token for API clients (the web app uses the
/// HttpOnly cookie set alongside) and the signed-in user.
public struct SessionResponse: Codable, Sendable {
    public var token: String
    public var user: Me
    public init(token: String, user: Me) {
        self.token = token
        self.user = user
    }
}

/// The signed-in user as `GET /api/v1/auth/me` shows it.
public struct Me: Codable, Sendable {
    public var id: UUID
    public var name: String
    public var email: String
    /// `en` or `zh-CN`; nil until the user picks one (the web app then follows the browser).
    public var locale: String?
    public var employeeId: UUID?
    public var twoFactorEnabled: Bool
    /// The password was set by an administrator: change it before anything else.
    public var mustChangePassword: Bool
    public var tenant: TenantInfo
    /// Permission keys such as `sales.order.read`, sorted.
    public var permissions: [String]
    /// Keys of the roles held, sorted (`sales`, `custom-1`).
    public var roles: [String]
    /// A role requires two-factor sign-in and it is not on yet: turn it on before anything else.
    public var mustEnrolTwoFactor: Bool
    /// The user's own IANA time zone; nil: the company's. "Which day" questions use it.
    public var timeZone: String?
    /// Normalised mobile number (`+8613812345678`, `13812345678`), or nil.
    public var mobile: String?
    /// Path of the avatar image, changing with each upload; nil: none (show initials).
    public var avatarUrl: String?
    public var notifications: NotificationPreferences

    public init(id: UUID, name: String, email: String, locale: String?, employeeId: UUID?, twoFactorEnabled: Bool = false,
                mustChangePassword: Bool = false, tenant: TenantInfo, permissions: [String], roles: [String] = [],
                mustEnrolTwoFactor: Bool = false, timeZone: String? = nil, mobile: String? = nil, avatarUrl: String? = nil,
                notifications: NotificationPreferences = .defaults) {
        self.id = id
        self.name = name
        self.email = email
        self.locale = locale
        self.employeeId = employeeId
        self.twoFactorEnabled = twoFactorEnabled
        self.mustChangePassword = mustChangePassword
        self.tenant = tenant
        self.permissions = permissions
        self.roles = roles
        self.mustEnrolTwoFactor = mustEnrolTwoFactor
        self.timeZone = timeZone
        self.mobile = mobile
        self.avatarUrl = avatarUrl
        self.notifications = notifications
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, email, locale, employeeId, twoFactorEnabled, mustChangePassword, tenant, permissions, roles, mustEnrolTwoFactor, timeZone,
             mobile, avatarUrl, notifications
    }

    // `locale` and `employeeId` are sent as `null` when unset, as the contract shows them.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(email, forKey: .email)
        try c.encode(locale, forKey: .locale)
        try c.encode(employeeId, forKey: .employeeId)
        try c.encode(twoFactorEnabled, forKey: .twoFactorEnabled)
        try c.encode(mustChangePassword, forKey: .mustChangePassword)
        try c.encode(tenant, forKey: .tenant)
        try c.encode(permissions, forKey: .permissions)
        try c.encode(roles, forKey: .roles)
        try c.encode(mustEnrolTwoFactor, forKey: .mustEnrolTwoFactor)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(mobile, forKey: .mobile)
        try c.encode(avatarUrl, forKey: .avatarUrl)
        try c.encode(notifications, forKey: .notifications)
    }
}

/// The company a user belongs to. `currency` is ISO 4217, `timeZone` an IANA name, `locale`
/// the company's language (`en`, `zh-CN`): the default for users who have not chosen one.
public struct TenantInfo: Codable, Sendable {
    public var id: UUID
    public var name: String
    public var currency: String
    public var timeZone: String
    public var locale: String?
    public init(id: UUID, name: String, currency: String, timeZone: String, locale: String? = nil) {
        self.id = id
        self.name = name
        self.currency = currency
        self.timeZone = timeZone
        self.locale = locale
    }
}

/// `PATCH /api/v1/auth/me` body (个人设置); absent fields stay as they are.
///
/// `timeZone` is an IANA name, or `""` to follow the company's again. Quiet hours are `HH:mm`,
/// both or neither; `""` clears them.
public struct UpdateMeRequest: Codable, Sendable {
    public var name: String?
    public var locale: String?
    public var timeZone: String?
    /// `""` removes it.
    public var mobile: String?
    public var notifications: NotificationPreferences?
    public init(name: String? = nil, locale: String? = nil, timeZone: String? = nil, mobile: String? = nil,
                notifications: NotificationPreferences? = nil) {
        self.name = name
        self.mobile = mobile
        self.locale = locale
        self.timeZone = timeZone
        self.notifications = notifications
    }
}
