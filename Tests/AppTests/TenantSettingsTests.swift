import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Company settings (issue 3 point 1).
@Suite("Company settings")
struct TenantSettingsTests {
    @Test("an administrator changes time zone, fiscal year, rounding and tax rounding; bad values are field errors; currency is locked once records exist")
    func settings() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let current: TenantSettings = try await admin.get("/api/v1/auth/tenant").decode()
            #expect(current.currency == "USD")
            #expect(current.timeZone == "America/Los_Angeles")
            #expect(current.rounding == "half_up")
            #expect(current.taxRounding == "per_line")
            let changed: TenantSettings = try await admin.send(.PATCH, "/api/v1/auth/tenant", json: TenantSettingsUpdate(
                version: current.version, timeZone: "Asia/Shanghai", fiscalYearStartMonth: 4, rounding: "half_even", taxRounding: "per_document"))
                .decode()
            #expect(changed.timeZone == "Asia/Shanghai")
            #expect(changed.fiscalYearStartMonth == 4)
            #expect(changed.version == current.version + 1)
            let bad = try await admin.send(.PATCH, "/api/v1/auth/tenant", json: TenantSettingsUpdate(
                version: changed.version, currency: "CNY", timeZone: "Mars/Olympus", fiscalYearStartMonth: 13, rounding: "up", taxRounding: "never"))
            #expect(try bad.error.fields?.map(\.code) == ["tenant.currency_locked", "tenant.unknown_time_zone", "tenant.invalid_month",
                                                         "tenant.invalid_rounding", "tenant.invalid_tax_rounding"])
            let stale = try await admin.send(.PATCH, "/api/v1/auth/tenant", json: TenantSettingsUpdate(version: current.version, name: "X"))
            #expect(stale.status == .conflict)
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            #expect(try await nancy.send(.PATCH, "/api/v1/auth/tenant", json: TenantSettingsUpdate(version: changed.version, name: "X")).status == .forbidden)
            #expect(try await nancy.get("/api/v1/auth/tenant").status == .ok)
        }
    }

    @Test("a new company can still pick its currency")
    func currencyBeforeRecords() async throws {
        try await withAfield { _, client in
            let registered = try await client.post("/api/v1/auth/register", json: RegisterRequest(
                companyName: "新公司", name: "Zhang Wei", email: "zhang@new.example", mobile: "+86 138 0013 8000", password: "lotus pond evening"))
            var owner = client
            owner.token = try registered.decode(SessionResponse.self).token
            let settings: TenantSettings = try await owner.get("/api/v1/auth/tenant").decode()
            let updated: TenantSettings = try await owner.send(.PATCH, "/api/v1/auth/tenant",
                                                               json: TenantSettingsUpdate(version: settings.version, currency: "cny")).decode()
            #expect(updated.currency == "CNY")
        }
    }
}
