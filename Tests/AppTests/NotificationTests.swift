import AfieldAPI
import AfieldTesting
import App
import Fluent
import Foundation
import Platform
import Testing
import Vapor

/// The notification centre: in-app rows written in the sender's transaction, read in the
/// reader's language through `/api/v1/notifications`, and other channels behind ``Notifier``.
@Suite("Notifications")
struct NotificationTests {
    static let nancy = "nancy.davolio@northwind.example"

    private func ids(_ app: Application) async throws -> (tenant: UUID, admin: UUID, nancy: UUID) {
        let tenant = try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first()!.id!
        let admin = try await User.query(on: app.db).filter(\.$email == demoEmail).first()!.id!
        let nancy = try await User.query(on: app.db).filter(\.$email == Self.nancy).first()!.id!
        return (tenant, admin, nancy)
    }

    private func announce(_ app: Application, _ title: String, to users: [UUID], tenant: UUID, kind: String = "announcement") async throws {
        try await app.afieldWrites.transaction(on: app.db) { db in
            try await app.notificationCentre.send(
                NotificationMessage(kind: kind, code: "notifications.announcement", params: ["title": title, "text": "Read me"],
                                    link: "/settings/company", entity: "platform.tenant", entityID: tenant),
                to: users, tenantID: tenant, on: db)
        }
    }

    @Test("a notification is listed newest first in the reader's language, counted, and marked read")
    func inbox() async throws {
        try await withAfield { app, client in
            let (tenant, admin, nancyID) = try await ids(app)
            try await announce(app, "Canteen opens", to: [admin, nancyID, admin], tenant: tenant)
            try await announce(app, "Office move", to: [admin], tenant: tenant)
            let api = try await client.signedIn()
            #expect(try await api.get("/api/v1/notifications/unread-count").decode(UnreadCount.self) == UnreadCount(unread: 2))
            let page = try await api.get("/api/v1/notifications").decode(AfieldAPI.Page<NotificationDTO>.self)
            #expect(page.total == 2)
            #expect(page.items.map(\.title) == ["Announcement: Office move", "Announcement: Canteen opens"])
            #expect(page.items[0].body == "Read me")
            #expect(page.items[0].link == "/settings/company")
            #expect(page.items[0].entityId == tenant)
            #expect(page.items[0].readAt == nil)
            let chinese = try await api.inLanguage("zh-CN").get("/api/v1/notifications?limit=1").decode(AfieldAPI.Page<NotificationDTO>.self)
            #expect(chinese.items.map(\.title) == ["公告：Office move"])
            #expect(chinese.total == 2)
            let second = try await api.get("/api/v1/notifications?limit=1&page=2").decode(AfieldAPI.Page<NotificationDTO>.self)
            #expect(second.items.map(\.title) == ["Announcement: Canteen opens"])

            let auditBefore = try await AuditEntry.query(on: app.db).count()
            let read = try await api.send(.POST, "/api/v1/notifications/\(page.items[1].id)/read")
            #expect(read.status == .ok)
            #expect(try read.decode(NotificationDTO.self).readAt != nil)
            #expect(try await AuditEntry.query(on: app.db).count() == auditBefore + 1)
            // Reading it again changes nothing.
            #expect(try await api.send(.POST, "/api/v1/notifications/\(page.items[1].id)/read").status == .ok)
            #expect(try await AuditEntry.query(on: app.db).count() == auditBefore + 1)
            let unread = try await api.get("/api/v1/notifications?unread=true").decode(AfieldAPI.Page<NotificationDTO>.self)
            #expect(unread.items.map(\.title) == ["Announcement: Office move"])
            #expect(try await api.get("/api/v1/notifications/unread-count").decode(UnreadCount.self).unread == 1)
            #expect(try await api.get("/api/v1/notifications?unread=maybe").status == .unprocessableEntity)

            let all = try await api.send(.POST, "/api/v1/notifications/read-all")
            #expect(try all.decode(UnreadCount.self).unread == 0)
            #expect(try await api.get("/api/v1/notifications/unread-count").decode(UnreadCount.self).unread == 0)
            // Nancy's are hers alone.
            let nancy = try await client.signedIn(Self.nancy)
            #expect(try await nancy.get("/api/v1/notifications/unread-count").decode(UnreadCount.self).unread == 1)
        }
    }

