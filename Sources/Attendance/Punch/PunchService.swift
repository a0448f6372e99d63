import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform

/// Check-in and check-out (打卡) for the acting employee, and what the check-in page shows.
///
/// The server's clock is the punch time (issue 10 point 2): a live punch from a phone whose clock
/// is more than ``allowedSkew`` off is refused (a wrong clock is how people bend attendance); a
/// punch queued while offline keeps its device time and is marked `queued`, and `flagged` when the
/// phone's clock was that far off when it was sent. One punch per person and minute: a second
/// press, or a retried upload, answers the punch already made.
struct PunchService: Sendable {
    let context: ServiceContext

    /// How far a phone's clock may be off (``DeviceTime``, the rule visits share).
    static let allowedSkew = DeviceTime.allowedSkew

    /// Records a punch of the actor.
    /// - Returns: the punch and whether it is new (false: the same minute was punched already).
    /// - Throws: 422 `attendance.no_employee`, `attendance.no_group`, `attendance.clock_skew`
    ///   (`minutes`), `attendance.queued_future`, `attendance.queued_too_old`,
    ///   `attendance.outside_fence` (`distance`, `site`), `attendance.no_fence`, field errors.
    func punch(_ input: PunchInput) async throws -> (PunchDTO, created: Bool) {
        let actor = context.actor
        guard let employeeID = actor.employeeID else { throw DomainError(status: 422, code: "attendance.no_employee") }
        var problems: [DomainError.Field] = []
        let latitude = input.latitude.flatMap { GeoCoordinate.parse($0.text, axis: .latitude, path: "latitude", problems: &problems) }
        let longitude = input.longitude.flatMap { GeoCoordinate.parse($0.text, axis: .longitude, path: "longitude", problems: &problems) }
        if input.latitude == nil { problems.append(.init("latitude", "field.required")) }
        if input.longitude == nil { problems.append(.init("longitude", "field.required")) }
        let deviceTime = Self.instant(input.deviceTime, path: "deviceTime", required: true, problems: &problems)
        let sentAt = Self.instant(input.sentAt, path: "sentAt", required: false, problems: &problems)
        if let accuracy = input.accuracy, !(0...100_000).contains(accuracy) { problems.append(.init("accuracy", "attendance.bad_accuracy")) }
        let note = AttendanceInput.note(input.note, max: 500, path: "note", problems: &problems)
        guard problems.isEmpty, let latitude, let longitude, let deviceTime else { throw DomainError.invalid(problems) }

        let now = context.now()
        let queued = input.queued ?? false
        let judged = try DeviceTime.judge(deviceTime: deviceTime, sentAt: sentAt, queued: queued, now: now, prefix: "attendance")
        let at = judged.at
        let skew = judged.skew

        let db = context.database
        guard let employee = try await EmployeeDirectory(db: db).find(employeeID, tenantID: actor.tenantID) else {
            throw DomainError(status: 422, code: "attendance.no_employee")
        }
        let book = try await AttendanceBook.load([employee], tenantID: actor.tenantID, tenantZone: actor.tenant.timeZone,
                                                 from: CalendarDay.string(for: at, in: actor.tenant.timeZone),
                                                 through: CalendarDay.string(for: at, in: actor.tenant.timeZone), absences: nil, withPunches: false, on: db)
        guard let person = book.people[employeeID], let group = person.group, let groupID = group.id else {
            throw DomainError(status: 422, code: "attendance.no_group")
        }
        let fence = try await Self.geofence(groupID: groupID, tenantID: actor.tenantID, on: db)
        let position = fence.locate(latitude: latitude, longitude: longitude)
        if !position.inside {
            guard group.fieldCheckIn else {
                if let distance = position.distanceMeters {
                    throw DomainError(status: 422, code: "attendance.outside_fence",
                                      params: ["distance": Geofence.describe(distance), "site": position.siteName ?? ""])
                }
                throw DomainError(status: 422, code: "attendance.no_fence")
            }
            if note == nil, !problems.contains(where: { $0.path == "note" }) { problems.append(.init("note", "attendance.field_note_required")) }
            if group.fieldNeedsPhoto, input.photoFileID == nil { problems.append(.init("photoFileID", "attendance.field_photo_required")) }
            if group.fieldNeedsCustomer, input.customerID == nil { problems.append(.init("customerID", "attendance.field_customer_required")) }
        }
        if let photo = input.photoFileID {
            let file = try await StoredFile.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$id == photo).first()
            if file == nil || file?.uploadedBy != actor.userID { problems.append(.init("photoFileID", "attendance.photo_unknown")) }
            else if file?.contentType.hasPrefix("image/") != true { problems.append(.init("photoFileID", "attendance.photo_not_image")) }
        }
        if let customer = input.customerID {
            let found = try await PartnerDirectory(db: db).references([customer], tenantID: actor.tenantID)[customer]
            if found == nil || found?.isCustomer != true || found?.archived == true { problems.append(.init("customerID", "attendance.customer_unknown")) }
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }

