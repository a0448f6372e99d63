import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit

/// Attendance groups (考勤组): create, change, and the shift roster (issue 10 point 1).
struct AttendanceGroupService: Sendable {
    let context: ServiceContext

    func list() async throws -> [AttendanceGroupDTO] {
        let rows = try await AttendanceGroup.query(on: context.database).filter(\.$tenantID == context.tenantID).sort(\.$name).sort(\.$id).all()
        return try await dtos(rows, on: context.database)
    }

    func detail(_ id: UUID) async throws -> AttendanceGroupDTO {
        try await dtos([try await find(id, on: context.database)], on: context.database)[0]
    }

    /// - Throws: 422 with field problems (`attendance.group.name_taken`,
    ///   people or departments already in another group move here, unknown sites, people or departments).
    func create(_ input: AttendanceGroupInput) async throws -> AttendanceGroupDTO {
        try context.require(AttendanceModule.groupManage)
        let group = AttendanceGroup()
        group.id = UUID()
        group.tenantID = context.tenantID
        // Every field starts set: a key-path write reads the old value first.
        group.name = ""
        group.scheduleJSON = AttendanceSchedule.officeHours.json
        group.timeZone = context.actor.tenant.timeZone.identifier
        group.graceLateMinutes = 0
        group.graceEarlyMinutes = 0
        group.absentAfterMinutes = 240
        group.windowBeforeMinutes = 120
        group.windowAfterMinutes = 360
        group.fieldCheckIn = false
        group.fieldNeedsPhoto = false
        group.fieldNeedsCustomer = false
        group.correctionsPerMonth = 3
        group.version = 1
        var problems: [DomainError.Field] = []
        if input.name == nil { problems.append(.init("name", "field.required")) }
        if input.schedule == nil { problems.append(.init("schedule", "field.required")) }
        let id = group.id!
        try await save(group, input, problems: problems, isNew: true)
        return try await detail(id)
    }

    /// - Throws: 409 `conflict.stale_version`; 422 as ``create(_:)``.
    func update(_ id: UUID, _ input: AttendanceGroupInput) async throws -> AttendanceGroupDTO {
        try context.require(AttendanceModule.groupManage)
        guard input.version != nil else { throw DomainError.invalid([.init("version", "field.required")]) }
        let group = try await find(id, on: context.database)
        try await save(group, input, problems: [], isNew: false)
        return try await detail(id)
    }

