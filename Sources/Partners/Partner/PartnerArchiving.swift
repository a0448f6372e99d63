import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Archiving and restoring a partner (`POST /partners/{customers|suppliers|carriers}/{id}/archive`
/// and `…/unarchive`): an archived partner stays on its documents but is offered no more (Odoo's
/// "active" flag). One conditional update with the audit entry and the revision bump.
struct PartnerArchiving: Sendable {
    let context: ServiceContext

    /// Sets the partner's `archived` flag; setting it to what it is changes nothing and writes nothing.
    /// - Throws: 404 `not_found` (unknown, other tenant, other role, outside the caller's scope).
    func set(_ id: UUID, role: PartnerRole, archived: Bool) async throws -> PartnerDetail {
        let actor = context.actor
        let audit = context.audit
        var found: RecordScope?
        if let resource = role.scopedResource { found = try await context.recordScope(resource) }
        let scope = found
        let now = context.now()
        try await context.write { db in
            let query = Partner.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id == id).filter(role.flag == true)
            if let scope { query.filter(scope: scope, employee: "owner_id", createdBy: nil) }
            guard let partner = try await query.first() else { throw DomainError.notFound(role.entity) }
            guard partner.archived != archived else { return }
            let sql = db as! any SQLDatabase
            try await sql.update(Partner.schema).set("archived", to: archived).set("updated_at", to: now)
                .set(SQLColumn("version"), to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("tenant_id", .equal, actor.tenantID).run()
            var changes = AuditChanges()
            changes.set("archived", partner.archived, archived)
            try await AuditLog.append(entity: PartnersModule.auditEntity, entityID: id, action: archived ? "archive" : "unarchive", changes: changes,
                                      context: audit, on: db)
            try await Revisions.bump(PartnersModule.revisionKey, tenantID: actor.tenantID, on: db)
        }
        guard let partner = try await Partner.query(on: context.database).filter(\.$id == id).with(\.$contacts).first() else {
            throw DomainError.notFound(role.entity)
        }
        return partner.detail(currency: context.actor.tenant.currency)
    }
}
