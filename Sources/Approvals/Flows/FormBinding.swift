import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// What the engine needs of a custom form (table `approval_forms`): that it exists, its
/// field keys and schema, and which flow it uses.
struct FormBinding {
    let db: any Database
    let tenantID: UUID

    struct Form: Sendable {
        var id: UUID
        var name: String
        var schema: String
        var archived: Bool
    }

    func form(_ id: UUID) async throws -> Form? {
        guard let sql = db as? any SQLDatabase,
              let row = try await sql.raw("SELECT id, name, schema, archived FROM approval_forms WHERE id = \(bind: id) AND tenant_id = \(bind: tenantID)").first()
        else { return nil }
        return Form(id: id, name: try row.decode(column: "name", as: String.self), schema: try row.decode(column: "schema", as: String.self),
                    archived: try row.decode(column: "archived", as: Bool.self))
    }

    func exists(_ id: UUID) async throws -> Bool { try await form(id) != nil }

    /// Keys of the form's fields, and of the columns of its tables as `table.column`.
    func fieldKeys(_ id: UUID) async throws -> Set<String>? {
        guard let form = try await form(id) else { return nil }
        struct Field: Decodable { var key: String; var columns: [Field]? }
        struct Schema: Decodable { var fields: [Field] }
        let schema = try JSONText.decode(Schema.self, form.schema)
        var keys: Set<String> = []
        for field in schema.fields {
            keys.insert(field.key)
            for column in field.columns ?? [] { keys.insert("\(field.key).\(column.key)") }
        }
        return keys
    }

    func bind(_ formID: UUID, flowID: UUID) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("UPDATE approval_forms SET flow_id = \(bind: flowID) WHERE id = \(bind: formID) AND tenant_id = \(bind: tenantID)").run()
    }
}
