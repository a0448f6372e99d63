import AfieldAPI
import AfieldTesting
import Fluent
import Foundation
import Platform
import Testing

/// Inviting users by a one-time link or code (issue 3 point 3).
@Suite("Invitations")
struct InvitationTests {
    @Test("an invitee accepts once with their own password and gets the chosen roles; the code never works again")
    func acceptOnce() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let created = try await admin.post("/api/v1/auth/invitations", json: NewInvitationRequest(
                email: " Chen.Jing@Northwind.example ", name: "Chen Jing", roles: ["sales", "finance"]))
            #expect(created.status == .created)
            let invitation: NewInvitationResponse = try created.decode()
            #expect(invitation.path == "/#/invite/\(invitation.code)")
            #expect(invitation.invitation.state == "pending")
            #expect(invitation.invitation.email == "chen.jing@northwind.example")

            let preview: InvitationPreview = try await client.get("/api/v1/auth/invitations/lookup?code=\(invitation.code.lowercased())").decode()
            #expect(preview.companyName == "Northwind Traders")
            #expect(preview.name == "Chen Jing")

            let weak = try await client.post("/api/v1/auth/invitations/accept", json: AcceptInvitationRequest(code: invitation.code, name: "Chen Jing", password: "short"))
            #expect(try weak.error.fields?.map(\.code) == ["auth.password_too_short"])
            // Typed by hand: dashes and case do not matter.
            let typed = invitation.code.replacingOccurrences(of: "-", with: " ").lowercased()
            let accepted = try await client.post("/api/v1/auth/invitations/accept", json: AcceptInvitationRequest(
                code: typed, name: "陈静", password: "lotus pond morning"))
            #expect(accepted.status == .created)
            let session: SessionResponse = try accepted.decode()
            #expect(session.user.roles == ["finance", "sales"])
            #expect(session.user.name == "陈静")
            #expect(!session.user.mustChangePassword)
            var chen = client
            chen.token = session.token
            #expect(try await chen.get("/api/v1/sales/orders").status == .ok)

            let again = try await client.post("/api/v1/auth/invitations/accept", json: AcceptInvitationRequest(
                code: invitation.code, name: "Mallory", password: "lotus pond evening"))
            #expect(again.status == .gone)
            #expect(try again.error.code == "auth.invitation_invalid")
            #expect(try await client.get("/api/v1/auth/invitations/lookup?code=\(invitation.code)").status == .gone)
            let list: [InvitationDTO] = try await admin.get("/api/v1/auth/invitations").decode()
            #expect(list.first?.state == "accepted")
            let dup = try await admin.post("/api/v1/auth/invitations", json: NewInvitationRequest(email: "chen.jing@northwind.example", roles: ["sales"]))
            #expect(try dup.error.fields?.map(\.code) == ["auth.email_taken"])
        }
    }

    @Test("revoked, expired and made-up codes are refused; bad invitations are field errors")
    func refused() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let bad = try await admin.post("/api/v1/auth/invitations", json: NewInvitationRequest(email: "nobody", roles: ["boss"], days: 90))
            #expect(try bad.error.fields?.map(\.code) == ["auth.invalid_email", "auth.invalid_invitation_days", "auth.unknown_role"])
            #expect(try await admin.get("/api/v1/auth/invitations").decode([InvitationDTO].self).isEmpty)

            let first: NewInvitationResponse = try await admin.post("/api/v1/auth/invitations", json: NewInvitationRequest(email: "a@northwind.example", roles: ["sales"])).decode()
            #expect(try await admin.send(.DELETE, "/api/v1/auth/invitations/\(first.invitation.id)").status == .noContent)
            #expect(try await admin.send(.DELETE, "/api/v1/auth/invitations/\(first.invitation.id)").status == .conflict)
            let revoked = try await client.post("/api/v1/auth/invitations/accept", json: AcceptInvitationRequest(code: first.code, name: "A", password: "lotus pond morning"))
            #expect(revoked.status == .gone)

            let second: NewInvitationResponse = try await admin.post("/api/v1/auth/invitations", json: NewInvitationRequest(email: "b@northwind.example", roles: ["sales"])).decode()
            try await Invitation.query(on: app.db).filter(\.$id == second.invitation.id).set(\.$expiresAt, to: Date().addingTimeInterval(-1)).update()
            let expired = try await client.post("/api/v1/auth/invitations/accept", json: AcceptInvitationRequest(code: second.code, name: "B", password: "lotus pond morning"))
            #expect(expired.status == .gone)
            #expect(try await admin.get("/api/v1/auth/invitations").decode([InvitationDTO].self).map(\.state).sorted() == ["expired", "revoked"])
            let madeUp = try await client.post("/api/v1/auth/invitations/accept", json: AcceptInvitationRequest(code: "AAAA-BBBB-CCCC", name: "C", password: "lotus pond morning"))
            #expect(madeUp.status == .gone)
            #expect(try await User.query(on: app.db).filter(\.$email ~~ ["a@northwind.example", "b@northwind.example"]).count() == 0)
            #expect(try await client.signedIn("nancy.davolio@northwind.example").get("/api/v1/auth/invitations").status == .forbidden)
        }
    }

    @Test("two people accepting one code at once: exactly one account is made")
    func concurrentAccept() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let invitation: NewInvitationResponse = try await admin.post("/api/v1/auth/invitations", json: NewInvitationRequest(
                email: "race@northwind.example", roles: ["employee"])).decode()
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for n in 0..<4 {
                    group.addTask {
                        try await client.post("/api/v1/auth/invitations/accept", json: AcceptInvitationRequest(
                            code: invitation.code, name: "Racer \(n)", password: "lotus pond morning")).status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.sorted() == [201, 410, 410, 410])
            #expect(try await User.query(on: app.db).filter(\.$email == "race@northwind.example").count() == 1)
        }
    }
}
