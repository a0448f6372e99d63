import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit
import Vapor

/// `/api/v1/approvals/forms`: the company's custom approval forms — listed and read by every
/// employee (they submit them), designed by holders of `approvals.form.manage`.
struct ApprovalFormController: Sendable {
    static let entity = "approval_form"

    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, "forms", permission: ApprovalsModule.inboxRead,
                  summary: "The company's active approval forms (archived=true: the archived ones, for form managers)",
                  query: [.boolean("archived")], use: list)
        routes.on(.GET, "forms", ":id", permission: ApprovalsModule.inboxRead, summary: "An approval form with its fields", use: detail)
        routes.on(.POST, "forms", permission: ApprovalsModule.formManage, summary: "Create an approval form",
                  body: NewApprovalFormRequest.self, status: .created, use: create)
        routes.on(.PATCH, "forms", ":id", permission: ApprovalsModule.formManage,
                  summary: "Change an approval form (send the version you read; 409 when stale)", body: ApprovalFormUpdate.self, use: update)
        routes.on(.POST, "forms", ":id", "archive", permission: ApprovalsModule.formManage,
                  summary: "Archive an approval form: nobody can start it any more", use: { req in try await setArchived(req, true) })
        routes.on(.POST, "forms", ":id", "restore", permission: ApprovalsModule.formManage,
                  summary: "Restore an archived approval form", use: { req in try await setArchived(req, false) })
        routes.on(.POST, "forms", ":id", "check", permission: ApprovalsModule.inboxRead,
                  summary: "Check values against the form: the normalised values and computed fields, or every problem (nothing is stored)",
                  body: FormValuesRequest.self, mutates: false, use: check)
    }

    @Sendable func list(_ req: Request) async throws -> [ApprovalFormDTO] {
        let actor = try req.actor
        let archived = try req.queryFlag("archived") ?? false
        if archived && !actor.holds(ApprovalsModule.formManage) {
            throw DomainError(status: 403, code: "auth.forbidden", params: ["permission": ApprovalsModule.formManage.key])
        }
        let rows = try await ApprovalForm.query(on: req.database).filter(\.$tenantID == actor.tenantID).filter(\.$archived == archived).all()
        let order = Dictionary(uniqueKeysWithValues: FormTemplates.keys.enumerated().map { ($1, $0) })
        let flowing = try await Self.subjectsWithFlow(tenantID: actor.tenantID, on: req.database)
        return rows.sorted { a, b in
            let (ra, rb) = (a.templateKey.flatMap { order[$0] } ?? Int.max, b.templateKey.flatMap { order[$0] } ?? Int.max)
            if ra != rb { return ra < rb }
            let byName = a.name.localizedStandardCompare(b.name)
            return byName != .orderedSame ? byName == .orderedAscending : a.id!.uuidString < b.id!.uuidString
        }.map { $0.dto(hasFlow: flowing.contains("form.\($0.id!)")) }
    }

    @Sendable func detail(_ req: Request) async throws -> ApprovalFormDTO {
        let form = try await find(req, on: req.database)
        return form.dto(hasFlow: try await Self.subjectsWithFlow(tenantID: form.tenantID, on: req.database).contains("form.\(form.id!)"))
    }

    /// Subjects (`form.<id>`) of the company's active flows: a requester can submit those forms.
    private static func subjectsWithFlow(tenantID: UUID, on db: any Database) async throws -> Set<String> {
        Set(try await ApprovalFlow.query(on: db).filter(\.$tenantID == tenantID).filter(\.$archived == false).field(\.$subject).all().map(\.subject))
    }

    private func find(_ req: Request, on db: any Database) async throws -> ApprovalForm {
        let actor = try req.actor
        let id = try req.pathID(entity: Self.entity)
        guard let form = try await ApprovalForm.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id == id).first() else {
            throw DomainError.notFound(Self.entity)
        }
        return form
    }

    /// Cleaned header fields of a create or update; nil members were not sent.
    private struct Header {
        var key: String??
        var name: String?
        var description: String??
        var icon: String?
        var category: String?
    }

    private static func isValidFormKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, key.unicodeScalars.count <= 40, ("a"..."z").contains(first) else { return false }
        return key.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
    }

    private static func isValidIcon(_ icon: String) -> Bool {
        guard let first = icon.unicodeScalars.first, icon.unicodeScalars.count <= 30, ("a"..."z").contains(first) else { return false }
        return icon.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    private func header(key: String?, name: String?, nameRequired: Bool, description: String?, icon: String?, category: String?,
                        problems: inout [DomainError.Field]) -> Header {
        var out = Header()
        if let key {
            let trimmed = key.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { out.key = .some(nil) } else if Self.isValidFormKey(trimmed) { out.key = .some(trimmed) } else {
                problems.append(.init("key", "approvals.form.form_key_invalid"))
            }
        }
        if name != nil || nameRequired {
            switch TextInput.name(name, max: FormSchema.labelMax) {
            case .success(let value): out.name = value
            case .failure(let problem): problems.append(problem.field("name"))
            }
        }
        if description != nil {
            switch TextInput.note(description, max: TextInput.descriptionMax) {
            case .success(let value): out.description = .some(value)
            case .failure(let problem): problems.append(problem.field("description"))
            }
        }
        if let icon {
            if Self.isValidIcon(icon) { out.icon = icon } else { problems.append(.init("icon", "approvals.form.icon_invalid")) }
        }
        if category != nil {
            switch TextInput.name(category, max: 40, required: false) {
            case .success(let value): out.category = value ?? ""
            case .failure(let problem): problems.append(problem.field("category"))
            }
        }
        return out
    }

    private static func requireFreeKey(_ key: String?, tenantID: UUID, except id: UUID?, on db: any Database) async throws {
        guard let key else { return }
        let query = ApprovalForm.query(on: db).filter(\.$tenantID == tenantID).filter(\.$key == key)
        if let id { query.filter(\.$id != id) }
        if try await query.first() != nil { throw DomainError.invalid([.init("key", "approvals.form.key_taken")]) }
    }

    private static func schemaProblems(_ schema: FormSchema) -> (FormSchema, [DomainError.Field]) {
        let (cleaned, problems) = schema.checked()
        return (cleaned, problems.map { DomainError.Field("schema.\($0.path)", $0.code, params: $0.params) })
    }

    @Sendable func create(_ req: Request) async throws -> ApprovalFormDTO {
        let actor = try req.actor
        let audit = try req.auditContext
        let body = try req.content.decode(NewApprovalFormRequest.self)
        var problems: [DomainError.Field] = []
        let head = header(key: body.key, name: body.name, nameRequired: true, description: body.description, icon: body.icon,
                          category: body.category, problems: &problems)
        let (schema, schemaProblems) = Self.schemaProblems(body.schema)
        problems += schemaProblems
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let key = head.key ?? nil
        let form = ApprovalForm(tenantID: actor.tenantID, key: key, name: head.name ?? "", description: head.description ?? nil,
                                icon: head.icon ?? "general", category: head.category ?? "", templateKey: nil, schema: schema)
        let created = try await req.write { db in
            try await Self.requireFreeKey(key, tenantID: actor.tenantID, except: nil, on: db)
            try await form.create(on: db)
            var changes = AuditChanges()
            changes.created([("key", form.key), ("name", form.name), ("description", form.formDescription), ("icon", form.icon),
                             ("category", form.category), ("schema", form.schemaJSON)])
            try await AuditLog.append(entity: ApprovalsModule.formAuditEntity, entityID: form.id, action: "create", changes: changes,
                                      context: audit, on: db)
            return form.dto
        }
        return created
    }

    @Sendable func update(_ req: Request) async throws -> ApprovalFormDTO {
        let actor = try req.actor
        let audit = try req.auditContext
        let id = try req.pathID(entity: Self.entity)
        // An unknown or other company's form answers 404 before the body is looked at.
        _ = try await find(req, on: req.database)
        let body = try req.content.decode(ApprovalFormUpdate.self)
        var problems: [DomainError.Field] = []
        if body.version == nil { problems.append(.init("version", "field.required")) }
        let head = header(key: body.key, name: body.name, nameRequired: false, description: body.description, icon: body.icon,
                          category: body.category, problems: &problems)
        var schema: FormSchema?
        if let sent = body.schema {
            let (cleaned, schemaProblems) = Self.schemaProblems(sent)
            problems += schemaProblems
            schema = cleaned
        }
        guard problems.isEmpty, let version = body.version else { throw DomainError.invalid(problems) }
        let newSchema = schema
        return try await req.write { db in
            guard let form = try await ApprovalForm.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id == id).first() else {
                throw DomainError.notFound(Self.entity)
            }
            guard form.version == version else { throw DomainError.staleVersion(Self.entity, current: form.dto) }
            var changes = AuditChanges()
            let statement = (db as! any SQLDatabase).update(ApprovalForm.schema)
            func apply(_ column: String, _ keyPath: ReferenceWritableKeyPath<ApprovalForm, String?>, _ value: String??) {
                guard let value, form[keyPath: keyPath] != value else { return }
                changes.set(column, form[keyPath: keyPath], value)
                form[keyPath: keyPath] = value
                statement.set(SQLColumn(column), to: SQLBind(value))
            }
            func apply(_ column: String, _ keyPath: ReferenceWritableKeyPath<ApprovalForm, String>, _ value: String?) {
                guard let value, form[keyPath: keyPath] != value else { return }
                changes.set(column, form[keyPath: keyPath], value)
                form[keyPath: keyPath] = value
                statement.set(SQLColumn(column), to: SQLBind(value))
            }
            if let key = head.key, key != form.key { try await Self.requireFreeKey(key, tenantID: actor.tenantID, except: id, on: db) }
            apply("key", \.key, head.key)
            apply("name", \.name, head.name)
            apply("description", \.formDescription, head.description)
            apply("icon", \.icon, head.icon)
            apply("category", \.category, head.category)
            apply("schema", \.schemaJSON, newSchema.map(ApprovalForm.encode))
            guard !changes.isEmpty else { return form.dto }
            let now = Date()
            let updated = try await statement
                .set(SQLColumn("updated_at"), to: SQLBind(now))
                .set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("tenant_id", .equal, actor.tenantID).where("version", .equal, version)
                .returning("id").first()
            guard updated != nil else { throw DomainError.staleVersion(Self.entity) }
            try await AuditLog.append(entity: ApprovalsModule.formAuditEntity, entityID: id, action: "update", changes: changes, context: audit, on: db)
            form.version = version + 1
            form.updatedAt = now
            return form.dto
        }
    }

    func setArchived(_ req: Request, _ archived: Bool) async throws -> ApprovalFormDTO {
        let actor = try req.actor
        let audit = try req.auditContext
        let id = try req.pathID(entity: Self.entity)
        return try await req.write { db in
            guard let form = try await ApprovalForm.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id == id).first() else {
                throw DomainError.notFound(Self.entity)
            }
            guard form.archived != archived else { return form.dto }
            // Conditional on the state read, so two requests never both flip it.
            let now = Date()
            let updated = try await (db as! any SQLDatabase).update(ApprovalForm.schema)
                .set(SQLColumn("archived"), to: SQLBind(archived))
                .set(SQLColumn("updated_at"), to: SQLBind(now))
                .set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("tenant_id", .equal, actor.tenantID).where("version", .equal, form.version)
                .returning("id").first()
            guard updated != nil else { throw DomainError.staleVersion(Self.entity) }
            form.archived = archived
            form.version += 1
            form.updatedAt = now
            var changes = AuditChanges()
            changes.set("archived", !archived, archived)
            try await AuditLog.append(entity: ApprovalsModule.formAuditEntity, entityID: id, action: archived ? "archive" : "restore",
                                      changes: changes, context: audit, on: db)
            return form.dto
        }
    }

    @Sendable func check(_ req: Request) async throws -> FormSubmissionCheck {
        let actor = try req.actor
        let form = try await find(req, on: req.database)
        guard !form.archived else { throw DomainError(status: 409, code: "approvals.form.archived") }
        let body = try req.content.decode(FormValuesRequest.self)
        return try FormValidator(schema: form.formSchema, currency: actor.tenant.currency).validate(body.values).check
    }
}
