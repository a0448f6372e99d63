import Fluent

/// `platform.0007_user_admin`: forced password change and scoped API tokens.
struct AddUserAdministration: AsyncMigration {
    var name: String { "platform.0007_user_admin" }

    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema).field("must_change_password", .bool, .required, .sql(.default(false))).update()
        try await database.schema(UserSession.schema).field("name", .string).update()
        try await database.schema(UserSession.schema).field("scopes", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("must_change_password").update()
        try await database.schema(UserSession.schema).deleteField("name").update()
        try await database.schema(UserSession.schema).deleteField("scopes").update()
    }
}
