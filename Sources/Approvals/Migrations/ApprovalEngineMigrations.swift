import Fluent
import SQLKit

/// Flows and their versions.
struct CreateApprovalFlows: AsyncMigration {
    var name: String { "approvals.0003_flows" }

    func prepare(on database: any Database) async throws {
        try await database.schema("approval_flows")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("subject", .string, .required)
            .field("name", .string, .required)
            .field("current_version_id", .uuid, .required)
            .field("current_number", .int, .required)
            .field("archived", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "subject")
            .create()
        try await database.schema("approval_flow_versions")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("flow_id", .uuid, .required, .references("approval_flows", "id"))
            .field("number", .int, .required)
            .field("definition", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .unique(on: "flow_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("approval_flow_versions").delete()
        try await database.schema("approval_flows").delete()
    }
}

/// Instances, their steps, tasks and timeline; delegations and settings.
struct CreateApprovalInstances: AsyncMigration {
    var name: String { "approvals.0004_instances" }

    func prepare(on database: any Database) async throws {
        try await database.schema("approval_instances")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("number", .string, .required)
            .field("title", .string, .required)
            .field("subject", .string, .required)
            .field("document_id", .uuid)
            .field("form_id", .uuid)
            .field("flow_id", .uuid, .required, .references("approval_flows", "id"))
            .field("flow_version_id", .uuid, .required, .references("approval_flow_versions", "id"))
            .field("flow_version_number", .int, .required)
            .field("requester_id", .uuid, .required, .references("users", "id"))
            .field("requester_name", .string, .required)
            .field("department_id", .uuid)
            .field("values", .string)
            .field("facts", .string, .required)
            .field("chosen", .string)
            .field("state", .string, .required)
            .field("round", .int, .required)
            .field("resume_position", .int)
            .field("last_urged_at", .datetime)
            .field("submitted_at", .datetime, .required)
            .field("decided_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "number")
            .create()
        try await database.schema("approval_steps")
            .id()
            .field("tenant_id", .uuid, .required)
            .field("instance_id", .uuid, .required, .references("approval_instances", "id"))
            .field("round", .int, .required)
            .field("position", .int, .required)
            .field("node_id", .string, .required)
            .field("name", .string, .required)
            .field("type", .string, .required)
            .field("mode", .string, .required)
            .field("required", .int)
            .field("rules", .string)
            .field("timeout", .string)
            .field("assignees", .string, .required)
            .field("note", .string)
            .field("state", .string, .required)
            .field("activated_at", .datetime)
            .field("decided_at", .datetime)
            .create()
        try await database.schema("approval_tasks")
            .id()
            .field("tenant_id", .uuid, .required)
            .field("instance_id", .uuid, .required, .references("approval_instances", "id"))
            .field("step_id", .uuid, .required, .references("approval_steps", "id"))
            .field("sequence", .int, .required)
            .field("assignee_id", .uuid, .required, .references("users", "id"))
            .field("assignee_name", .string, .required)
            .field("on_behalf_of_id", .uuid)
            .field("on_behalf_of_name", .string)
            .field("kind", .string, .required)
            .field("state", .string, .required)
            .field("comment", .string)
            .field("decided_by_id", .uuid)
            .field("decided_by_name", .string)
            .field("opened_at", .datetime)
            .field("decided_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.schema("approval_events")
            .id()
            .field("tenant_id", .uuid, .required)
            .field("instance_id", .uuid, .required, .references("approval_instances", "id"))
            .field("round", .int, .required)
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string)
            .field("on_behalf_of_id", .uuid)
            .field("on_behalf_of_name", .string)
            .field("action", .string, .required)
            .field("step_name", .string)
            .field("comment", .string)
            .field("attachments", .string)
            .field("detail_code", .string)
            .field("detail_params", .string)
            .create()
        try await database.schema("approval_delegations")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("delegate_id", .uuid, .required, .references("users", "id"))
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("approval_settings")
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("administrator_id", .uuid)
            .field("urge_interval_minutes", .int, .required)
            .field("version", .int, .required)
            .unique(on: "tenant_id")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // The inbox reads tasks by assignee and state; the gate and lists read instances by
        // document and by requester.
        try await sql.raw("CREATE INDEX approval_tasks_inbox ON approval_tasks (tenant_id, assignee_id, state)").run()
        try await sql.raw("CREATE INDEX approval_tasks_instance ON approval_tasks (instance_id)").run()
        try await sql.raw("CREATE INDEX approval_steps_instance ON approval_steps (instance_id, round, position)").run()
        try await sql.raw("CREATE INDEX approval_events_instance ON approval_events (instance_id, at)").run()
        try await sql.raw("CREATE INDEX approval_instances_requester ON approval_instances (tenant_id, requester_id, submitted_at)").run()
        try await sql.raw("CREATE INDEX approval_instances_document ON approval_instances (tenant_id, subject, document_id)").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["approval_settings", "approval_delegations", "approval_events", "approval_tasks", "approval_steps", "approval_instances"] {
            try await database.schema(table).delete()
        }
    }
}

/// `approvals.0005_task_step_index`: the engine reads a step's tasks (`WHERE step_id = ?
/// ORDER BY sequence`) several times per action; without an index that was a scan of every
/// task of the company, growing with the number of instances.
struct IndexApprovalTasksByStep: AsyncMigration {
    var name: String { "approvals.0005_task_step_index" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX approval_tasks_step ON approval_tasks (step_id, sequence)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX approval_tasks_step").run()
    }
}
