import Fluent
import Foundation
import SQLKit

/// One user's column choice on one list (`list_preferences`): keys in order, comma-separated.
final class ListPreference: Model, @unchecked Sendable {
    static let schema = "list_preferences"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "list_key") var listKey: String
    @Field(key: "columns") var columns: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// A user's named filter on one list (`saved_list_filters`): the list's query string.
final class SavedListFilter: Model, @unchecked Sendable {
    static let schema = "saved_list_filters"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "list_key") var listKey: String
    @Field(key: "name") var name: String
    @Field(key: "query") var query: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// A background export (`list_exports`): who asked for which list and query, how far it got and
/// the file it made. Only the user who asked reads it.
final class ListExport: Model, @unchecked Sendable {
    static let schema = "list_exports"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "list_key") var listKey: String
    @Field(key: "format") var format: String
    @Field(key: "query") var query: String
    /// `queued`, `running`, `done`, `failed`.
    @Field(key: "state") var state: String
    @Field(key: "rows_done") var rowsDone: Int
    @OptionalField(key: "rows_total") var rowsTotal: Int?
    @OptionalField(key: "file_id") var fileID: UUID?
    @OptionalField(key: "file_name") var fileName: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// `platform.0019_lists`: column choices, saved filters and background exports of lists.
struct CreateListStorage: AsyncMigration {
    var name: String { "platform.0019_lists" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ListPreference.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("list_key", .string, .required)
            .field("columns", .string, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "user_id", "list_key")
            .create()
        try await database.schema(SavedListFilter.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("list_key", .string, .required)
            .field("name", .string, .required)
            .field("query", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema(ListExport.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("list_key", .string, .required)
            .field("format", .string, .required)
            .field("query", .string, .required)
            .field("state", .string, .required)
            .field("rows_done", .int, .required)
            .field("rows_total", .int)
            .field("file_id", .uuid)
            .field("file_name", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX saved_list_filters_user ON saved_list_filters (user_id, list_key)").run()
        try await sql.raw("CREATE INDEX list_exports_user ON list_exports (user_id, created_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ListExport.schema).delete()
        try await database.schema(SavedListFilter.schema).delete()
        try await database.schema(ListPreference.schema).delete()
    }
}
