import AfieldAPI
import Fluent
import Foundation
import Partners
import Platform
import SQLKit

/// Checking in at the customer's door and out again (拜访签到/签退), by the rep the visit is for.
///
/// The time follows the one rule for phones in the field (``DeviceTime``, shared with attendance
/// punches); the distance is the haversine distance to the customer's coordinates
/// (``GeoDistance``, the one distance function). A check-in beyond ``farMeters`` is recorded and
/// marked `far`, never refused: a customer's pin may be wrong, and the manager decides.
struct VisitCheckIn: Sendable {
    let context: ServiceContext

    /// Beyond this many metres from the customer a check-in is marked far (a city block or two;
    /// phone GPS is good to 5–50 m outdoors).
    static let farMeters = 500

    /// - Throws: 404 `visit` (not the rep's own); 409 `crm.visit.not_planned` (already checked in,
    ///   done or cancelled); 422 position, clock (`crm.visit.clock_skew`, `crm.visit.queued_future`,
    ///   `crm.visit.queued_too_old`), photo (`crm.visit.photo_unknown`, `crm.visit.photo_not_image`).
    func checkIn(_ id: UUID, _ input: VisitCheckInInput) async throws -> VisitDTO {
        try context.require(CRMModule.visit)
        var problems: [DomainError.Field] = []
        let latitude = GeoCoordinate.parse(input.latitude.text, axis: .latitude, path: "latitude", problems: &problems)
        let longitude = GeoCoordinate.parse(input.longitude.text, axis: .longitude, path: "longitude", problems: &problems)
        let deviceTime = DeviceTime.instant(input.deviceTime, path: "deviceTime", required: true, prefix: "crm.visit", problems: &problems)
        let sentAt = DeviceTime.instant(input.sentAt, path: "sentAt", required: false, prefix: "crm.visit", problems: &problems)
        if let accuracy = input.accuracy, !(0...100_000).contains(accuracy) {
            problems.append(.init("accuracy", "number.range", params: ["min": "0", "max": "100000"]))
        }
        let db = context.database
        if let photo = input.photoFileId {
            let file = try await StoredFile.query(on: db).filter(\.$tenantID == context.tenantID).filter(\.$id == photo).first()
            if file == nil || file?.uploadedBy != context.actor.userID { problems.append(.init("photoFileId", "crm.visit.photo_unknown")) }
            else if file?.contentType.hasPrefix("image/") != true { problems.append(.init("photoFileId", "crm.visit.photo_not_image")) }
        }
        guard problems.isEmpty, let latitude, let longitude, let deviceTime else { throw DomainError.invalid(problems) }
        let now = context.now()
        let judged = try DeviceTime.judge(deviceTime: deviceTime, sentAt: sentAt, queued: input.queued ?? false, now: now, prefix: "crm.visit")
        let visit = try await own(id)
        guard visit.state == "planned" else { throw DomainError(status: 409, code: "crm.visit.not_planned", params: ["state": visit.state]) }
        let customer = try await PartnerDirectory(db: db).references([visit.customerID], tenantID: context.tenantID)[visit.customerID]
        let distance = customer.flatMap { c in
            c.latitude.flatMap { lat in c.longitude.flatMap { lon in GeoDistance.meters(from: (latitude, longitude), to: (lat, lon)) } }
        }.map { Int($0.rounded()) }
        let far = distance.map { $0 > Self.farMeters } ?? false
        let version = visit.version
        let tenantID = context.tenantID
        let userID = context.actor.userID
        try await context.write { db in
            let sql = db as! any SQLDatabase
            let skew = Int(max(-2_000_000_000, min(2_000_000_000, judged.skew.rounded())))
            guard try await sql.update(Visit.schema)
                .set("state", to: "in_progress").set("check_in_at", to: judged.at).set("check_in_device_at", to: deviceTime)
                .set("check_in_latitude", to: latitude).set("check_in_longitude", to: longitude).set("check_in_accuracy", to: input.accuracy)
                .set("distance_m", to: distance).set("far", to: far).set("clock_skew_s", to: skew).set("photo_file_id", to: input.photoFileId)
                .set("updated_at", to: now).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("tenant_id", .equal, tenantID).where("version", .equal, version).where("state", .equal, "planned")
                .returning("id").first() != nil
            else { throw DomainError(status: 409, code: "crm.visit.not_planned", params: ["state": "in_progress"]) }
            if let photo = input.photoFileId {
                try await FileLink.link([photo], to: CRMModule.visitEntity, record: id, tenantID: tenantID, by: userID, at: now, on: db)
            }
            var changes = AuditChanges()
            changes.set("state", "planned", "in_progress")
            changes.set("check_in_at", nil, AuditLog.timestamp(judged.at))
            changes.set("position", nil, "\(latitude),\(longitude)")
            if let distance { changes.set("distance_m", nil, distance) }
            if far { changes.set("far", nil, true) }
            try await VisitAudit.changed(visit, action: "check_in", changes: changes, context: context, on: db)
            try await CustomerActivity.touch(visit.customerID, tenantID: tenantID, at: judged.at, on: db)
        }
        return try await VisitRead(context: context).detail(id)
    }

