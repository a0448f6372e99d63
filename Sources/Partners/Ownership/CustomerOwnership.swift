import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Who looks after a customer: claiming from the public pool (公海), releasing to it, and
/// transferring between reps, each with a history row and an audit entry.
///
/// Every change is one conditional `UPDATE … WHERE` on the owner it expects, so that of two reps
/// claiming the same customer at once exactly one wins and the other gets 409
/// `partners.pool.taken` (issue 12 point 11).
public struct CustomerOwnership: Sendable {
    let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    /// Claiming from the pool: reps.
    public static let claim = Permission("partners.pool.claim")
    /// Transferring customers between reps and assigning pool customers: managers.
    public static let transfer = Permission("partners.customer.transfer")
    /// Changing the pool rules.
    public static let manage = Permission("partners.pool.manage")

    /// Takes the pool customer `id` for the acting rep.
    ///
    /// - Throws: 403 without ``claim``; 422 `partners.pool.no_employee` when the user is no
    ///   employee; 404 when it is not a customer in the pool the rep may see; 409
    ///   `partners.pool.taken` when another rep took it first; 422 `partners.pool.max_owned`
    ///   (`max`), `partners.pool.daily_claims` (`max`), `partners.pool.reclaim_too_soon` (`days`).
    public func claim(_ id: UUID) async throws -> PartnerDetail {
        try context.require(Self.claim)
        let actor = context.actor
        let now = context.now()
        let rules = try await PoolRules.of(tenantID: actor.tenantID, on: context.database)
        let pool = try await context.recordScope(CustomerPool.resource)
        let startOfToday = CustomerPool.startOfDay(now, in: actor.timeZone)
        try await context.write { db in
            guard let partner = try await Partner.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id == id)
                .filter(\.$isCustomer == true).first() else { throw DomainError.notFound("customer") }
            if partner.ownerID != nil, partner.ownerID == actor.employeeID { return }
            // Someone claimed it between the rep's list and their tap: say so, not "not found".
            guard partner.poolSince != nil else { throw DomainError(status: 409, code: "partners.pool.taken") }
            guard let employee = actor.employeeID else { throw DomainError(status: 422, code: "partners.pool.no_employee") }
            try await Self.serialiseClaims(of: employee, on: db)
            if partner.poolSince != nil, !pool.contains(department: partner.departmentID, employee: nil, createdBy: nil) { throw DomainError.notFound("customer") }
            let owned = try await Partner.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$ownerID == employee)
                .filter(\.$isCustomer == true).filter(\.$archived == false).count()
            guard owned < rules.maxOwned else {
                throw DomainError(status: 422, code: "partners.pool.max_owned", params: ["max": String(rules.maxOwned)])
            }
            let today = try await OwnerChange.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$toOwnerID == employee)
                .filter(\.$action == "claim").filter(\.$at >= startOfToday).count()
            guard today < rules.dailyClaims else {
                throw DomainError(status: 422, code: "partners.pool.daily_claims", params: ["max": String(rules.dailyClaims)])
            }
            if partner.previousOwnerID == employee, let since = partner.poolSince, rules.reclaimDays > 0,
               now < since.addingTimeInterval(Double(rules.reclaimDays) * 86_400) {
                throw DomainError(status: 422, code: "partners.pool.reclaim_too_soon", params: ["days": String(rules.reclaimDays)])
            }
            guard try await Self.move(partner, to: employee, department: actor.departmentID, expectPool: true, on: db, now: now) else {
                throw DomainError(status: 409, code: "partners.pool.taken")
            }
            try await record(partner, action: "claim", from: nil, to: employee, reason: nil, on: db, now: now)
        }
        return try await CustomerRead(context: context).detail(id)
    }

    /// Gives the customer `id` back to the pool. Its owner may; so may a holder of ``transfer``
    /// for a customer in their scope.
    /// - Throws: 403; 404 outside the caller's scope; 422 `partners.pool.not_owner` for someone
    ///   else's customer without ``transfer``; 409 `partners.pool.already_in_pool`.
    public func release(_ id: UUID, reason: String?) async throws -> PartnerDetail {
        try context.require(PartnerRole.customer.writePermission)
        let reason = try Self.cleanReason(reason)
        let actor = context.actor
        let now = context.now()
        let scope = try await context.recordScope("partners.customer")
        try await context.write { db in
            guard let partner = try await Partner.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id == id)
                .filter(\.$isCustomer == true).filter(scope: scope, employee: "owner_id", createdBy: nil).first()
            else { throw DomainError.notFound("customer") }
            guard partner.poolSince == nil else { throw DomainError(status: 409, code: "partners.pool.already_in_pool") }
            guard partner.ownerID == actor.employeeID && actor.employeeID != nil || actor.holds(Self.transfer) else {
                throw DomainError(status: 422, code: "partners.pool.not_owner")
            }
            let from = partner.ownerID
            guard try await Self.toPool(partner, reason: actor.holds(Self.transfer) && from != actor.employeeID ? "transferred" : "released",
                                        on: db, now: now) else { throw DomainError.staleVersion("customer") }
            try await record(partner, action: "release", from: from, to: nil, reason: reason, on: db, now: now)
        }
        return try await CustomerRead(context: context).detail(id)
    }

    /// Gives customers to the employee `input.toEmployeeId`, each in the caller's scope or in the pool.
    /// - Throws: 403 without ``transfer``; 422 (`ids` empty or over 500, unknown or archived
    ///   employee, reason too long); 404 `customer` when one id is not a customer the caller may
    ///   transfer — then nothing is transferred.
    public func transfer(_ input: CustomerTransferInput) async throws -> CustomerTransferResult {
        try context.require(Self.transfer)
        let reason = try Self.cleanReason(input.reason)
        let ids = Array(Set(input.ids))
        guard !ids.isEmpty, ids.count <= 500 else {
            throw DomainError.invalid([.init("ids", ids.isEmpty ? "field.required" : "list.too_many", params: ["max": "500"])])
        }
        let actor = context.actor
        let now = context.now()
        let scope = try await context.recordScope("partners.customer")
        guard let employee = try await EmployeeDirectory(db: context.database).find(input.toEmployeeId, tenantID: actor.tenantID), !employee.archived else {
            throw DomainError.invalid([.init("toEmployeeId", "partners.transfer.unknown_employee")])
        }
        let to = input.toEmployeeId
        return try await context.write { db in
            let partners = try await Partner.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id ~~ ids).filter(\.$isCustomer == true).all()
            let allowed = partners.filter { $0.poolSince != nil || scope.contains(department: $0.departmentID, employee: $0.ownerID, createdBy: nil) }
            guard allowed.count == ids.count else { throw DomainError.notFound("customer") }
            var moved = 0
            for partner in allowed.sorted(by: { $0.code < $1.code }) where partner.ownerID != to {
                let from = partner.ownerID
                let fromPool = partner.poolSince != nil
                guard try await Self.move(partner, to: to, department: employee.departmentID, expectPool: fromPool, on: db, now: now) else {
                    throw DomainError.staleVersion("customer")
                }
                try await record(partner, action: fromPool ? "assign" : "transfer", from: from, to: to, reason: reason, on: db, now: now)
                moved += 1
            }
            return CustomerTransferResult(transferred: moved, unchanged: allowed.count - moved)
        }
    }

    /// The customer's owner changes, newest first (the customer must be readable by the caller).
    public func history(_ id: UUID) async throws -> [OwnerChangeDTO] {
        _ = try await CustomerRead(context: context).detail(id)
        let rows = try await OwnerChange.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$partnerID == id)
            .sort(\.$at, .descending).sort(\.$id).all()
        let employees = Set(rows.flatMap { [$0.fromOwnerID, $0.toOwnerID].compactMap { $0 } })
        let names = try await EmployeeDirectory(db: context.database).names(employees, tenantID: context.tenantID)
        let users = try await User.query(on: context.database).filter(\.$id ~~ Set(rows.compactMap(\.byUserID))).all()
        let userNames = Dictionary(users.compactMap { u in u.id.map { ($0, u.name) } }, uniquingKeysWith: { a, _ in a })
        return rows.map {
            OwnerChangeDTO(action: $0.action, fromOwnerId: $0.fromOwnerID, fromOwnerName: $0.fromOwnerID.flatMap { names[$0] },
                           toOwnerId: $0.toOwnerID, toOwnerName: $0.toOwnerID.flatMap { names[$0] }, reason: $0.reason, at: $0.at,
                           byUserName: $0.byUserID.flatMap { userNames[$0] })
        }
    }

    // MARK: - Steps shared with the idle rule

    /// Sets the owner of `partner` to `employee` if it still has the owner it was read with (or
    /// is still in the pool when `expectPool`); false when someone changed it first.
    static func move(_ partner: Partner, to employee: UUID, department: UUID?, expectPool: Bool, on db: any Database, now: Date) async throws -> Bool {
        let sql = db as! any SQLDatabase
        let update = sql.update(Partner.schema)
            .set("owner_id", to: employee).set("department_id", to: department).set("owner_since", to: now)
            .set("pool_since", to: SQLLiteral.null).set("pool_reason", to: SQLLiteral.null)
            .set("updated_at", to: now).set("version", to: SQLRaw("version + 1"))
            .where("id", .equal, partner.id).where("tenant_id", .equal, partner.tenantID)
        if expectPool {
            update.where("pool_since", .isNot, SQLLiteral.null)
        } else if let owner = partner.ownerID {
            update.where("owner_id", .equal, owner).where("pool_since", .is, SQLLiteral.null)
        } else {
            update.where("owner_id", .is, SQLLiteral.null).where("pool_since", .is, SQLLiteral.null)
        }
        guard try await update.returning("id").first() != nil else { return false }
        partner.ownerID = employee
        partner.departmentID = department
        return true
    }

    /// Puts `partner` in the pool if it still has the owner it was read with.
    static func toPool(_ partner: Partner, reason: String, on db: any Database, now: Date) async throws -> Bool {
        let sql = db as! any SQLDatabase
        let update = sql.update(Partner.schema)
            .set("owner_id", to: SQLLiteral.null).set("previous_owner_id", to: partner.ownerID).set("owner_since", to: SQLLiteral.null)
            .set("pool_since", to: now).set("pool_reason", to: reason)
            .set("updated_at", to: now).set("version", to: SQLRaw("version + 1"))
            .where("id", .equal, partner.id).where("tenant_id", .equal, partner.tenantID).where("pool_since", .is, SQLLiteral.null)
        if let owner = partner.ownerID { update.where("owner_id", .equal, owner) } else { update.where("owner_id", .is, SQLLiteral.null) }
        return try await update.returning("id").first() != nil
    }

    private func record(_ partner: Partner, action: String, from: UUID?, to: UUID?, reason: String?, on db: any Database, now: Date) async throws {
        let id = try partner.requireID()
        try await OwnerChange(tenantID: partner.tenantID, partnerID: id, action: action, from: from, to: to, reason: reason, at: now,
                              by: context.actor.userID).create(on: db)
        var changes = AuditChanges()
        changes.set("owner_id", from?.uuidString, to?.uuidString)
        if let reason { changes.set("reason", nil, reason) }
        try await AuditLog.append(entity: PartnersModule.auditEntity, entityID: id, action: "owner_\(action)", changes: changes, context: context.audit,
                                  on: db, now: now)
        try await Revisions.bump(PartnersModule.revisionKey, tenantID: partner.tenantID, on: db)
    }

    /// On PostgreSQL, one rep's claims run one after another (a transaction-scoped advisory lock
    /// on the employee), so that two claims at once cannot both pass the limits; SQLite already
    /// serialises every write.
    static func serialiseClaims(of employee: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "partners.claim:" + employee.uuidString)))").run()
    }

    static func cleanReason(_ reason: String?) throws -> String? {
        guard let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else { return nil }
        if TextInput.hasForbidden(reason, multiline: false) { throw DomainError.invalid([.init("reason", TextInput.Problem.controlCharacters.rawValue)]) }
        if reason.unicodeScalars.count > 200 { throw DomainError.invalid([.init("reason", "field.too_long", params: ["max": "200"])]) }
        return reason
    }
}
