import Fluent
import SQLKit

/// `projects.0003_log_and_documents`: the risks and issues log and the versioned documents of projects.
struct CreateProjectRecords: AsyncMigration {
    var name: String { "projects.0003_log_and_documents" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ProjectLogEntry.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("description", .string)
            .field("probability", .string)
            .field("impact", .string, .required)
            .field("state", .string, .required)
            .field("owner_id", .uuid)
            .field("due_on", .string)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .create()
        try await database.schema(ProjectDocument.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("version", .int, .required)
            .field("file_id", .uuid, .required)
            .field("note", .string)
            .field("uploaded_by", .uuid, .required)
            .field("uploaded_at", .datetime, .required)
            .unique(on: "project_id", "name", "version", name: "proj_documents_version")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX proj_log_entries_project ON proj_log_entries (project_id, state)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ProjectDocument.schema).delete()
        try await database.schema(ProjectLogEntry.schema).delete()
    }
}
