import Fluent
import SQLKit

/// `partners.0003_customer_collaborators`: the colleagues who work a customer with its owner.
struct AddCustomerCollaborators: AsyncMigration {
    var name: String { "partners.0003_customer_collaborators" }

    func prepare(on database: any Database) async throws {
        try await database.schema(CustomerCollaborator.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references("tenants", "id"))
            .field("partner_id", .uuid, .required, .references(Partner.schema, "id", onDelete: .cascade))
            .field("employee_id", .uuid, .required)
            .field("created_by", .uuid)
            .field("created_at", .datetime, .required)
            .unique(on: "partner_id", "employee_id", name: "partner_collaborators_unique")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX partner_collaborators_employee ON partner_collaborators (tenant_id, employee_id)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CustomerCollaborator.schema).delete()
    }
}
