import Fluent
import SQLKit

/// `projects.0001_projects_and_tasks`: projects with members, phases and milestones; tasks with
/// collaborators, checklists, dependencies; company task statuses.
struct CreateProjects: AsyncMigration {
    var name: String { "projects.0001_projects_and_tasks" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Project.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("description", .string)
            .field("customer_id", .uuid)
            .field("manager_id", .uuid, .required)
            .field("department_id", .uuid)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("status", .string, .required)
            .field("dependency_rule", .string, .required)
            .field("currency", .string, .required)
            .field("budget_labour", .int64, .required)
            .field("budget_expenses", .int64, .required)
            .field("budget_purchases", .int64, .required)
            .field("budget_other", .int64, .required)
            .field("search_text", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "code", name: "proj_projects_code")
            .create()
        try await database.schema(ProjectMember.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("employee_id", .uuid, .required)
            .field("role", .string, .required)
            .unique(on: "project_id", "employee_id", name: "proj_members_unique")
            .create()
        try await database.schema(ProjectPhase.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("name", .string, .required)
            .field("starts_on", .string)
            .field("ends_on", .string)
            .create()
        try await database.schema(Milestone.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("due_on", .string, .required)
            .field("owner_id", .uuid)
            .field("done_on", .string)
            .field("created_at", .datetime)
            .field("version", .int, .required)
            .create()
        try await database.schema(ProjectTask.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("project_id", .uuid, .references(Project.schema, "id"))
            .field("phase_id", .uuid)
            .field("milestone_id", .uuid)
            .field("parent_id", .uuid)
            .field("depth", .int, .required)
            .field("title", .string, .required)
            .field("description", .string)
            .field("assignee_id", .uuid)
            .field("department_id", .uuid)
            .field("creator_id", .uuid)
            .field("starts_at", .datetime)
            .field("due_at", .datetime)
            .field("start_day", .string)
            .field("due_day", .string)
            .field("time_zone", .string, .required)
            .field("priority", .string, .required)
            .field("status", .string, .required)
            .field("status_category", .string, .required)
            .field("labels", .string, .required)
            .field("estimated_ch", .int)
            .field("spent_ch", .int, .required)
            .field("checklist_done", .int, .required)
            .field("checklist_total", .int, .required)
            .field("customer_id", .uuid)
            .field("order_id", .uuid)
            .field("approval_id", .uuid)
            .field("remind_minutes", .int)
            .field("reminded_at", .datetime)
            .field("overdue_noticed_at", .datetime)
            .field("recurrence", .string)
            .field("next_occurrence_id", .uuid)
            .field("completed_at", .datetime)
            .field("search_text", .string, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .create()
        try await database.schema(TaskCollaborator.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("task_id", .uuid, .required, .references(ProjectTask.schema, "id", onDelete: .cascade))
            .field("employee_id", .uuid, .required)
            .unique(on: "task_id", "employee_id", name: "proj_task_collaborators_unique")
            .create()
        try await database.schema(TaskChecklistItem.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("task_id", .uuid, .required, .references(ProjectTask.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("text", .string, .required)
            .field("done", .bool, .required)
            .create()
        try await database.schema(TaskDependency.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("task_id", .uuid, .required, .references(ProjectTask.schema, "id", onDelete: .cascade))
            .field("predecessor_id", .uuid, .required, .references(ProjectTask.schema, "id", onDelete: .cascade))
            .unique(on: "task_id", "predecessor_id", name: "proj_task_dependencies_unique")
            .create()
        try await database.schema(TaskStatusDefinition.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("key", .string, .required)
            .field("name", .string, .required)
            .field("category", .string, .required)
            .field("position", .int, .required)
            .field("archived", .bool, .required)
            .unique(on: "tenant_id", "key", name: "proj_task_statuses_key")
            .create()
        let sql = database as! any SQLDatabase
        for statement: SQLQueryString in [
            "CREATE INDEX proj_projects_manager ON proj_projects (tenant_id, manager_id)",
            "CREATE INDEX proj_projects_department ON proj_projects (tenant_id, department_id)",
            "CREATE INDEX proj_members_employee ON proj_members (employee_id, project_id)",
            "CREATE INDEX proj_milestones_project ON proj_milestones (project_id, due_on)",
            "CREATE INDEX proj_phases_project ON proj_phases (project_id, position)",
            // My work: a person's open tasks by due day; the list's default order.
            "CREATE INDEX proj_tasks_assignee ON proj_tasks (tenant_id, assignee_id, status_category, due_day)",
            "CREATE INDEX proj_tasks_creator ON proj_tasks (tenant_id, created_by, status_category)",
            "CREATE INDEX proj_tasks_project ON proj_tasks (project_id, status_category)",
            "CREATE INDEX proj_tasks_parent ON proj_tasks (parent_id)",
            "CREATE INDEX proj_tasks_department ON proj_tasks (tenant_id, department_id)",
            "CREATE INDEX proj_tasks_due ON proj_tasks (tenant_id, due_day, id)",
            "CREATE INDEX proj_task_collaborators_employee ON proj_task_collaborators (employee_id, task_id)",
            "CREATE INDEX proj_task_checklist_task ON proj_task_checklist (task_id, position)",
            "CREATE INDEX proj_task_dependencies_predecessor ON proj_task_dependencies (predecessor_id)",
        ] { try await sql.raw(statement).run() }
    }

    func revert(on database: any Database) async throws {
        for schema in [TaskStatusDefinition.schema, TaskDependency.schema, TaskChecklistItem.schema, TaskCollaborator.schema, ProjectTask.schema,
                       Milestone.schema, ProjectPhase.schema, ProjectMember.schema, Project.schema] {
            try await database.schema(schema).delete()
        }
    }
}
