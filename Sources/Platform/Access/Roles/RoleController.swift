import AfieldAPI
import Fluent
import Foundation
import SQLKit
import Vapor

/// `/api/v1/auth/roles`: the company's roles, their permission matrix and data scopes.
struct RoleController: Sendable {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, "roles", permission: IdentityModule.readRoles, summary: "The company's roles with permissions, data scopes and holders",
                  use: list)
        routes.on(.GET, "roles", "catalog", permission: IdentityModule.readRoles,
                  summary: "Every permission and data-scoped resource a role can be given", use: catalog)
        routes.on(.POST, "roles", permission: IdentityModule.manageRoles, summary: "Create a custom role", body: NewRoleRequest.self,
                  status: .created, use: create)
        routes.on(.PATCH, "roles", ":id", permission: IdentityModule.manageRoles,
                  summary: "Change a role's name, permissions, data scopes or two-factor rule, archive it, or reset a built-in role",
                  body: RoleUpdate.self, use: update)
    }

    @Sendable func list(_ req: Request) async throws -> [RoleDTO] {
        let actor = try req.actor
        let rows = try await TenantRole.query(on: req.database).filter(\.$tenantID == actor.tenantID).all()
        let holders = try await RoleAssignment.activeHolders(tenantID: actor.tenantID, on: req.database)
        let order = Dictionary(uniqueKeysWithValues: BuiltInRole.all.enumerated().map { ($1.key, $0) })
        return rows.sorted { a, b in
            let (ra, rb) = (order[a.key] ?? Int.max, order[b.key] ?? Int.max)
            return ra != rb ? ra < rb : (a.name ?? a.key).localizedStandardCompare(b.name ?? b.key) == .orderedAscending
        }.map { dto($0, holders: holders[$0.id!] ?? 0, req) }
    }

    @Sendable func catalog(_ req: Request) async throws -> RoleCatalog {
        let settings = req.application.afield
        func module(_ key: String) -> String { String(key.prefix { $0 != "." }) }
        return RoleCatalog(permissions: settings.permissions.map { .init(key: $0.key, module: module($0.key)) },
                           scopedResources: settings.scopedResources.map { .init(key: $0, module: module($0)) },
                           levels: ScopeLevel.names)
    }

    @Sendable func create(_ req: Request) async throws -> Response {
        let actor = try req.actor
        let audit = try req.auditContext
        let body = try req.content.decode(NewRoleRequest.self)
        var problems: [DomainError.Field] = []
        var name = ""
        switch TextInput.name(body.name, max: TextInput.roleNameMax) {
        case .success(let value): name = value ?? ""
        case .failure(let problem): problems.append(problem.field("name"))
        }
        var description: String?
        switch TextInput.note(body.description, max: TextInput.descriptionMax) {
        case .success(let value): description = value
        case .failure(let problem): problems.append(problem.field("description"))
        }
        problems += permissionProblems(body.permissions, req)
        let scopes = body.scopes ?? []
        problems += try await scopeProblems(scopes, tenantID: actor.tenantID, req)
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let permissions = Array(Set(body.permissions)).sorted()
        let normalisedScopes = Self.normalised(scopes, resources: req.application.afield.scopedResources)
        let limits = GrantLimits(actor: actor)
        guard limits.allows(permissions: Set(permissions), scopes: Self.levels(normalisedScopes)) else {
            throw DomainError(status: 403, code: "auth.role_beyond_own")
        }
        let storedScopes = try Self.encode(normalisedScopes)
        let roleDescription = description
        let roleName = name
        let role = try await req.write { db in
            try await Self.requireUniqueName(roleName, tenantID: actor.tenantID, except: nil, on: db)
            let existing = Set(try await TenantRole.query(on: db).filter(\.$tenantID == actor.tenantID).all().map(\.key))
            var n = existing.count(where: { $0.hasPrefix("custom-") }) + 1
            while existing.contains("custom-\(n)") { n += 1 }
            let role = TenantRole(tenantID: actor.tenantID, key: "custom-\(n)", name: roleName, builtIn: false)
            role.description = roleDescription
            role.permissions = try Self.encode(permissions)
            role.scopes = storedScopes
            role.requireTwoFactor = body.requireTwoFactor ?? false
            try await role.create(on: db)
            try await Self.bumpRevision(actor.tenantID, on: db)
            var changes = AuditChanges()
            changes.created([("key", role.key), ("name", roleName), ("permissions", permissions.joined(separator: " ")),
                             ("scopes", Self.describe(storedScopes)), ("require_two_factor", role.requireTwoFactor)])
            try await AuditLog.append(entity: "platform.role", entityID: role.id, action: "create", changes: changes, context: audit, on: db)
            return role
        }
        let response = Response(status: .created)
        try response.content.encode(dto(role, holders: 0, req), using: JSONEncoder.afield)
        return response
    }

    @Sendable func update(_ req: Request) async throws -> RoleDTO {
        let actor = try req.actor
        let audit = try req.auditContext
        let id = try req.pathID(entity: "role")
        let body = try req.content.decode(RoleUpdate.self)
        guard let version = body.version else { throw DomainError.invalid([.init("version", "field.required")]) }
        var problems: [DomainError.Field] = []
        if let permissions = body.permissions { problems += permissionProblems(permissions, req) }
        if let scopes = body.scopes { problems += try await scopeProblems(scopes, tenantID: actor.tenantID, req) }
        var newName: String?
        if body.name != nil {
            switch TextInput.name(body.name, max: TextInput.roleNameMax) {
            case .success(let value): newName = value
            case .failure(let problem): problems.append(problem.field("name"))
            }
        }
        var newDescription: String??
        if body.description != nil {
            switch TextInput.note(body.description, max: TextInput.descriptionMax) {
            case .success(let value): newDescription = .some(value)
            case .failure(let problem): problems.append(problem.field("description"))
            }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let resources = req.application.afield.scopedResources
        let limits = GrantLimits(actor: actor)
        let (wantedName, wantedDescription) = (newName, newDescription)
        let (role, holders) = try await req.write { db in
            guard let role = try await TenantRole.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id == id).first()
            else { throw DomainError.notFound("role") }
            let holders = try await RoleAssignment.activeHolders(tenantID: actor.tenantID, on: db)[id] ?? 0
            guard role.version == version else { throw DomainError.staleVersion("role", current: dto(role, holders: holders, req)) }
            if role.key == BuiltInRole.administrator.key { throw DomainError.invalid([.init("role", "auth.role_not_editable")]) }
            let settings = req.application.afield
            // A role stronger than the editor's own is not theirs to change.
            guard limits.allows(ResolvedRole(role, declared: settings.permissions, resources: resources)) else {
                throw DomainError(status: 403, code: "auth.role_beyond_own")
            }
            var changes = AuditChanges()
            if let name = wantedName, name != role.name {
                if role.builtIn { throw DomainError.invalid([.init("name", "auth.builtin_role_fixed")]) }
                try await Self.requireUniqueName(name, tenantID: actor.tenantID, except: id, on: db)
                changes.set("name", role.name, name)
                role.name = name
            }
            if let description = wantedDescription, description != role.description {
                changes.set("description", role.description, description)
                role.description = description
            }
            if body.resetToDefaults == true, role.builtIn, role.permissions != nil || role.scopes != nil {
                changes.set("permissions", Self.describe(permissionsJSON: role.permissions), "(defaults)")
                changes.set("scopes", Self.describe(role.scopes), "(defaults)")
                role.permissions = nil
                role.scopes = nil
            }
            if let permissions = body.permissions {
                let text = try Self.encode(Array(Set(permissions)).sorted())
                let before = ResolvedRole(role, declared: req.application.afield.permissions, resources: resources).permissions
                if Set(permissions) != before {
                    changes.set("permissions", before.sorted().joined(separator: " "), Array(Set(permissions)).sorted().joined(separator: " "))
                    role.permissions = text
                }
            }
            if let scopes = body.scopes {
                let resolved = ResolvedRole(role, declared: req.application.afield.permissions, resources: resources)
                var merged = Dictionary(uniqueKeysWithValues: resolved.roleScopes(resources: resources).map { ($0.resource, $0) })
                for scope in scopes { merged[scope.resource] = scope }
                let text = try Self.encode(Self.normalised(Array(merged.values), resources: resources))
                let current = try role.scopes ?? Self.encode(resolved.roleScopes(resources: resources))
                if text != current {
                    changes.set("scopes", Self.describe(current), Self.describe(text))
                    role.scopes = text
                }
            }
            if let require = body.requireTwoFactor, require != role.requireTwoFactor {
                changes.set("require_two_factor", role.requireTwoFactor, require)
                role.requireTwoFactor = require
            }
            if let archived = body.archived, archived != role.archived {
                if archived, role.builtIn { throw DomainError.invalid([.init("archived", "auth.builtin_role_fixed")]) }
                if archived {
                    // Deactivated holders may come back, and pending invitations may be accepted:
                    // both would be left with a role that grants nothing.
                    let anyHolders = try await UserRole.query(on: db).filter(\.$roleID == id).count()
                    let invited = try await Invitation.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$acceptedAt == nil)
                        .filter(\.$revokedAt == nil).filter(\.$expiresAt > Date()).all().filter { $0.roleKeys.contains(role.key) }.count
                    if anyHolders + invited > 0 {
                        throw DomainError.invalid([.init("archived", "auth.role_in_use", params: ["count": String(anyHolders + invited)])])
                    }
                } else if let name = role.name {
                    try await Self.requireUniqueName(name, tenantID: actor.tenantID, except: id, on: db)
                }
                changes.set("archived", role.archived, archived)
                role.archived = archived
            }
            guard limits.allows(ResolvedRole(role, declared: settings.permissions, resources: resources)) else {
                throw DomainError(status: 403, code: "auth.role_beyond_own")
            }
            guard !changes.isEmpty else { return (role, holders) }
            role.version += 1
            try await role.save(on: db)
            try await Self.bumpRevision(actor.tenantID, on: db)
            try await AuditLog.append(entity: "platform.role", entityID: id, action: "update", changes: changes, context: audit, on: db)
            return (role, holders)
        }
        return dto(role, holders: holders, req)
    }

    // MARK: - Checks

    private func permissionProblems(_ keys: [String], _ req: Request) -> [DomainError.Field] {
        let declared = Set(req.application.afield.permissions.map(\.key))
        return keys.filter { !declared.contains($0) }.map { .init("permissions", "auth.unknown_permission", params: ["permission": $0]) }
    }

    private func scopeProblems(_ scopes: [RoleScope], tenantID: UUID, _ req: Request) async throws -> [DomainError.Field] {
        let resources = Set(req.application.afield.scopedResources)
        var problems: [DomainError.Field] = []
        var chosen: Set<UUID> = []
        for scope in scopes {
            if !resources.contains(scope.resource) || !ScopeLevel.names.contains(scope.level) {
                problems.append(.init("scopes", "auth.unknown_scope", params: ["resource": scope.resource]))
            } else if scope.level == "departments" {
                if (scope.departmentIds ?? []).isEmpty {
                    problems.append(.init("scopes", "auth.departments_required", params: ["resource": scope.resource]))
                }
                chosen.formUnion(scope.departmentIds ?? [])
            }
        }
        if !chosen.isEmpty {
            let found = try await Department.query(on: req.database).filter(\.$tenantID == tenantID).filter(\.$id ~~ chosen).count()
            if found != chosen.count { problems.append(.init("scopes", "auth.unknown_department")) }
        }
        return problems
    }

    private static func requireUniqueName(_ name: String, tenantID: UUID, except: UUID?, on db: any Database) async throws {
        let others = try await TenantRole.query(on: db).filter(\.$tenantID == tenantID).filter(\.$builtIn == false).all()
        let key = name.lowercased()
        if BuiltInRole.all.contains(where: { $0.key == key }) || others.contains(where: { $0.id != except && $0.name?.lowercased() == key && !$0.archived }) {
            throw DomainError.invalid([.init("name", "auth.role_name_taken")])
        }
    }

    /// Role changes apply on every server process at the next request (``RoleCache``).
    static func bumpRevision(_ tenantID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("UPDATE tenants SET roles_revision = roles_revision + 1 WHERE id = \(bind: tenantID)").run()
    }

    // MARK: - Shapes

    /// One entry per resource, in catalogue order; resources not given are `own`.
    static func normalised(_ scopes: [RoleScope], resources: [String]) -> [RoleScope] {
        let given = Dictionary(scopes.map { ($0.resource, $0) }, uniquingKeysWith: { _, last in last })
        return resources.map { resource in
            guard let scope = given[resource], let level = ScopeLevel(scope) else { return RoleScope(resource: resource, level: "own") }
            return level.roleScope(resource: resource)
        }
    }

    static func encode<T: Encodable>(_ value: T) throws -> String { String(decoding: try JSONEncoder.sortedKeys.encode(value), as: UTF8.self) }

    /// `sales.order=departments(<id>,<id>) partners.customer=own` for the audit log: the
    /// departments by id, so a swap of one department for another is a visible change.
    static func describe(_ scopesJSON: String?) -> String? {
        guard let scopesJSON, let scopes = try? JSONDecoder().decode([RoleScope].self, from: Data(scopesJSON.utf8)) else { return nil }
        return scopes.map { scope in
            guard scope.level == "departments" else { return "\(scope.resource)=\(scope.level)" }
            let ids = (scope.departmentIds ?? []).map(\.uuidString).sorted().joined(separator: ",")
            return "\(scope.resource)=departments(\(ids))"
        }.joined(separator: " ")
    }

    static func levels(_ scopes: [RoleScope]) -> [String: ScopeLevel] {
        var levels: [String: ScopeLevel] = [:]
        for scope in scopes { levels[scope.resource] = ScopeLevel(scope) ?? .own }
        return levels
    }

    static func describe(permissionsJSON: String?) -> String? {
        guard let permissionsJSON, let keys = try? JSONDecoder().decode([String].self, from: Data(permissionsJSON.utf8)) else { return nil }
        return keys.joined(separator: " ")
    }

    private func dto(_ role: TenantRole, holders: Int, _ req: Request) -> RoleDTO {
        let settings = req.application.afield
        let resolved = ResolvedRole(role, declared: settings.permissions, resources: settings.scopedResources)
        let archivedView = role.archived
            ? (try? JSONDecoder().decode([String].self, from: Data((role.permissions ?? "[]").utf8))) ?? []
            : resolved.permissions.sorted()
        return RoleDTO(id: role.id!, key: role.key, name: role.name, description: role.description, builtIn: role.builtIn,
                       customised: resolved.customised, editable: role.key != BuiltInRole.administrator.key,
                       permissions: role.archived ? archivedView.sorted() : resolved.permissions.sorted(),
                       scopes: resolved.roleScopes(resources: settings.scopedResources),
                       requireTwoFactor: role.requireTwoFactor, archived: role.archived, userCount: holders, version: role.version)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
