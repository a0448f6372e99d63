import Fluent

/// `platform.0012_user_mobile`: the mobile number asked at registration and in personal settings.
struct AddUserMobile: AsyncMigration {
    var name: String { "platform.0012_user_mobile" }

    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema).field("mobile", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("mobile").update()
    }
}

/// `platform.0010_personal_settings`: a user's time zone, notification preferences and avatar.
struct AddPersonalSettings: AsyncMigration {
    var name: String { "platform.0010_personal_settings" }

    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema).field("time_zone", .string).update()
        try await database.schema(User.schema).field("notification_prefs", .string).update()
        try await database.schema(User.schema).field("avatar_version", .int).update()
        try await database.schema(UserAvatar.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("content_type", .string, .required)
            .field("data", .data, .required)
            .field("updated_at", .datetime)
            .unique(on: "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserAvatar.schema).delete()
        try await database.schema(User.schema).deleteField("avatar_version").update()
        try await database.schema(User.schema).deleteField("notification_prefs").update()
        try await database.schema(User.schema).deleteField("time_zone").update()
    }
}
