import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// `approvals.0008_instance_summary`: each request keeps the summary its inbox card shows
/// (``CardSummaryItem``). Form requests made before get theirs from their form and values;
/// documents' requests made before show their title only.
struct AddInstanceSummary: AsyncMigration {
    var name: String { "approvals.0008_instance_summary" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ApprovalInstance.schema).field("summary", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        var currencies: [UUID: Currency] = [:]
        for row in try await sql.raw("SELECT id, currency FROM tenants").all() {
            currencies[try row.decode(column: "id", as: UUID.self)] = Currency(code: try row.decode(column: "currency", as: String.self)) ?? .usd
        }
        var schemas: [UUID: FormSchema] = [:]
        for row in try await sql.raw("SELECT id, schema FROM approval_forms").all() {
            schemas[try row.decode(column: "id", as: UUID.self)] = try? JSONText.decode(FormSchema.self, try row.decode(column: "schema", as: String.self))
        }
        let rows = try await sql.raw("""
            SELECT id, tenant_id, form_id, \(ident: "values") FROM approval_instances WHERE form_id IS NOT NULL AND \(ident: "values") IS NOT NULL
            """).all()
        for row in rows {
            guard let schema = schemas[try row.decode(column: "form_id", as: UUID.self)],
                  let values = try? JSONText.decode([String: FormValue].self, try row.decode(column: "values", as: String.self)) else { continue }
            let items = FormSummary.items(schema: schema, values: values, currency: currencies[try row.decode(column: "tenant_id", as: UUID.self)] ?? .usd)
            guard !items.isEmpty else { continue }
            try await sql.raw("UPDATE approval_instances SET summary = \(bind: try JSONText.encode(items)) WHERE id = \(bind: try row.decode(column: "id", as: UUID.self))").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ApprovalInstance.schema).deleteField("summary").update()
    }
}
