import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit
import Vapor

/// The public pool (公海): customers nobody owns, which reps claim (``CustomerOwnership``), and
/// the rule that returns idle customers to it (``releaseIdle(tenantID:now:application:)``).
public struct CustomerPool: Sendable {
    let context: ServiceContext

    /// The data-scope resource that decides which pool customers a person sees, by the
    /// department that last owned them (roles' data-scope matrix).
    public static let resource = "partners.pool"

    /// Whether the caller may see the pool customer `partner`.
    func canSee(_ partner: Partner) async throws -> Bool {
        let actor = context.actor
        guard actor.holds(CustomerOwnership.claim) || actor.holds(CustomerOwnership.transfer) else { return false }
        return try await context.recordScope(Self.resource).contains(department: partner.departmentID, employee: nil, createdBy: nil)
    }

    /// The start of the local day holding `instant` in `timeZone`.
    static func startOfDay(_ instant: Date, in timeZone: TimeZone) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.startOfDay(for: instant)
    }

    /// Returns to the pool every customer of company `tenantID` whose last follow-up or visit —
    /// or, without one, the day its owner got it — is more than the rule's `idleDays` whole days
    /// before the local day of `now` (the company's time zone): a customer followed up on day D
    /// goes back on day D + idleDays + 1. Each is written as its own change with history
    /// (`idle`) and audit entry (source `system`); a customer changed meanwhile is left alone.
    /// - Returns: how many customers went back.
    public static func releaseIdle(tenantID: UUID, now: Date, application: Application) async throws -> Int {
        let db = application.db
        let rules = try await PoolRules.of(tenantID: tenantID, on: db)
        guard rules.idleDays > 0, let tenant = try await Tenant.find(tenantID, on: db) else { return 0 }
        let zone = TimeZone(identifier: tenant.timeZone) ?? .gmt
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard let cutoff = calendar.date(byAdding: .day, value: -rules.idleDays, to: calendar.startOfDay(for: now)) else { return 0 }
        let touched = SQLRaw("COALESCE(last_activity_at, owner_since, created_at)")
        let idle = try await Partner.query(on: db).filter(\.$tenantID == tenantID).filter(\.$isCustomer == true).filter(\.$archived == false)
            .filter(\.$ownerID != nil).filter(\.$poolSince == nil)
            .filter(.sql(SQLBinaryExpression(touched, .lessThan, SQLBind(cutoff)))).all()
        var released = 0
        let audit = AuditContext.system(tenantID, name: "public pool")
        for partner in idle {
            let moved: Bool = try await application.afieldWrites.transaction(on: db) { db in
                let from = partner.ownerID
                guard try await CustomerOwnership.toPool(partner, reason: "idle", on: db, now: now) else { return false }
                let id = try partner.requireID()
                try await OwnerChange(tenantID: tenantID, partnerID: id, action: "idle", from: from, to: nil, reason: nil, at: now, by: nil).create(on: db)
                var changes = AuditChanges()
                changes.set("owner_id", from?.uuidString, nil)
                try await AuditLog.append(entity: PartnersModule.auditEntity, entityID: id, action: "owner_idle", changes: changes, context: audit, on: db, now: now)
                try await Revisions.bump(PartnersModule.revisionKey, tenantID: tenantID, on: db)
                return true
            }
            if moved { released += 1 }
        }
        return released
    }
}