        let minute = Int64(DayJudge.minute(at))
        let row = Punch()
        row.id = UUID()
        row.tenantID = actor.tenantID
        row.employeeID = employeeID
        row.departmentID = employee.departmentID
        row.groupID = groupID
        row.workDate = person.planner.workDate(of: at)
        row.at = at
        row.minute = minute
        row.serverTime = now
        row.deviceTime = deviceTime
        row.latitude = latitude
        row.longitude = longitude
        row.accuracy = input.accuracy
        row.siteID = position.siteID
        row.distanceMeters = position.distanceMeters
        row.inside = position.inside
        row.field = !position.inside
        row.note = note
        row.photoFileID = input.photoFileID
        row.customerID = input.customerID
        row.queued = queued
        // A 32-bit column on PostgreSQL: a clock decades off is recorded as about 68 years off.
        row.clockSkewSeconds = Int(max(-2_000_000_000, min(2_000_000_000, skew.rounded())))
        row.flagged = abs(skew) > Self.allowedSkew
        row.source = "punch"
        row.createdBy = actor.userID
        row.createdAt = now
        let audit = context.audit
        let inserted: Punch? = try await Self.sameMinute {
            try await context.write { db in
                if try await Self.existing(employeeID, minute: minute, tenantID: actor.tenantID, on: db) != nil { return nil }
                try await row.create(on: db)
                if let photo = row.photoFileID {
                    try await FileLink.link([photo], to: AttendanceModule.punchEntity, record: row.id!, tenantID: actor.tenantID, by: actor.userID,
                                            at: now, on: db)
                }
                var changes = AuditChanges()
                changes.created([("work_date", row.workDate), ("at", Self.iso(at)), ("site", position.siteName), ("distance_meters", position.distanceMeters),
                                 ("inside", row.inside), ("field", row.field), ("queued", queued), ("flagged", row.flagged), ("note", note)])
                try await AuditLog.append(entity: AttendanceModule.punchEntity, entityID: row.id, action: "create", changes: changes, context: audit,
                                          on: db, now: now)
                try await Revisions.bump(AttendanceModule.revisionKey, tenantID: actor.tenantID, on: db)
                return row
            }
        }
        if let inserted { return (try await PunchViews.dtos([inserted], tenantID: actor.tenantID, on: context.database)[0], true) }
        guard let first = try await Self.existing(employeeID, minute: minute, tenantID: actor.tenantID, on: context.database) else {
            throw DomainError(status: 409, code: "attendance.punch_conflict")
        }
        return (try await PunchViews.dtos([first], tenantID: actor.tenantID, on: context.database)[0], false)
    }

    /// The group's sites that have a position, with their radii.
    static func geofence(groupID: UUID, tenantID: UUID, on db: any Database) async throws -> Geofence {
        let rows = try await AttendanceGroupSite.query(on: db).filter(\.$tenantID == tenantID).filter(\.$groupID == groupID).all()
        guard !rows.isEmpty else { return Geofence(sites: []) }
        let sites = try await Site.query(on: db).filter(\.$tenantID == tenantID).filter(\.$id ~~ rows.map(\.siteID)).all()
        let byID = Dictionary(uniqueKeysWithValues: sites.compactMap { s in s.id.map { ($0, s) } })
        return Geofence(sites: rows.compactMap { row in
            guard let site = byID[row.siteID], !site.archived, let lat = site.latitude, let lon = site.longitude else { return nil }
            return Geofence.Site(id: row.siteID, name: site.name, latitude: lat, longitude: lon, radiusMeters: row.radiusMeters)
        })
    }

    static func existing(_ employeeID: UUID, minute: Int64, tenantID: UUID, on db: any Database) async throws -> Punch? {
        try await Punch.query(on: db).filter(\.$tenantID == tenantID).filter(\.$employeeID == employeeID).filter(\.$minute == minute).first()
    }

    /// Runs `body`; two presses racing past the check into the unique index are one punch (nil).
    static func sameMinute(_ body: () async throws -> Punch?) async throws -> Punch? {
        do { return try await body() } catch let error as any DatabaseError where error.isConstraintFailure { return nil }
    }

    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    /// An ISO 8601 date-time with an offset (fractional seconds allowed); nil with
    /// `attendance.bad_time` (or `field.required`) at `path` otherwise.
    static func instant(_ text: String?, path: String, required: Bool, problems: inout [DomainError.Field]) -> Date? {
        DeviceTime.instant(text, path: path, required: required, prefix: "attendance", problems: &problems)
    }
}
