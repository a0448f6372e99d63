import AfieldAPI
import AfieldTesting
import Fluent
import Foundation
import Platform
import Testing

/// Issue 8 point 5: anonymous registration neither tells which e-mails other companies use nor
/// runs unthrottled (each attempt costs a bcrypt hash).
@Suite("Registration guard")
struct RegistrationGuardTests {
    static func form(_ email: String, company: String = "Acme") -> RegisterRequest {
        RegisterRequest(companyName: company, name: "Li Lei", email: email, mobile: "+86 138 0013 8000", password: "a much longer passphrase 42")
    }

    @Test("H8-5 an e-mail of another company is not named as registered; the answer is the same neutral one in both languages")
    func noEnumeration() async throws {
        try await withAfield { app, client in
            let taken = try await client.post("/api/v1/auth/register", json: Self.form("nancy.davolio@northwind.example"))
            #expect(taken.status == .unprocessableEntity)
            #expect(try taken.error.fields?.map(\.code) == ["auth.email_unavailable"])
            #expect(try taken.error.fields?.first?.message.contains("registered") == false)
            let zh = try await client.inLanguage("zh-CN").post("/api/v1/auth/register", json: Self.form("NANCY.davolio@northwind.example"))
            #expect(try zh.error.fields?.first?.message == "该邮箱不能用于注册企业。如已有账号，请直接登录；否则请换用其他邮箱。")
            #expect(try await Tenant.query(on: app.db).count() == 1, "nothing was created")
            // An incomplete form is answered on its own problems, before any e-mail is looked up.
            var weak = Self.form("nancy.davolio@northwind.example")
            weak.password = "short"
            let answer = try await client.post("/api/v1/auth/register", json: weak)
            #expect(try answer.error.fields?.map(\.code) == ["auth.password_too_short"])
        }
    }

    @Test("H8-5 registration is throttled per IP address: the 11th complete form within an hour gets 429 with the wait")
    func throttled() async throws {
        try await withAfield(demo: false) { app, client in
            for i in 0..<RegistrationGuard.limit {
                let answer = try await client.post("/api/v1/auth/register", json: Self.form("owner\(i)@acme\(i).example", company: "Acme \(i)"))
                #expect(answer.status == .created, "\(i): \(answer.text)")
            }
            let refused = try await client.post("/api/v1/auth/register", json: Self.form("late@acme.example", company: "Late"))
            #expect(refused.status == .tooManyRequests)
            #expect(try refused.error.code == "auth.too_many_registrations")
            #expect(try Int(refused.error.params["retryAfter"] ?? "") ?? 0 > 3000)
            #expect(try await Tenant.query(on: app.db).count() == RegistrationGuard.limit)
            // Refused attempts with a taken e-mail count too: they are what an enumeration sends.
            _ = app
        }
    }
}
