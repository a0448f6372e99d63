import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// A custom approval form of a company (`approval_forms`): its fields as a JSON schema, and the
/// approval flow it starts (set by the approval engine).
final class ApprovalForm: Model, @unchecked Sendable {
    static let schema = "approval_forms"

    @ID(key: .id) var id: UUID?
    @Field(key: "tenant_id") var tenantID: UUID
    /// Optional handle, unique per company (built-in templates use their template key).
    @OptionalField(key: "key") var key: String?
    @Field(key: "name") var name: String
    @OptionalField(key: "description") var formDescription: String?
    @Field(key: "icon") var icon: String
    @Field(key: "category") var category: String
    @OptionalField(key: "template_key") var templateKey: String?
    /// ``FormSchema`` as JSON text (sorted keys).
    @Field(key: "schema") var schemaJSON: String
    @OptionalField(key: "flow_id") var flowID: UUID?
    @Field(key: "archived") var archived: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "version") var version: Int

    init() {}

    init(tenantID: UUID, key: String?, name: String, description: String?, icon: String, category: String, templateKey: String?, schema: FormSchema) {
        self.tenantID = tenantID
        self.key = key
        self.name = name
        self.formDescription = description
        self.icon = icon
        self.category = category
        self.templateKey = templateKey
        self.schemaJSON = Self.encode(schema)
        self.flowID = nil
        self.archived = false
        self.version = 1
    }

    /// The stored schema (an empty one if the text were ever unreadable).
    var formSchema: FormSchema {
        (try? JSONDecoder().decode(FormSchema.self, from: Data(schemaJSON.utf8))) ?? FormSchema(fields: [])
    }

    static func encode(_ schema: FormSchema) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(schema)) ?? Data(#"{"fields":[]}"#.utf8), as: UTF8.self)
    }

    var dto: ApprovalFormDTO { dto(hasFlow: nil) }

    /// The form as answered; `hasFlow` from the company's active flows when known, else from
    /// whether a flow was ever bound.
    func dto(hasFlow: Bool?) -> ApprovalFormDTO {
        ApprovalFormDTO(id: id!, key: key, name: name, description: formDescription, icon: icon, category: category, templateKey: templateKey,
                        schema: formSchema, flowId: flowID, hasFlow: hasFlow, archived: archived, version: version, updatedAt: updatedAt)
    }
}

/// `approvals.0001_forms`: the `approval_forms` table.
struct CreateApprovalForms: AsyncMigration {
    var name: String { "approvals.0001_forms" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ApprovalForm.schema)
            .id()
            .field("tenant_id", .uuid, .required, .references(Tenant.schema, .id))
            .field("key", .string)
            .field("name", .string, .required)
            .field("description", .string)
            .field("icon", .string, .required)
            .field("category", .string, .required)
            .field("template_key", .string)
            .field("schema", .string, .required)
            .field("flow_id", .uuid)
            .field("archived", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("version", .int, .required)
            .unique(on: "tenant_id", "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ApprovalForm.schema).delete()
    }
}

/// `approvals.0002_form_templates`: the built-in form templates for every company that exists
/// already (new companies get them when they are created). Idempotent: a template a company
/// has (archived or not) is left alone.
struct SeedFormTemplates: AsyncMigration {
    var name: String { "approvals.0002_form_templates" }

    func prepare(on database: any Database) async throws {
        // Plain SQL, not the Tenant model: a later migration may add columns the model reads.
        guard let sql = database as? any SQLDatabase else { return }
        for row in try await sql.raw("SELECT id, locale FROM tenants").all() {
            let locale = try row.decode(column: "locale", as: String.self)
            try await FormTemplates.seed(tenantID: try row.decode(column: "id", as: UUID.self), language: AppLanguage(tag: locale) ?? .en, on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await ApprovalForm.query(on: database).filter(\.$templateKey != nil).delete()
    }
}
