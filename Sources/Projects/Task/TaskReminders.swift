import AfieldAPI
import Fluent
import Foundation
import Platform
import SQLKit
import Vapor

/// Reminders of tasks (issue 13 point 1): one before the due time (`remind_minutes`) and one
/// when it passes (overdue), each a job queued for its instant with a key per task, so that
/// moving the due time moves the job and closing the task cancels it.
///
/// A notice is sent once: the job marks the task (`reminded_at`, `overdue_noticed_at`) with a
/// conditional update in the same transaction as the notification, so a job run again after a
/// crash finds the mark and sends nothing. A notice falling in the assignee's quiet hours
/// (个人设置 › 免打扰) waits for their end.
public enum TaskReminders {
    public static let kind = "projects.task.remind"

    struct Payload: Codable, Sendable {
        var taskID: UUID
        /// `before` or `overdue`.
        var notice: String
        /// The due time the job was queued for: a job for an older due time does nothing (the
    /// payload's JSON keeps whole seconds).
        var dueAt: Date
    }

    static func register(on application: Application) {
        application.jobs.register(kind, as: Payload.self) { context, payload in
            try await run(payload, now: context.now, application: context.application)
        }
    }

    /// Queues (or moves, or cancels) the task's reminder jobs for its current state, inside the
    /// caller's transaction.
    /// - Parameter fresh: the task was just created, so it has no job to move or cancel.
    static func schedule(_ task: ProjectTask, application: Application, on db: any Database, fresh: Bool = false) async throws {
        let id = try task.requireID()
        let jobs = application.jobs
        guard task.isOpen, let due = task.dueAt, task.assigneeID != nil else {
            if fresh { return }
            try await jobs.cancel(kind, key: "before:\(id.uuidString)", tenantID: task.tenantID, on: db)
            try await jobs.cancel(kind, key: "overdue:\(id.uuidString)", tenantID: task.tenantID, on: db)
            return
        }
        if let minutes = task.remindMinutes, task.remindedAt == nil {
            try await jobs.enqueue(kind, payload: Payload(taskID: id, notice: "before", dueAt: due), runAt: due.addingTimeInterval(-Double(minutes) * 60),
                                   tenantID: task.tenantID, key: "before:\(id.uuidString)", on: db)
        } else if !fresh {
            try await jobs.cancel(kind, key: "before:\(id.uuidString)", tenantID: task.tenantID, on: db)
        }
        if task.overdueNoticedAt == nil {
            try await jobs.enqueue(kind, payload: Payload(taskID: id, notice: "overdue", dueAt: due), runAt: due, tenantID: task.tenantID,
                                   key: "overdue:\(id.uuidString)", on: db)
        }
    }

    /// Sends the notice of `payload` if it is still due; returns whether one was sent.
    @discardableResult
    static func run(_ payload: Payload, now: Date, application: Application) async throws -> Bool {
        let db = application.db
        guard let task = try await ProjectTask.find(payload.taskID, on: db), task.isOpen, let due = task.dueAt,
              abs(due.timeIntervalSince(payload.dueAt)) < 1,
              let assigneeID = task.assigneeID, let employee = try await EmployeeDirectory(db: db).find(assigneeID, tenantID: task.tenantID),
              let userID = employee.userID, let user = try await User.find(userID, on: db)
        else { return false }
        let tenantZone = try await Tenant.find(task.tenantID, on: db).flatMap { TimeZone(identifier: $0.timeZone) } ?? .gmt
        let zone = user.timeZone.flatMap(TimeZone.init(identifier:)) ?? tenantZone
        if let resume = quietEnd(user.notificationPreferences, at: now, in: zone) {
            try await application.afieldWrites.transaction(on: db) { db in
                try await application.jobs.enqueue(kind, payload: payload, runAt: resume, tenantID: task.tenantID,
                                                   key: "\(payload.notice):\(payload.taskID.uuidString)", on: db)
            }
            return false
        }
        let column = payload.notice == "before" ? "reminded_at" : "overdue_noticed_at"
        return try await application.afieldWrites.transaction(on: db) { db in
            guard try await (db as! any SQLDatabase).update(ProjectTask.schema).set(SQLIdentifier(column), to: now)
                .where("id", .equal, payload.taskID).where(SQLIdentifier(column), .is, SQLLiteral.null).where("version", .equal, task.version)
                .returning("id").first() != nil
            else { return false }
            var recipients = [userID]
            if payload.notice == "overdue", let creator = task.createdBy, creator != userID { recipients.append(creator) }
            let zoneDue = CalendarDay.string(for: payload.dueAt, in: zone)
            try await application.notificationCentre.send(
                NotificationMessage(kind: "task.due", code: payload.notice == "before" ? "projects.task.due_soon" : "projects.task.overdue",
                                    params: ["title": task.title, "due": Self.localTime(payload.dueAt, in: zone), "day": zoneDue],
                                    link: "/tasks/\(payload.taskID.uuidString)", entity: ProjectsModule.taskEntity, entityID: payload.taskID),
                to: recipients, tenantID: task.tenantID, on: db)
            return true
        }
    }

    /// The end of the quiet hours `now` falls in (`HH:mm` in `zone`, possibly across midnight),
    /// or nil when `now` is not quiet.
    static func quietEnd(_ prefs: NotificationPreferences, at now: Date, in zone: TimeZone) -> Date? {
        guard let start = minutes(prefs.quietHoursStart), let end = minutes(prefs.quietHoursEnd), start != end else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.hour, .minute], from: now)
        let current = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        let quiet = start < end ? (current >= start && current < end) : (current >= start || current < end)
        guard quiet else { return nil }
        let dayStart = calendar.startOfDay(for: now)
        let endToday = calendar.date(bySettingHour: end / 60, minute: end % 60, second: 0, of: dayStart) ?? now
        return endToday > now ? endToday : calendar.date(byAdding: .day, value: 1, to: endToday) ?? now
    }

    private static func minutes(_ text: String?) -> Int? {
        guard let text, text.count == 5, let h = Int(text.prefix(2)), let m = Int(text.suffix(2)), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        return h * 60 + m
    }

    static func localTime(_ instant: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }
}
