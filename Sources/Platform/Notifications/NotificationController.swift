import AfieldAPI
import Fluent
import Foundation
import Vapor

/// `/api/v1/notifications`: the caller's own notifications (another user's id answers 404).
struct NotificationController {
    static let entity = "platform.notification"

    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, permission: NotificationsModule.own, summary: "Own notifications, newest first, in the caller's language",
                  query: [.boolean("unread")] + QueryParameter.paging, use: list)
        routes.on(.GET, "unread-count", permission: NotificationsModule.own, summary: "How many of own notifications are unread", use: unreadCount)
        routes.on(.POST, ":id", "read", permission: NotificationsModule.own, summary: "Mark one own notification read", use: markRead)
        routes.on(.POST, "read-all", permission: NotificationsModule.own, summary: "Mark all own notifications read; answers the unread count (0)",
                  use: markAllRead)
    }

    @Sendable func list(_ req: Request) async throws -> AfieldAPI.Page<NotificationDTO> {
        let actor = try req.actor
        let page = try PageRequest(from: req)
        let query = UserNotification.query(on: req.database).filter(\.$tenantID == actor.tenantID).filter(\.$userID == actor.userID)
        if try req.queryFlag("unread") == true { query.filter(\.$readAt == nil) }
        let total = try await query.count()
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).range(page.range).all()
        let catalog = req.application.afield.catalog
        let language = req.language
        return AfieldAPI.Page(items: rows.map { NotificationCentre.render($0, in: language, catalog: catalog) },
                              page: page.page, limit: page.limit, total: total)
    }

    @Sendable func unreadCount(_ req: Request) async throws -> UnreadCount {
        let actor = try req.actor
        let count = try await UserNotification.query(on: req.database).filter(\.$tenantID == actor.tenantID).filter(\.$userID == actor.userID)
            .filter(\.$readAt == nil).count()
        return UnreadCount(unread: count)
    }

    /// Marks it read (reading it again changes nothing and writes no audit entry).
    @Sendable func markRead(_ req: Request) async throws -> NotificationDTO {
        let actor = try req.actor
        let audit = try req.auditContext
        let id = try req.pathID(entity: "notification")
        let row = try await req.write { db in
            guard let row = try await UserNotification.query(on: db).filter(\.$id == id).filter(\.$tenantID == actor.tenantID)
                .filter(\.$userID == actor.userID).first()
            else { throw DomainError.notFound("notification") }
            guard row.readAt == nil else { return row }
            row.readAt = Date()
            try await row.save(on: db)
            var changes = AuditChanges()
            changes.set("read", false, true)
            try await AuditLog.append(entity: Self.entity, entityID: id, action: "read", changes: changes, context: audit, on: db)
            return row
        }
        return NotificationCentre.render(row, in: req.language, catalog: req.application.afield.catalog)
    }

    @Sendable func markAllRead(_ req: Request) async throws -> UnreadCount {
        let actor = try req.actor
        let audit = try req.auditContext
        try await req.write { db in
            func unread() -> QueryBuilder<UserNotification> {
                UserNotification.query(on: db).filter(\.$tenantID == actor.tenantID).filter(\.$userID == actor.userID).filter(\.$readAt == nil)
            }
            let count = try await unread().count()
            guard count > 0 else { return }
            try await unread().set(\.$readAt, to: Date()).update()
            var changes = AuditChanges()
            changes.set("unread", count, 0)
            try await AuditLog.append(entity: Self.entity, entityID: nil, action: "read_all", changes: changes, context: audit, on: db)
        }
        return UnreadCount(unread: 0)
    }
}
