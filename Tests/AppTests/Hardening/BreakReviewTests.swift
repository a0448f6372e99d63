import AfieldAPI
import AfieldTesting
import Fluent
import Foundation
import Partners
import Platform
import Testing
import Vapor

/// What a fresh attacker found after the issue-8 fixes, each kept as a test that failed before:
/// limits that parallel requests slipped past, attempts rolled back with the failure they
/// counted, a key too long in bytes, one-line fields that took line breaks, look-alike e-mails.
@Suite("Issue 8 review")
struct BreakReviewTests {
    static let nancy = "nancy.davolio@northwind.example"

    @Test("H8-R1 a two-factor challenge takes 5 wrong codes, also sent at once; the right code after them is refused too")
    func challengeAttempts() async throws {
        let clock = ManualClock()
        try await withAfield(clock: clock.clock) { _, client in
            let api = try await client.signedIn(Self.nancy)
            let setup: TOTPSetup = try await api.send(.POST, "/api/v1/auth/totp/setup").decode()
            let totp = TOTP(secret: Base32.decode(setup.secret)!)
            #expect(try await api.post("/api/v1/auth/totp/enable", json: TOTPCode(code: totp.code(step: totp.step(at: clock.now) - 1))).status == .ok)
            let right = totp.code(at: clock.now)
            let wrong = (0..<12).map { String(format: "%06d", $0) }.filter { $0 != right }

            let first: LoginResponse = try await client.post("/api/v1/auth/login", json: LoginRequest(email: Self.nancy, password: demoPassword)).decode()
            var codes: [String] = []
            for code in wrong.prefix(7) {
                codes.append(try await client.post("/api/v1/auth/login/verify", json: VerifyLoginRequest(challenge: first.challenge!, code: code)).error.code)
            }
            #expect(codes == Array(repeating: "auth.invalid_code", count: 5) + ["auth.challenge_expired", "auth.challenge_expired"])
            let late = try await client.post("/api/v1/auth/login/verify", json: VerifyLoginRequest(challenge: first.challenge!, code: right))
            #expect(late.status == .unauthorized, "the right code after the attempts are spent")

            // Sent at once, the wrong codes still share the same five attempts.
            let second: LoginResponse = try await client.post("/api/v1/auth/login", json: LoginRequest(email: Self.nancy, password: demoPassword)).decode()
            let answers = try await withThrowingTaskGroup(of: String.self) { group in
                for code in wrong { group.addTask { try await client.post("/api/v1/auth/login/verify", json: VerifyLoginRequest(challenge: second.challenge!, code: code)).error.code } }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(answers.filter { $0 == "auth.invalid_code" }.count == 5)
        }
    }

    @Test("H8-R2 thirty registrations at once from one address create at most ten companies")
    func parallelRegistrations() async throws {
        try await withAfield(demo: false) { app, client in
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for i in 0..<30 {
                    group.addTask {
                        try await client.post("/api/v1/auth/register", json: RegisterRequest(
                            companyName: "Rush \(i)", name: "Li Lei", email: "owner\(i)@rush\(i).example", mobile: "+86 138 0013 8000",
                            password: "a much longer passphrase 42")).status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count <= RegistrationGuard.limit)
            #expect(statuses.filter { $0 == 201 }.count + statuses.filter { $0 == 429 }.count == 30)
            #expect(try await Tenant.query(on: app.db).count() <= RegistrationGuard.limit)
        }
    }

    @Test("H8-R3 forty wrong passwords at once check at most five; a locked account answers 423 whatever the password")
    func parallelSignIns() async throws {
        try await withAfield { app, client in
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for i in 0..<40 {
                    group.addTask { try await client.post("/api/v1/auth/login", json: LoginRequest(email: "janet.leverling@northwind.example", password: "wrong guess \(i)")).status.code }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 401 }.count <= SignInGuard.accountLimit)
            #expect(statuses.filter { $0 == 429 }.count >= 40 - SignInGuard.accountLimit)

            let laura = try #require(try await User.query(on: app.db).filter(\.$email == "laura.callahan@northwind.example").first())
            laura.lockedAt = Date()
            try await laura.save(on: app.db)
            let wrong = try await client.post("/api/v1/auth/login", json: LoginRequest(email: laura.email, password: "not her password"))
            let right = try await client.post("/api/v1/auth/login", json: LoginRequest(email: laura.email, password: demoPassword))
            #expect(wrong.status.code == 423 && right.status.code == 423)
        }
    }

    @Test("H8-R4 an Idempotency-Key is printable ASCII: 200 letters with combining marks are refused with 422, not 500")
    func idempotencyKeyBytes() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let heavy = String(repeating: "a" + String(repeating: "\u{0301}", count: 20), count: 200)
            let answer = try await api.send(.POST, "/api/v1/partners/customers", json: PartnerInput(name: "Keyed"), headers: [("Idempotency-Key", heavy)])
            #expect(answer.status == .unprocessableEntity)
            #expect(try answer.error.fields?.map(\.code) == ["request.invalid_idempotency_key"])
            #expect(try await Partner.query(on: app.db).filter(\.$name == "Keyed").count() == 0)
        }
    }

    @Test("H8-R5 one-line fields refuse line breaks, line separators, the Arabic letter mark and a byte order mark")
    func oneLineFields() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            for (body, field) in [(PartnerInput(code: "AB\r\nCD", name: "x"), "code"), (PartnerInput(name: "Line\u{2028}Break"), "name"),
                                  (PartnerInput(name: "Mark\u{061C}ed"), "name"), (PartnerInput(name: "x", city: "\u{FEFF}Lyon"), "city")] {
                let answer = try await api.post("/api/v1/partners/customers", json: body)
                #expect(answer.status == .unprocessableEntity, "\(field)")
                #expect(try answer.error.fields?.map(\.code) == ["text.control_characters"], "\(field)")
            }
            #expect(try await api.post("/api/v1/org/positions", json: PositionInput(name: "Courier", code: "P\nX")).status == .unprocessableEntity)
            let robert = try await api.get("/api/v1/org/employees?q=Robert").decode(AfieldAPI.Page<EmployeeDTO>.self).items[0]
            for update in [EmployeeUpdate(version: robert.version, title: "Sales\nRep"), EmployeeUpdate(version: robert.version, bankAccount: "6222\n0202")] {
                #expect(try await api.send(.PATCH, "/api/v1/org/employees/\(robert.id)", json: update).status == .unprocessableEntity)
            }
            // A home address may take several lines.
            #expect(try await api.send(.PATCH, "/api/v1/org/employees/\(robert.id)",
                                       json: EmployeeUpdate(version: robert.version, homeAddress: "Flat 2\nCoventry House")).status == .ok)
        }
    }

    @Test("H8-R6 an e-mail that only looks like a colleague's (zero-width space, fullwidth letter, dotless i) is not an e-mail")
    func lookAlikeEmails() async throws {
        try await withAfield { _, client in
            for email in ["andrew.fuller\u{200B}@northwind.example", "\u{FF41}ndrew.fuller@northwind.example", "andrew.fuller@northw\u{0131}nd.example",
                          "andrew.fuller@northwind.example."] {
                let answer = try await client.post("/api/v1/auth/register", json: RegisterRequest(
                    companyName: "Look Alike", name: "Andrew", email: email, mobile: "+86 138 0013 8000", password: "a much longer passphrase 42"))
                #expect(answer.status == .unprocessableEntity, "\(email)")
            }
        }
    }

    @Test("H8-R7 a sign-in by an API client opens a client session, listed as such, recorded with source api")
    func clientSessions() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn(Self.nancy)
            let sessions: [SessionInfo] = try await api.get("/api/v1/auth/sessions").decode()
            #expect(sessions.first { $0.current }?.kind == "client")
        }
    }
}