    /// Checks out of a checked-in visit: its duration, and the summary as the visit's follow-up.
    /// - Throws: 404; 409 `crm.visit.not_in_progress`; 422 summary, clock, next step.
    func checkOut(_ id: UUID, _ input: VisitCheckOutInput) async throws -> VisitDTO {
        try context.require(CRMModule.visit)
        var problems: [DomainError.Field] = []
        let deviceTime = DeviceTime.instant(input.deviceTime, path: "deviceTime", required: true, prefix: "crm.visit", problems: &problems)
        let sentAt = DeviceTime.instant(input.sentAt, path: "sentAt", required: false, prefix: "crm.visit", problems: &problems)
        let summary = CRMText.note(input.summary, max: 2000, path: "summary", required: true, problems: &problems)
        let nextStep = CRMText.line(input.nextStep, max: 200, path: "nextStep", problems: &problems)
        let nextAt = DeviceTime.instant(input.nextAt, path: "nextAt", required: false, prefix: "crm.visit", problems: &problems)
        guard problems.isEmpty, let deviceTime, let summary else { throw DomainError.invalid(problems) }
        let now = context.now()
        if let nextAt, nextAt <= now { throw DomainError.invalid([.init("nextAt", "crm.follow_up.next_in_past")]) }
        let judged = try DeviceTime.judge(deviceTime: deviceTime, sentAt: sentAt, queued: input.queued ?? false, now: now, prefix: "crm.visit")
        let visit = try await own(id)
        guard visit.state == "in_progress", let checkedIn = visit.checkInAt else {
            throw DomainError(status: 409, code: "crm.visit.not_in_progress", params: ["state": visit.state])
        }
        let minutes = max(0, Int((judged.at.timeIntervalSince(checkedIn) / 60).rounded()))
        let version = visit.version
        let tenantID = context.tenantID
        try await context.write { db in
            let sql = db as! any SQLDatabase
            guard try await sql.update(Visit.schema)
                .set("state", to: "done").set("check_out_at", to: judged.at).set("check_out_device_at", to: deviceTime)
                .set("duration_minutes", to: minutes).set("summary", to: summary)
                .set("updated_at", to: now).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("tenant_id", .equal, tenantID).where("version", .equal, version).where("state", .equal, "in_progress")
                .returning("id").first() != nil
            else { throw DomainError(status: 409, code: "crm.visit.not_in_progress", params: ["state": "done"]) }
            var changes = AuditChanges()
            changes.set("state", "in_progress", "done")
            changes.set("duration_minutes", nil, minutes)
            changes.set("summary", nil, summary)
            try await VisitAudit.changed(visit, action: "check_out", changes: changes, context: context, on: db)
            let followUp = FollowUp.make(tenantID: tenantID, kind: "visit", notes: summary, at: judged.at, nextStep: nextStep, nextAt: nextAt,
                                         owner: visit.ownerID, department: visit.departmentID, by: context.actor.userID)
            followUp.customerID = visit.customerID
            followUp.visitID = id
            try await FollowUpService(context: context).record(followUp, files: [], on: db)
        }
        return try await VisitRead(context: context).detail(id)
    }

    /// Cancels a planned visit of the rep's own.
    func cancel(_ id: UUID) async throws -> VisitDTO {
        try context.require(CRMModule.visit)
        let visit = try await own(id)
        guard visit.state == "planned" else { throw DomainError(status: 409, code: "crm.visit.not_planned", params: ["state": visit.state]) }
        let now = context.now()
        let tenantID = context.tenantID
        try await context.write { db in
            let sql = db as! any SQLDatabase
            guard try await sql.update(Visit.schema).set("state", to: "cancelled").set("updated_at", to: now).set("version", to: SQLRaw("version + 1"))
                .where("id", .equal, id).where("tenant_id", .equal, tenantID).where("state", .equal, "planned").returning("id").first() != nil
            else { throw DomainError(status: 409, code: "crm.visit.not_planned", params: ["state": "cancelled"]) }
            var changes = AuditChanges()
            changes.set("state", "planned", "cancelled")
            try await VisitAudit.changed(visit, action: "cancel", changes: changes, context: context, on: db)
        }
        return try await VisitRead(context: context).detail(id)
    }

    /// The visit `id` if it is the acting rep's own.
    func own(_ id: UUID) async throws -> Visit {
        guard let employee = context.actor.employeeID,
              let visit = try await Visit.query(on: context.database).filter(\.$tenantID == context.tenantID).filter(\.$id == id).first(),
              visit.ownerID == employee
        else { throw DomainError.notFound("visit") }
        return visit
    }
}
