import AfieldAPI
import AfieldTesting
import Foundation
import Platform
import Testing
import Vapor

/// Issue 8 point 1: an API token does only what it was made for. It never reaches its owner's
/// own-account routes (two-factor, sessions, tokens, password, profile), and acts for its owner
/// (approvals, files, notifications) only with the personal permission for it.
@Suite("API token limits")
struct APITokenLimitTests {
    typealias F = ApprovalFixtures
    typealias C = ApprovalCaseTests

    static func token(_ owner: APIClient, _ permissions: [String]) async throws -> APIClient {
        let made: NewTokenResponse = try await owner.post("/api/v1/auth/tokens", json: NewTokenRequest(name: "bridge", permissions: permissions)).decode()
        var client = APIClient(app: owner.app)
        client.token = made.token
        return client
    }

    @Test("H8-1 a token for sales.report.read cannot set up or enable two-factor, revoke sessions, mint tokens, change the profile or password")
    func ownAccountRefused() async throws {
        try await withAfield { app, client in
            let robert = try await client.signedIn("robert.king@northwind.example")
            let reports = try await Self.token(robert, ["sales.report.read"])
            #expect(try await reports.get("/api/v1/sales/reports/sales-by-year").status == .ok, "what it was made for still works")

            let setup = try await reports.send(.POST, "/api/v1/auth/totp/setup")
            #expect(setup.status == .forbidden)
            #expect(try setup.error.code == "auth.token_not_allowed")
            #expect(try await reports.post("/api/v1/auth/totp/enable", json: TOTPCode(code: "123456")).status == .forbidden)
            #expect(try await reports.post("/api/v1/auth/totp/disable", json: TOTPCode(code: "123456")).status == .forbidden)
            #expect(try await reports.get("/api/v1/auth/sessions").status == .forbidden)
            let sessions: [SessionInfo] = try await robert.get("/api/v1/auth/sessions").decode()
            let web = try #require(sessions.first { $0.current })
            #expect(try await reports.send(.DELETE, "/api/v1/auth/sessions/\(web.id)").status == .forbidden)
            #expect(try await reports.post("/api/v1/auth/tokens", json: NewTokenRequest(name: "again", permissions: ["sales.report.read"])).status == .forbidden)
            #expect(try await reports.send(.PATCH, "/api/v1/auth/me", raw: #"{"name":"Owned"}"#).status == .forbidden)
            #expect(try await reports.post("/api/v1/auth/password", json: ChangePasswordRequest(current: demoPassword, new: "a much longer passphrase 42")).status == .forbidden)
            #expect(try await reports.send(.PUT, "/api/v1/auth/me/avatar", bytes: Data([0x89, 0x50]), contentType: "image/png").status == .forbidden)
            #expect(try await reports.send(.DELETE, "/api/v1/auth/me/avatar").status == .forbidden)
            #expect(try await reports.get("/api/v1/auth/me").status == .forbidden)

            // Nothing changed: the owner has no second factor, the session lives, the name is his.
            let me: Me = try await robert.get("/api/v1/auth/me").decode()
            #expect(me.name == "Robert King")
            #expect(me.twoFactorEnabled == false)
            #expect(try await robert.get("/api/v1/auth/sessions").status == .ok)
            _ = app
        }
    }

    @Test("H8-1 a token acts for its owner only with a personal permission: approvals, files, notifications")
    func personalPermissions() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await C.leaveForm(f, [F.approver("one", [f.users("robert.king")])])
            let nancy = try await f.signIn("nancy.davolio"), robert = try await f.signIn("robert.king")
            let request = try await C.submit(nancy, form, ["days": .number("1")])
            let task = try await F.myTask(robert, request.summary.id)

            let reports = try await Self.token(robert, ["sales.report.read"])
            let approve = try await reports.post("/api/v1/approvals/tasks/\(task)/approve", json: ApprovalDecisionRequest(comment: nil))
            #expect(approve.status == .forbidden)
            #expect(try approve.error.code == "auth.forbidden")
            #expect(try await reports.get("/api/v1/approvals/instances?box=todo").status == .forbidden)
            #expect(try await reports.get("/api/v1/approvals/instances/\(request.summary.id)").status == .forbidden)
            #expect(try await reports.post("/api/v1/approvals/instances", json: ApprovalSubmitRequest(formId: form.id, values: ["days": .number("1")])).status == .forbidden)
            #expect(try await reports.send(.POST, "/api/v1/files", bytes: Data("hello".utf8), contentType: "text/plain",
                                           headers: [("X-File-Name", "a.txt")]).status == .forbidden)
            #expect(try await reports.get("/api/v1/notifications").status == .forbidden)
            #expect(try await F.detail(nancy, request.summary.id).summary.state == .pending, "still waiting")

            // A token made for approving may approve.
            let approver = try await Self.token(robert, ["approvals.inbox.read", "approvals.inbox.act"])
            #expect(try await approver.get("/api/v1/approvals/instances?box=todo").status == .ok)
            let done = try await approver.post("/api/v1/approvals/tasks/\(task)/approve", json: ApprovalDecisionRequest(comment: "ok"))
            #expect(done.status == .ok)
            #expect(try await F.detail(nancy, request.summary.id).summary.state == .approved)
            // It still cannot upload or read notifications.
            #expect(try await approver.get("/api/v1/notifications").status == .forbidden)
            // A token may not be made with a personal permission that does not exist.
            let unknown = try await robert.post("/api/v1/auth/tokens", json: NewTokenRequest(name: "x", permissions: ["approvals.inbox.everything"]))
            #expect(unknown.status == .unprocessableEntity)
        }
    }
}