    @Test("another user's notification answers 404 and stays unread")
    func othersAreHidden() async throws {
        try await withAfield { app, client in
            let (tenant, _, nancyID) = try await ids(app)
            try await announce(app, "For Nancy", to: [nancyID], tenant: tenant)
            let nancy = try await client.signedIn(Self.nancy)
            let hers = try await nancy.get("/api/v1/notifications").decode(AfieldAPI.Page<NotificationDTO>.self).items[0]
            let admin = try await client.signedIn()
            let answer = try await admin.send(.POST, "/api/v1/notifications/\(hers.id)/read")
            #expect(answer.status == .notFound)
            #expect(try answer.error.code == "not_found")
            #expect(try await admin.get("/api/v1/notifications").decode(AfieldAPI.Page<NotificationDTO>.self).total == 0)
            #expect(try await nancy.get("/api/v1/notifications/unread-count").decode(UnreadCount.self).unread == 1)
        }
    }

    @Test("nothing is kept when the sender's transaction rolls back; strangers are left out")
    func rollbackAndStrangers() async throws {
        try await withAfield { app, _ in
            let (tenant, admin, _) = try await ids(app)
            struct Abandon: Error {}
            await #expect(throws: Abandon.self) {
                try await app.afieldWrites.transaction(on: app.db) { db in
                    try await app.notificationCentre.send(NotificationMessage(kind: "announcement", code: "notifications.announcement",
                                                                              params: ["title": "x"]), to: [admin], tenantID: tenant, on: db)
                    throw Abandon()
                }
            }
            #expect(try await UserNotification.query(on: app.db).count() == 0)
            try await announce(app, "Nobody", to: [UUID()], tenant: tenant)
            #expect(try await UserNotification.query(on: app.db).count() == 0)
        }
    }

    @Test("other channels get the message through Notifier, following each user's preferences")
    func notifiersFollowPreferences() async throws {
        try await withAfield { app, client in
            let (tenant, admin, nancyID) = try await ids(app)
            let push = RecordingNotifier(channel: "push"), email = RecordingNotifier(channel: "email"), hook = RecordingNotifier(channel: "webhook")
            for notifier in [push, email, hook] { app.notificationCentre.register(notifier) }
            #expect(app.notificationCentre.channels == ["push", "email", "webhook"])
            // Nancy wants no push for announcements.
            var prefs = NotificationPreferences.defaults
            prefs.events["announcement"] = .init(email: false, push: false)
            let nancy = try await client.signedIn(Self.nancy)
            #expect(try await nancy.send(.PATCH, "/api/v1/auth/me", json: UpdateMeRequest(notifications: prefs)).status == .ok)

            try await announce(app, "Picnic", to: [admin, nancyID], tenant: tenant)
            #expect(push.deliveries.map(\.users) == [[admin]])
            #expect(push.deliveries.first?.message.params["title"] == "Picnic")
            #expect(push.deliveries.first?.tenantID == tenant)
            #expect(email.deliveries.isEmpty, "announcements are not e-mailed by default")
            #expect(hook.deliveries.map(\.users) == [[admin, nancyID]])
            // Approvals waiting on someone are e-mailed by default.
            try await announce(app, "Approve me", to: [nancyID], tenant: tenant, kind: "approval.requested")
            #expect(email.deliveries.map(\.users) == [[nancyID]])
            #expect(try await UserNotification.query(on: app.db).count() == 3, "in-app always")
        }
    }
}
