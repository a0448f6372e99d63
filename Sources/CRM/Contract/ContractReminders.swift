import Fluent
import Foundation
import Platform
import SQLKit
import Vapor

/// Renewal and expiry reminders of contracts, as one installation-wide ``HourlyJob`` (kind
/// ``kind``), like the public pool's idle rule: for each company, in its own time zone, an active
/// contract whose end is `remind_days` days away or nearer sends its owner one renewal reminder;
/// one whose end has passed becomes `expired` and says so.
public enum ContractReminders {
    public static let kind = "crm.contract.remind"

    static func register(on application: Application) {
        HourlyJob(kind: kind).register(on: application) { now, application in
            for tenant in try await Tenant.query(on: application.db).all() {
                guard let id = tenant.id else { continue }
                _ = try await run(tenantID: id, now: now, application: application)
            }
        }
    }

    /// One company's reminders at `now`: how many renewal reminders were sent and contracts expired.
    public static func run(tenantID: UUID, now: Date, application: Application) async throws -> (reminded: Int, expired: Int) {
        let db = application.db
        guard let tenant = try await Tenant.find(tenantID, on: db) else { return (0, 0) }
        let today = CalendarDay.string(for: now, in: TimeZone(identifier: tenant.timeZone) ?? .gmt)
        let audit = AuditContext.system(tenantID, name: "contract reminders")
        var reminded = 0
        var expired = 0
        let active = try await Contract.query(on: db).filter(\.$tenantID == tenantID).filter(\.$state == "active").all()
        for contract in active {
            let id = try contract.requireID()
            let daysLeft = CalendarDay.days(from: today, to: contract.endsOn) ?? 0
            if daysLeft < 0 {
                let moved: Bool = try await application.afieldWrites.transaction(on: db) { db in
                    guard try await (db as! any SQLDatabase).update(Contract.schema).set("state", to: "expired").set("updated_at", to: now)
                        .set("version", to: SQLRaw("version + 1")).where("id", .equal, id).where("state", .equal, "active").returning("id").first() != nil
                    else { return false }
                    var changes = AuditChanges()
                    changes.set("state", "active", "expired")
                    try await AuditLog.append(entity: CRMModule.contractEntity, entityID: id, action: "expire", changes: changes, context: audit, on: db, now: now)
                    try await notify(contract, code: "crm.contract.expired", application: application, on: db)
                    return true
                }
                if moved { expired += 1 }
            } else if contract.remindedAt == nil, contract.renewedByID == nil, daysLeft <= contract.remindDays {
                let sent: Bool = try await application.afieldWrites.transaction(on: db) { db in
                    guard try await (db as! any SQLDatabase).update(Contract.schema).set("reminded_at", to: now)
                        .where("id", .equal, id).where("reminded_at", .is, SQLLiteral.null).returning("id").first() != nil
                    else { return false }
                    try await notify(contract, code: "crm.contract.renewal_due", application: application, on: db)
                    return true
                }
                if sent { reminded += 1 }
            }
        }
        return (reminded, expired)
    }

    private static func notify(_ contract: Contract, code: String, application: Application, on db: any Database) async throws {
        guard let user = try await EmployeeDirectory(db: db).find(contract.ownerID, tenantID: contract.tenantID)?.userID else { return }
        try await application.notificationCentre.send(
            NotificationMessage(kind: "crm.contract", code: code, params: ["number": contract.number, "title": contract.title, "endsOn": contract.endsOn],
                                link: "/crm/contracts/\(contract.id!.uuidString)", entity: CRMModule.contractEntity, entityID: contract.id),
            to: [user], tenantID: contract.tenantID, on: db)
    }
}
