import AfieldAPI
import Fluent
import Foundation
import Platform

/// Grants annual leave for a year to every current employee (``AnnualLeaveRule``), and moves
/// unused days of the year before into it when the company carries them over. Each grant is
/// written once per person and year (the ledger's dedupe key): running it again grants nothing more.
struct LeaveAccrual: Sendable {
    let context: ServiceContext

    /// - Throws: 403 without `leave.balance.manage`; 422 for a bad year or carry-over.
    func run(_ input: LeaveAccrualRequest) async throws -> LeaveAccrualDTO {
        try context.require(LeaveModule.manage)
        var problems: [DomainError.Field] = []
        guard let year = input.year, (2000...2100).contains(year) else { throw DomainError.invalid([.init("year", "leave.bad_year")]) }
        var carryMax: Int64 = 0
        if let raw = input.carryOverDays {
            do { carryMax = try FixedDecimal.parse(raw.text, scale: 2) } catch { problems.append(.init("carryOverDays", "leave.bad_days")) }
            if carryMax < 0 || carryMax > 36_500 { problems.append(.init("carryOverDays", "leave.bad_days")) }
        }
        let expires = input.carryOverExpiresOn
        if let expires, !CalendarDay.isValid(expires) || !expires.hasPrefix("\(year)-") { problems.append(.init("carryOverExpiresOn", "leave.bad_expiry")) }
        if carryMax > 0, expires == nil { problems.append(.init("carryOverExpiresOn", "leave.expiry_required")) }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let tenantID = context.tenantID
        let audit = context.audit
        let now = context.now()
        let first = String(format: "%04d-01-01", year), last = String(format: "%04d-12-31", year)
        let previousLast = String(format: "%04d-12-31", year - 1)
        let employees = try await EmployeeDirectory(db: context.database).all(tenantID: tenantID)
        let profiles = try await LeaveProfile.query(on: context.database).filter(\.$tenantID == tenantID).all()
        let workStart = Dictionary(profiles.compactMap { p in p.workStartDate.map { (p.employeeID, $0) } }) { a, _ in a }
        let carryMaxDays = carryMax
        let grants = try await context.write { db -> [LeaveAccrualDTO.Grant] in
            var grants: [LeaveAccrualDTO.Grant] = []
            let carryMax = carryMaxDays
            for e in employees {
                let id = e.id!
                let days = AnnualLeaveRule.days(year: year, workStart: workStart[id], hired: e.hireDate)
                let existing = Set(try await LeaveLedgerEntry.query(on: db).filter(\.$tenantID == tenantID).filter(\.$employeeID == id)
                    .filter(\.$typeKey == "annual").all().map(\.dedupeKey))
                var annual: Int64 = 0, carried: Int64 = 0
                if days > 0, !existing.contains("accrual:\(year)") {
                    annual = Int64(days) * 100
                    try await LeaveLedgerEntry(tenantID: tenantID, employeeID: id, typeKey: "annual", kind: "accrual", amount: annual, date: first,
                                               expiresOn: last, dedupeKey: "accrual:\(year)", by: audit.actorID, at: now).create(on: db)
                }
                if carryMax > 0, let expires, !existing.contains("carryOver:\(year)") {
                    let book = try await LeaveService.book(id, "annual", tenantID: tenantID, on: db)
                    let unused = book.lots.filter { $0.expiresOn == previousLast }.map(\.remaining).reduce(0, +)
                    carried = min(unused, carryMax)
                    if carried > 0 {
                        try await LeaveLedgerEntry(tenantID: tenantID, employeeID: id, typeKey: "annual", kind: "carryOver", amount: carried, date: first,
                                                   expiresOn: expires, dedupeKey: "carryOver:\(year)", by: audit.actorID, at: now).create(on: db)
                    }
                }
                if annual > 0 || carried > 0 {
                    grants.append(.init(employeeID: id, employeeName: e.name, annual: LeaveService.text(annual), carriedOver: LeaveService.text(carried)))
                }
            }
            var changes = AuditChanges()
            changes.set("year", nil, year)
            changes.set("employees", nil, grants.count)
            if carryMax > 0 { changes.set("carry_over_days", nil, LeaveService.text(carryMax)) }
            try await AuditLog.append(entity: LeaveModule.accrualEntity, entityID: nil, action: "accrue", changes: changes, context: audit, on: db, now: now)
            try await Revisions.bump(LeaveModule.revisionKey, tenantID: tenantID, on: db)
            return grants
        }
        return LeaveAccrualDTO(year: year, grants: grants)
    }

    /// Sets when an employee started working (参加工作时间).
    func setProfile(_ employeeID: UUID, _ input: LeaveProfileInput) async throws -> LeaveProfileDTO {
        try context.require(LeaveModule.manage)
        let tenantID = context.tenantID
        guard let employee = try await EmployeeDirectory(db: context.database).find(employeeID, tenantID: tenantID) else { throw DomainError.notFound("employee") }
        guard let start = input.workStartDate, CalendarDay.isPlausibleBusinessDay(start), start <= context.today() else {
            throw DomainError.invalid([.init("workStartDate", "leave.bad_date")])
        }
        let audit = context.audit
        let now = context.now()
        try await context.write { db in
            try await LeaveService.lockProfile(employeeID, tenantID: tenantID, on: db)
            let profile = try await LeaveProfile.query(on: db).filter(\.$tenantID == tenantID).filter(\.$employeeID == employeeID).first()!
            guard profile.workStartDate != start else { return }
            var changes = AuditChanges()
            changes.set("work_start_date", profile.workStartDate, start)
            profile.workStartDate = start
            try await profile.save(on: db)
            try await AuditLog.append(entity: LeaveModule.profileEntity, entityID: employeeID, action: "update", changes: changes, context: audit, on: db, now: now)
        }
        return LeaveProfileDTO(employeeID: employeeID, workStartDate: start, hireDate: employee.hireDate)
    }
}
