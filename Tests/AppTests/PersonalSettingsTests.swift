import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Personal settings (个人设置, issue 3 point 3): name, language, time zone, notification
/// preferences and avatar.
@Suite("Personal settings")
struct PersonalSettingsTests {
    @Test("name, time zone and notification preferences are saved; bad values change nothing")
    func profile() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let before: Me = try await nancy.get("/api/v1/auth/me").decode()
            #expect(before.timeZone == nil)
            #expect(before.notifications == .defaults)
            var prefs = NotificationPreferences.defaults
            prefs.events["announcement"] = .init(email: true, push: false)
            prefs.quietHoursStart = "22:00"
            prefs.quietHoursEnd = "07:30"
            let saved: Me = try await nancy.send(.PATCH, "/api/v1/auth/me", json: UpdateMeRequest(
                name: "Nancy D.", timeZone: "Asia/Shanghai", mobile: "138 0013 8000", notifications: prefs)).decode()
            #expect(saved.name == "Nancy D.")
            #expect(saved.mobile == "13800138000")
            #expect(saved.timeZone == "Asia/Shanghai")
            #expect(saved.notifications.events["announcement"] == .init(email: true, push: false))
            #expect(saved.notifications.quietHoursEnd == "07:30")

            var broken = prefs
            broken.events["lottery"] = .init(email: true, push: true)
            broken.quietHoursStart = "+1:00"
            let bad = try await nancy.send(.PATCH, "/api/v1/auth/me", json: UpdateMeRequest(name: "", timeZone: "Mars/Olympus", mobile: "call me",
                                                                                               notifications: broken))
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.error.fields?.map(\.code) == ["field.required", "tenant.unknown_time_zone", "auth.invalid_mobile",
                                                          "auth.unknown_notification_kind", "auth.invalid_quiet_hours"])
            let after: Me = try await nancy.get("/api/v1/auth/me").decode()
            #expect(after.name == "Nancy D.")
            #expect(after.timeZone == "Asia/Shanghai")
            #expect(after.mobile == "13800138000")
            #expect(after.notifications == saved.notifications)
            let cleared: Me = try await nancy.send(.PATCH, "/api/v1/auth/me", json: UpdateMeRequest(
                timeZone: "", notifications: NotificationPreferences(events: [:], quietHoursStart: "", quietHoursEnd: ""))).decode()
            #expect(cleared.timeZone == nil)
            #expect(cleared.notifications == .defaults, "kinds left out keep their defaults")
        }
    }

    @Test("an order's default date is today where the user is, not where the company is")
    func todayInTheUsersTimeZone() async throws {
        // Noon UTC: the two zones' dates differ by one day only between 11:00 and 10:00 UTC next
        // morning (UTC+14 and UTC−11 are 25 hours apart), so the clock is fixed.
        let clock = ManualClock(Date(timeIntervalSince1970: 1_796_558_400))
        try await withAfield(clock: clock.clock) { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let input = try await OrderFixtures.load(nancy).input()
            var undated = input
            undated.orderDate = nil
            // Kiritimati is UTC+14 and Pago Pago UTC−11.
            _ = try await nancy.send(.PATCH, "/api/v1/auth/me", json: UpdateMeRequest(timeZone: "Pacific/Kiritimati"))
            let east = try await nancy.post("/api/v1/sales/orders", json: undated).decode(OrderDetail.self).order
            _ = try await nancy.send(.PATCH, "/api/v1/auth/me", json: UpdateMeRequest(timeZone: "Pacific/Pago_Pago"))
            let west = try await nancy.post("/api/v1/sales/orders", json: undated).decode(OrderDetail.self).order
            let format = DateFormatter()
            format.dateFormat = "yyyy-MM-dd"
            format.locale = Locale(identifier: "en_US_POSIX")
            format.timeZone = TimeZone(identifier: "UTC")
            let eastDay = try #require(format.date(from: east.orderDate))
            let westDay = try #require(format.date(from: west.orderDate))
            #expect(eastDay.timeIntervalSince(westDay) == 86_400)
        }
    }

    @Test("an avatar is uploaded, served to colleagues, replaced and removed; other files are refused")
    func avatar() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let png = "\u{89}PNG\r\n\u{1A}\n"
            // The test client sends text; a PNG's first byte is not ASCII, so check it refuses the mangled bytes.
            let mangled = try await nancy.send(.PUT, "/api/v1/auth/me/avatar", raw: png + "data")
            #expect(try mangled.error.fields?.map(\.code) == ["auth.avatar_not_image"])
            let svg = try await nancy.send(.PUT, "/api/v1/auth/me/avatar", raw: "<svg onload=alert(1)></svg>")
            #expect(try svg.error.fields?.map(\.code) == ["auth.avatar_not_image"])
            let huge = try await nancy.send(.PUT, "/api/v1/auth/me/avatar", raw: "RIFF0000WEBP" + String(repeating: "x", count: 600_000))
            #expect(try huge.error.fields?.map(\.code) == ["auth.avatar_too_large"])
            let saved: Me = try await nancy.send(.PUT, "/api/v1/auth/me/avatar", raw: "RIFF0000WEBPVP8 one").decode()
            let url = try #require(saved.avatarUrl)
            #expect(url.hasSuffix("?v=1"))
            let admin = try await client.signedIn()
            let image = try await admin.get(url)
            #expect(image.status == .ok)
            #expect(image.headers.contentType?.description == "image/webp")
            #expect(image.text == "RIFF0000WEBPVP8 one")
            let replaced: Me = try await nancy.send(.PUT, "/api/v1/auth/me/avatar", raw: "RIFF0000WEBPVP8 two").decode()
            #expect(replaced.avatarUrl?.hasSuffix("?v=2") == true)
            #expect(try await admin.get(url).text == "RIFF0000WEBPVP8 two")
            let removed: Me = try await nancy.send(.DELETE, "/api/v1/auth/me/avatar").decode()
            #expect(removed.avatarUrl == nil)
            #expect(try await admin.get(url).status == .notFound)
        }
    }
}