    private func save(_ group: AttendanceGroup, _ input: AttendanceGroupInput, problems early: [DomainError.Field], isNew: Bool) async throws {
        var problems = early
        let tenantID = context.tenantID
        var changes = AuditChanges()
        func set<T: Equatable & CustomStringConvertible>(_ field: String, _ keyPath: ReferenceWritableKeyPath<AttendanceGroup, T>, _ value: T?) {
            guard let value else { return }
            if isNew || group[keyPath: keyPath] != value { changes.set(field, isNew ? nil : group[keyPath: keyPath], value) }
            group[keyPath: keyPath] = value
        }
        if input.name != nil { set("name", \.name, AttendanceInput.name(input.name, max: 60, path: "name", problems: &problems)) }
        if let zone = input.timeZone { set("time_zone", \.timeZone, AttendanceInput.timeZone(zone, path: "timeZone", problems: &problems)) }
        if let dto = input.schedule, let schedule = AttendanceSchedule.read(dto, problems: &problems) { set("schedule", \.scheduleJSON, schedule.json) }
        else if isNew { set("schedule", \.scheduleJSON, AttendanceSchedule.officeHours.json) }
        func minutes(_ value: Int?, _ path: String, _ range: ClosedRange<Int>) -> Int? {
            guard let value else { return nil }
            guard range.contains(value) else { problems.append(.init(path, "attendance.bad_minutes", params: ["max": String(range.upperBound)])); return nil }
            return value
        }
        set("grace_late_minutes", \.graceLateMinutes, minutes(input.graceLateMinutes, "graceLateMinutes", 0...1440))
        set("grace_early_minutes", \.graceEarlyMinutes, minutes(input.graceEarlyMinutes, "graceEarlyMinutes", 0...1440))
        set("absent_after_minutes", \.absentAfterMinutes, minutes(input.absentAfterMinutes, "absentAfterMinutes", 1...1440))
        set("window_before_minutes", \.windowBeforeMinutes, minutes(input.windowBeforeMinutes, "windowBeforeMinutes", 0...1440))
        set("window_after_minutes", \.windowAfterMinutes, minutes(input.windowAfterMinutes, "windowAfterMinutes", 0...1440))
        set("corrections_per_month", \.correctionsPerMonth, minutes(input.correctionsPerMonth, "correctionsPerMonth", 0...31))
        set("field_check_in", \.fieldCheckIn, input.fieldCheckIn)
        set("field_needs_photo", \.fieldNeedsPhoto, input.fieldNeedsPhoto)
        set("field_needs_customer", \.fieldNeedsCustomer, input.fieldNeedsCustomer)
        if input.clearCalendar == true, group.calendarID != nil {
            changes.set("calendar", group.calendarID?.uuidString, nil)
            group.calendarID = nil
        } else if let calendar = input.calendarID, calendar != group.calendarID {
            let found = try await HolidayCalendar.query(on: context.database).filter(\.$tenantID == tenantID).filter(\.$id == calendar).first()
            if found == nil { problems.append(.init("calendarID", "attendance.group.unknown_calendar")) }
            changes.set("calendar", group.calendarID?.uuidString, calendar.uuidString)
            group.calendarID = calendar
        }
        for (i, site) in (input.sites ?? []).enumerated() where !(10...5000).contains(site.radiusMeters) {
            problems.append(.init("sites[\(i)].radiusMeters", "attendance.group.bad_radius"))
        }
        if let sites = input.sites {
            let ids = sites.map(\.siteID)
            let known = Set(try await Site.query(on: context.database).filter(\.$tenantID == tenantID).filter(\.$id ~~ ids).all()
                .filter { !$0.archived }.compactMap(\.id))
            for (i, site) in sites.enumerated() where !known.contains(site.siteID) { problems.append(.init("sites[\(i)].siteID", "attendance.group.unknown_site")) }
            if Set(ids).count != ids.count { problems.append(.init("sites", "attendance.group.site_twice")) }
        }
        if let people = input.employeeIDs {
            let known = Set(try await Employee.query(on: context.database).filter(\.$tenantID == tenantID).filter(\.$id ~~ people).all().compactMap(\.id))
            for (i, e) in people.enumerated() where !known.contains(e) { problems.append(.init("employeeIDs[\(i)]", "attendance.group.unknown_employee")) }
        }
        if let departments = input.departmentIDs {
            let known = Set(try await Department.query(on: context.database).filter(\.$tenantID == tenantID).filter(\.$id ~~ departments).all().compactMap(\.id))
            for (i, d) in departments.enumerated() where !known.contains(d) { problems.append(.init("departmentIDs[\(i)]", "attendance.group.unknown_department")) }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        if let sites = input.sites { changes.set("sites", nil, sites.map { "\($0.siteID.uuidString.prefix(8)) \($0.radiusMeters) m" }.joined(separator: ", ")) }
        if let people = input.employeeIDs { changes.set("employees", nil, people.count) }
        if let departments = input.departmentIDs { changes.set("departments", nil, departments.count) }
        let audit = context.audit
        let now = context.now()
        let version = input.version
        let groupID = group.id!
        // Stale is told with the current group, read before the write: inside it, SQLite's one
        // writing connection is taken, and a read through the pool would wait for it forever.
        if !isNew, let version, group.version != version { throw DomainError.staleVersion("attendance_group", current: try await detail(groupID)) }
        let changed = changes
        do {
            try await context.write { db in
                let clash = try await AttendanceGroup.query(on: db).filter(\.$tenantID == tenantID).filter(\.$name == group.name).filter(\.$id != groupID).first()
                if clash != nil { throw DomainError.invalid([.init("name", "attendance.group.name_taken")]) }
                if isNew {
                    try await group.create(on: db)
                } else {
                    guard let version else { throw DomainError.staleVersion("attendance_group") }
                    let updated = try await (db as! any SQLDatabase).update(AttendanceGroup.schema)
                        .set("name", to: group.name).set("time_zone", to: group.timeZone).set("calendar_id", to: group.calendarID)
                        .set("schedule", to: group.scheduleJSON).set("grace_late_minutes", to: group.graceLateMinutes)
                        .set("grace_early_minutes", to: group.graceEarlyMinutes).set("absent_after_minutes", to: group.absentAfterMinutes)
                        .set("window_before_minutes", to: group.windowBeforeMinutes).set("window_after_minutes", to: group.windowAfterMinutes)
                        .set("field_check_in", to: group.fieldCheckIn).set("field_needs_photo", to: group.fieldNeedsPhoto)
                        .set("field_needs_customer", to: group.fieldNeedsCustomer).set("corrections_per_month", to: group.correctionsPerMonth)
                        .set("updated_at", to: now).set(SQLColumn("version"), to: SQLRaw("version + 1"))
                        .where("id", .equal, groupID).where("version", .equal, version).returning("id").first()
                    guard updated != nil else { throw DomainError.staleVersion("attendance_group") }
                }
                if let sites = input.sites {
                    try await AttendanceGroupSite.query(on: db).filter(\.$groupID == groupID).delete()
                    for s in sites { try await AttendanceGroupSite(tenantID: tenantID, groupID: groupID, siteID: s.siteID, radiusMeters: s.radiusMeters).create(on: db) }
                }
                if input.employeeIDs != nil || input.departmentIDs != nil {
                    try await Self.members(groupID, tenantID: tenantID, employees: input.employeeIDs, departments: input.departmentIDs,
                                           since: CalendarDay.string(for: now, in: TimeZone(identifier: group.timeZone) ?? .gmt), on: db)
                }
                if isNew || !changed.isEmpty {
                    try await AuditLog.append(entity: AttendanceModule.groupEntity, entityID: groupID, action: isNew ? "create" : "update", changes: changed,
                                              context: audit, on: db, now: now)
                    try await Revisions.bump(AttendanceModule.revisionKey, tenantID: tenantID, on: db)
                }
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.invalid([.init("name", "attendance.group.name_taken")])
        }
    }

    /// Replaces the group's employees and/or departments. Someone (or a department) already in
    /// another group moves to this one, as in DingTalk: a person keeps one group. Members who
    /// stay keep the day they joined; those added join on `since`.
    /// - Parameter since: today in the group's time zone (`YYYY-MM-DD`).
    /// - Returns: how many members came from other groups.
    @discardableResult
    static func members(_ groupID: UUID, tenantID: UUID, employees: [UUID]?, departments: [UUID]?, since: String, on db: any Database) async throws -> Int {
        var moved = 0
        let current = try await AttendanceGroupMember.query(on: db).filter(\.$groupID == groupID).all()
        if let employees {
            let wanted = Set(employees)
            let kept = Set(current.compactMap(\.employeeID)).intersection(wanted)
            let gone = current.filter { $0.employeeID.map { !wanted.contains($0) } ?? false }.compactMap(\.id)
            if !gone.isEmpty { try await AttendanceGroupMember.query(on: db).filter(\.$id ~~ gone).delete() }
            let added = Array(wanted.subtracting(kept))
            if !added.isEmpty {
                moved += try await AttendanceGroupMember.query(on: db).filter(\.$tenantID == tenantID).filter(\.$employeeID ~~ added).count()
                try await AttendanceGroupMember.query(on: db).filter(\.$tenantID == tenantID).filter(\.$employeeID ~~ added).delete()
            }
            for e in added { try await AttendanceGroupMember(tenantID: tenantID, groupID: groupID, employeeID: e, departmentID: nil, since: since).create(on: db) }
        }
        if let departments {
            let wanted = Set(departments)
            let kept = Set(current.compactMap(\.departmentID)).intersection(wanted)
            let gone = current.filter { $0.departmentID.map { !wanted.contains($0) } ?? false }.compactMap(\.id)
            if !gone.isEmpty { try await AttendanceGroupMember.query(on: db).filter(\.$id ~~ gone).delete() }
            let added = Array(wanted.subtracting(kept))
            if !added.isEmpty {
                moved += try await AttendanceGroupMember.query(on: db).filter(\.$tenantID == tenantID).filter(\.$departmentID ~~ added).count()
                try await AttendanceGroupMember.query(on: db).filter(\.$tenantID == tenantID).filter(\.$departmentID ~~ added).delete()
            }
            for d in added { try await AttendanceGroupMember(tenantID: tenantID, groupID: groupID, employeeID: nil, departmentID: d, since: since).create(on: db) }
        }
        return moved
    }

    /// Sets days of a shift group's roster.
    /// - Throws: 422 `attendance.group.not_shifts`, unknown shift keys, people not in the group.
    func setRoster(_ id: UUID, _ input: RosterInput) async throws -> [RosterEntryDTO] {
        try context.require(AttendanceModule.groupManage)
        let group = try await find(id, on: context.database)
        guard case .shifts(let shifts) = AttendanceSchedule.stored(group.scheduleJSON).kind else {
            throw DomainError(status: 422, code: "attendance.group.not_shifts")
        }
        let members = Set(try await GroupMembership.employees(of: id, tenantID: context.tenantID, on: context.database).compactMap(\.id))
        var problems: [DomainError.Field] = []
        var seen: Set<String> = []
        for (i, e) in input.entries.enumerated() {
            if !members.contains(e.employeeID) { problems.append(.init("entries[\(i)].employeeID", "attendance.group.not_member")) }
            if !CalendarDay.isPlausibleBusinessDay(e.date) { problems.append(.init("entries[\(i)].date", "attendance.bad_date")) }
            if let s = e.shift, shifts[s] == nil { problems.append(.init("entries[\(i)].shift", "attendance.group.unknown_shift")) }
            if !seen.insert("\(e.employeeID) \(e.date)").inserted { problems.append(.init("entries[\(i)]", "attendance.group.roster_twice")) }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        let tenantID = context.tenantID
        let audit = context.audit
        let now = context.now()
        try await context.write { db in
            for e in input.entries {
                try await RosterEntry.query(on: db).filter(\.$tenantID == tenantID).filter(\.$employeeID == e.employeeID).filter(\.$date == e.date).delete()
                if let shift = e.shift {
                    let row = RosterEntry()
                    row.id = UUID()
                    row.tenantID = tenantID
                    row.groupID = id
                    row.employeeID = e.employeeID
                    row.date = e.date
                    row.shift = shift
                    try await row.create(on: db)
                }
            }
            var changes = AuditChanges()
            changes.set("roster", nil, input.entries.map { "\($0.date) \($0.shift ?? "-")" }.joined(separator: ", ").prefix(2000).description)
            try await AuditLog.append(entity: AttendanceModule.groupEntity, entityID: id, action: "roster", changes: changes, context: audit, on: db, now: now)
            try await Revisions.bump(AttendanceModule.revisionKey, tenantID: tenantID, on: db)
        }
        return input.entries
    }

    func find(_ id: UUID, on db: any Database) async throws -> AttendanceGroup {
        guard let row = try await AttendanceGroup.query(on: db).filter(\.$tenantID == context.tenantID).filter(\.$id == id).first() else {
            throw DomainError.notFound("attendance_group")
        }
        return row
    }

    func dtos(_ rows: [AttendanceGroup], on db: any Database) async throws -> [AttendanceGroupDTO] {
        let ids = rows.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let sites = try await AttendanceGroupSite.query(on: db).filter(\.$groupID ~~ ids).all()
        let siteRows = try await Site.query(on: db).filter(\.$tenantID == context.tenantID).filter(\.$id ~~ Array(Set(sites.map(\.siteID)))).all()
        let siteByID = Dictionary(uniqueKeysWithValues: siteRows.compactMap { s in s.id.map { ($0, s) } })
        let members = try await AttendanceGroupMember.query(on: db).filter(\.$groupID ~~ ids).all()
        let calendars = try await HolidayCalendar.query(on: db).filter(\.$tenantID == context.tenantID).all()
        let calendarNames = Dictionary(uniqueKeysWithValues: calendars.compactMap { c in c.id.map { ($0, c.name) } })
        return rows.map { g in
            let id = g.id!
            return AttendanceGroupDTO(
                id: id, name: g.name, timeZone: g.timeZone, calendarID: g.calendarID, calendarName: g.calendarID.flatMap { calendarNames[$0] },
                schedule: AttendanceSchedule.stored(g.scheduleJSON).dto, graceLateMinutes: g.graceLateMinutes, graceEarlyMinutes: g.graceEarlyMinutes,
                absentAfterMinutes: g.absentAfterMinutes, windowBeforeMinutes: g.windowBeforeMinutes, windowAfterMinutes: g.windowAfterMinutes,
                fieldCheckIn: g.fieldCheckIn, fieldNeedsPhoto: g.fieldNeedsPhoto, fieldNeedsCustomer: g.fieldNeedsCustomer,
                correctionsPerMonth: g.correctionsPerMonth,
                sites: sites.filter { $0.groupID == id }.map { s in
                    let site = siteByID[s.siteID]
                    return GroupSiteDTO(siteID: s.siteID, name: site?.name, latitude: site?.latitude, longitude: site?.longitude, radiusMeters: s.radiusMeters)
                },
                employeeIDs: members.filter { $0.groupID == id }.compactMap(\.employeeID).sorted { $0.uuidString < $1.uuidString },
                departmentIDs: members.filter { $0.groupID == id }.compactMap(\.departmentID).sorted { $0.uuidString < $1.uuidString },
                version: g.version)
        }
    }
}
