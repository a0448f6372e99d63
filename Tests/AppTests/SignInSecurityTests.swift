import AfieldAPI
import AfieldTesting
import Foundation
import Platform
import SQLKit
import Fluent
import Testing
import Vapor

/// Sign-in security (issue 3 point 7): throttling, lockout and unlock, password policy, TOTP
/// two-factor with recovery codes, own sessions.
@Suite("Sign-in security")
struct SignInSecurityTests {
    static let nancy = "nancy.davolio@northwind.example"

    private func login(_ client: APIClient, _ email: String, _ password: String) async throws -> APIClient.Answer {
        try await client.post("/api/v1/auth/login", json: LoginRequest(email: email, password: password))
    }

    @Test("5 failures in 15 minutes throttle the account (429 with a wait); 10 in a row lock it until an administrator unlocks")
    func throttleAndLock() async throws {
        try await withAfield { app, client in
            for _ in 0..<5 { #expect(try await login(client, Self.nancy, "wrong password!").status == .unauthorized) }
            let throttled = try await login(client, Self.nancy, demoPassword)
            #expect(throttled.status == .tooManyRequests)
            #expect(try throttled.error.code == "auth.too_many_attempts")
            #expect(Int(try throttled.error.params["retryAfter"] ?? "0")! > 0)
            // Fifteen minutes later the window has passed, but the failures still count towards a lock.
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE sign_in_attempts SET at = \(bind: Date().addingTimeInterval(-16 * 60))").run()
            for _ in 0..<5 { _ = try await login(client, Self.nancy, "wrong password!") }
            try await sql.raw("UPDATE sign_in_attempts SET at = \(bind: Date().addingTimeInterval(-16 * 60))").run()
            let locked = try await login(client, Self.nancy, demoPassword)
            #expect(locked.status.code == 423)
            #expect(try locked.error.code == "auth.account_locked")
            let admin = try await client.signedIn()
            let nancyID = try await User.query(on: app.db).filter(\.$email == Self.nancy).first()!.id!
            #expect(try await admin.send(.POST, "/api/v1/auth/users/\(nancyID)/unlock").status == .noContent)
            #expect(try await login(client, Self.nancy, demoPassword).status == .ok)
            let lockEntry = try await AuditEntry.query(on: app.db).filter(\.$entityID == nancyID).filter(\.$action == "lock").first()
            #expect(lockEntry?.actorName == "sign-in guard")
        }
    }

    @Test("a sales user cannot unlock anyone")
    func unlockNeedsPermission() async throws {
        try await withAfield { app, client in
            let nancy = try await client.signedIn(Self.nancy)
            let someone = try await User.query(on: app.db).first()!.id!
            #expect(try await nancy.send(.POST, "/api/v1/auth/users/\(someone)/unlock").status == .forbidden)
        }
    }

    @Test("passwords: common, patterned or e-mail-like ones are refused; a change signs other sessions out")
    func passwordPolicy() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn(Self.nancy)
            let other = try await client.signedIn(Self.nancy)
            for (candidate, code) in [("Password123!", "auth.password_common"), ("1234567890", "auth.password_common"),
                                      ("qwertyuiop", "auth.password_common"), ("nancy.davolio-2026", "auth.password_like_email"),
                                      ("short", "auth.password_too_short")] {
                let answer = try await api.post("/api/v1/auth/password", json: ChangePasswordRequest(current: demoPassword, new: candidate))
                #expect(answer.status == .unprocessableEntity, "\(candidate)")
                #expect(try answer.error.fields?.map(\.code) == [code], "\(candidate)")
            }
            let wrong = try await api.post("/api/v1/auth/password", json: ChangePasswordRequest(current: "not it at all", new: "seven green bottles"))
            #expect(try wrong.error.fields?.map(\.field) == ["current"])
            #expect(try await api.post("/api/v1/auth/password", json: ChangePasswordRequest(current: demoPassword, new: "seven green bottles")).status == .noContent)
            #expect(try await other.get("/api/v1/auth/me").status == .unauthorized)
            #expect(try await api.get("/api/v1/auth/me").status == .ok)
            #expect(try await login(client, Self.nancy, "seven green bottles").status == .ok)
        }
    }

    @Test("two-factor: set up, enable with a code, sign in in two steps; a code and a recovery code work once")
    func twoFactor() async throws {
        let clock = ManualClock()
        try await withAfield(clock: clock.clock) { _, client in
            let api = try await client.signedIn(Self.nancy)
            let setup: TOTPSetup = try await api.send(.POST, "/api/v1/auth/totp/setup").decode()
            #expect(setup.otpauthUri.hasPrefix("otpauth://totp/"))
            let totp = TOTP(secret: Base32.decode(setup.secret)!)
            #expect(try await api.post("/api/v1/auth/totp/enable", json: TOTPCode(code: "000000")).status == .unprocessableEntity)
            // The server's clock is the test's (issue 8 point 8: on a loaded machine a step boundary
            // once passed between computing a code and the server checking it). Enable with this
            // step's code; sign in 30 s later with the next step's.
            let step = totp.step(at: clock.now)
            let codes: RecoveryCodes = try await api.post("/api/v1/auth/totp/enable", json: TOTPCode(code: totp.code(step: step))).decode()
            #expect(codes.recoveryCodes.count == 10)
            #expect(try await api.get("/api/v1/auth/me").decode(Me.self).twoFactorEnabled)

            let first: LoginResponse = try await login(client, Self.nancy, demoPassword).decode()
            #expect(first.twoFactorRequired)
            #expect(first.token == nil)
            let challenge = try #require(first.challenge)
            #expect(try await client.post("/api/v1/auth/login/verify", json: VerifyLoginRequest(challenge: challenge, code: "123456")).status == .unauthorized)
            clock.advance(30)
            let now = totp.code(step: step + 1)
            let verified = try await client.post("/api/v1/auth/login/verify", json: VerifyLoginRequest(challenge: challenge, code: now))
            #expect(verified.status == .ok)
            #expect(try verified.decode(LoginResponse.self).token != nil)
            // The same code again (a replay) is refused, even with a fresh challenge.
            let again: LoginResponse = try await login(client, Self.nancy, demoPassword).decode()
            let replay = try await client.post("/api/v1/auth/login/verify", json: VerifyLoginRequest(challenge: again.challenge!, code: now))
            #expect(replay.status == .unauthorized)
            let recovery = codes.recoveryCodes[0]
            #expect(try await client.post("/api/v1/auth/login/verify",
                                          json: VerifyLoginRequest(challenge: again.challenge!, code: recovery.uppercased())).status == .ok)
            let third: LoginResponse = try await login(client, Self.nancy, demoPassword).decode()
            #expect(try await client.post("/api/v1/auth/login/verify", json: VerifyLoginRequest(challenge: third.challenge!, code: recovery)).status
                    == .unauthorized)
        }
    }

    @Test("H8-8 two-factor codes are checked against the server's clock, whatever the test's speed: ±1 step passes, 2 steps do not")
    func twoFactorClock() async throws {
        let clock = ManualClock()
        try await withAfield(clock: clock.clock) { _, client in
            let api = try await client.signedIn(Self.nancy)
            let setup: TOTPSetup = try await api.send(.POST, "/api/v1/auth/totp/setup").decode()
            let totp = TOTP(secret: Base32.decode(setup.secret)!)
            let step = totp.step(at: clock.now)
            #expect(try await api.post("/api/v1/auth/totp/enable", json: TOTPCode(code: totp.code(step: step - 2))).status == .unprocessableEntity)
            #expect(try await api.post("/api/v1/auth/totp/enable", json: TOTPCode(code: totp.code(step: step + 2))).status == .unprocessableEntity)
            #expect(try await api.post("/api/v1/auth/totp/enable", json: TOTPCode(code: totp.code(step: step - 1))).status == .ok)
            // Ten minutes on: the code of the step then is accepted, and the challenge of before has lapsed.
            let first: LoginResponse = try await login(client, Self.nancy, demoPassword).decode()
            clock.advance(600)
            let late = try await client.post("/api/v1/auth/login/verify", json: VerifyLoginRequest(challenge: first.challenge!, code: totp.code(at: clock.now)))
            #expect(late.status == .unauthorized)
            #expect(try late.error.code == "auth.challenge_expired")
            let second: LoginResponse = try await login(client, Self.nancy, demoPassword).decode()
            #expect(try await client.post("/api/v1/auth/login/verify", json: VerifyLoginRequest(challenge: second.challenge!, code: totp.code(at: clock.now))).status == .ok)
        }
    }

    @Test("own sessions are listed and can be signed out one by one")
    func sessions() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn(Self.nancy)
            let phone = try await client.signedIn(Self.nancy)
            let list: [SessionInfo] = try await api.get("/api/v1/auth/sessions").decode()
            #expect(list.count == 2)
            #expect(list.filter(\.current).count == 1)
            let other = try #require(list.first { !$0.current })
            #expect(try await api.send(.DELETE, "/api/v1/auth/sessions/\(other.id)").status == .noContent)
            #expect(try await phone.get("/api/v1/auth/me").status == .unauthorized)
            let admin = try await client.signedIn()
            #expect(try await admin.send(.DELETE, "/api/v1/auth/sessions/\(list.first { $0.current }!.id)").status == .notFound,
                    "nobody signs out someone else's session this way")
        }
    }
}
