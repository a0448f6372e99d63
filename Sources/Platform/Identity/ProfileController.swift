import AfieldAPI
import Fluent
import Foundation
import Vapor

/// Personal settings (个人设置): `PATCH /api/v1/auth/me` (name, language, time zone,
/// notification preferences) and the avatar.
struct ProfileController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.PATCH, "me", permission: .ownAccount, summary: "Change own settings: name, language, time zone, notifications",
                  body: UpdateMeRequest.self, use: updateMe)
        routes.on(.PUT, "me", "avatar", permission: .ownAccount,
                  summary: "Upload own avatar: the raw PNG, JPEG or WebP bytes as the body (at most 512 KiB)",
                  rawBody: ["image/png", "image/jpeg", "image/webp"], use: uploadAvatar)
        routes.on(.DELETE, "me", "avatar", permission: .ownAccount, summary: "Remove own avatar", use: removeAvatar)
        routes.on(.GET, "users", ":id", "avatar", permission: .authenticated, summary: "A colleague's avatar image", use: avatar)
    }

    @Sendable func updateMe(_ req: Request) async throws -> Me {
        let actor = try req.actor
        let audit = try req.auditContext
        let body = try req.content.decode(UpdateMeRequest.self)
        guard let user = try await User.find(actor.userID, on: req.database) else { throw DomainError.notFound("user") }
        var problems: [DomainError.Field] = []
        var changes = AuditChanges()
        if body.name != nil {
            switch TextInput.name(body.name, max: TextInput.personNameMax) {
            case .failure(let problem): problems.append(problem.field("name"))
            case .success(let name):
                if let name, name != user.name {
                    changes.set("name", user.name, name)
                    user.name = name
                }
            }
        }
        if let locale = body.locale {
            if let language = AppLanguage(rawValue: locale) {
                if language.rawValue != user.locale {
                    changes.set("locale", user.locale, language.rawValue)
                    user.locale = language.rawValue
                }
            } else {
                problems.append(.init("locale", "auth.invalid_locale"))
            }
        }
        if let zone = body.timeZone {
            let wanted: String? = zone.isEmpty ? nil : zone
            if let wanted, TimeZone(identifier: wanted) == nil {
                problems.append(.init("timeZone", "tenant.unknown_time_zone"))
            } else if wanted != user.timeZone {
                changes.set("time_zone", user.timeZone, wanted)
                user.timeZone = wanted
            }
        }
        if let text = body.mobile {
            let wanted = text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : IdentityService.normaliseMobile(text)
            if !text.trimmingCharacters(in: .whitespaces).isEmpty, wanted == nil {
                problems.append(.init("mobile", "auth.invalid_mobile"))
            } else if wanted != user.mobile {
                changes.set("mobile", user.mobile, wanted)
                user.mobile = wanted
            }
        }
        if var prefs = body.notifications {
            problems += Self.problems(prefs)
            // Kinds left out keep their defaults, so the stored preferences always name every kind.
            for kind in NotificationPreferences.kinds where prefs.events[kind] == nil {
                prefs.events[kind] = NotificationPreferences.defaults.events[kind]
            }
            if prefs.quietHoursStart?.isEmpty == true { prefs.quietHoursStart = nil }
            if prefs.quietHoursEnd?.isEmpty == true { prefs.quietHoursEnd = nil }
            if prefs != user.notificationPreferences {
                let text = String(decoding: try JSONEncoder.sortedKeys.encode(prefs), as: UTF8.self)
                changes.set("notifications", user.notificationPrefs, text)
                user.notificationPrefs = text
            }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        if !changes.isEmpty {
            user.version += 1
            let recorded = changes
            try await req.write { db in
                try await user.save(on: db)
                try await AuditLog.append(entity: "platform.user", entityID: user.id, action: "update", changes: recorded, context: audit, on: db)
            }
        }
        return try await AuthController.me(user, req)
    }

    /// Unknown event kinds, and quiet hours that are not both `HH:mm`.
    static func problems(_ prefs: NotificationPreferences) -> [DomainError.Field] {
        var problems: [DomainError.Field] = []
        for kind in prefs.events.keys.sorted() where !NotificationPreferences.kinds.contains(kind) {
            problems.append(.init("notifications.events", "auth.unknown_notification_kind", params: ["kind": kind]))
        }
        let start = prefs.quietHoursStart.flatMap { $0.isEmpty ? nil : $0 }
        let end = prefs.quietHoursEnd.flatMap { $0.isEmpty ? nil : $0 }
        if (start == nil) != (end == nil) || [start, end].compactMap({ $0 }).contains(where: { !isClockTime($0) }) || (start != nil && start == end) {
            problems.append(.init("notifications.quietHours", "auth.invalid_quiet_hours"))
        }
        return problems
    }

    static func isClockTime(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1]) else { return false }
        return (0..<24).contains(h) && (0..<60).contains(m)
    }

    @Sendable func uploadAvatar(_ req: Request) async throws -> Me {
        let actor = try req.actor
        let audit = try req.auditContext
        guard let buffer = req.body.data, buffer.readableBytes > 0 else { throw DomainError.invalid([.init("avatar", "field.required")]) }
        guard buffer.readableBytes <= UserAvatar.maximumBytes else {
            throw DomainError.invalid([.init("avatar", "auth.avatar_too_large", params: ["max": "512 KiB"])])
        }
        let data = Data(buffer.readableBytesView)
        guard let type = UserAvatar.imageType(of: data) else { throw DomainError.invalid([.init("avatar", "auth.avatar_not_image")]) }
        let user = try await req.write { db in
            guard let user = try await User.find(actor.userID, on: db) else { throw DomainError.notFound("user") }
            try await UserAvatar.query(on: db).filter(\.$userID == actor.userID).delete()
            try await UserAvatar(tenantID: actor.tenantID, userID: actor.userID, contentType: type, data: data).create(on: db)
            let previous = user.avatarVersion
            user.avatarVersion = (previous ?? 0) + 1
            user.version += 1
            try await user.save(on: db)
            var changes = AuditChanges()
            changes.set("avatar", previous.map { "v\($0)" }, "v\(user.avatarVersion!) (\(type), \(data.count) bytes)")
            try await AuditLog.append(entity: "platform.user", entityID: user.id, action: "update", changes: changes, context: audit, on: db)
            return user
        }
        return try await AuthController.me(user, req)
    }

    @Sendable func removeAvatar(_ req: Request) async throws -> Me {
        let actor = try req.actor
        let audit = try req.auditContext
        let user = try await req.write { db in
            guard let user = try await User.find(actor.userID, on: db) else { throw DomainError.notFound("user") }
            guard let previous = user.avatarVersion else { return user }
            try await UserAvatar.query(on: db).filter(\.$userID == actor.userID).delete()
            user.avatarVersion = nil
            user.version += 1
            try await user.save(on: db)
            var changes = AuditChanges()
            changes.set("avatar", "v\(previous)", nil as String?)
            try await AuditLog.append(entity: "platform.user", entityID: user.id, action: "update", changes: changes, context: audit, on: db)
            return user
        }
        return try await AuthController.me(user, req)
    }

    /// The image bytes with their type; cached privately for a day (the URL changes on upload).
    @Sendable func avatar(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let id = try req.pathID(entity: "user")
        guard let avatar = try await UserAvatar.query(on: req.database).filter(\.$tenantID == actor.tenantID).filter(\.$userID == id).first()
        else { throw DomainError.notFound("user") }
        let response = Response(status: .ok, body: .init(data: avatar.data))
        response.headers.contentType = HTTPMediaType(type: "image", subType: String(avatar.contentType.dropFirst("image/".count)))
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=86400")
        return response
    }
}

extension JSONEncoder {
    /// Sorted keys: stored JSON compares equal byte for byte when its content does.
    static var sortedKeys: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}
