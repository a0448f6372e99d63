import AfieldAPI
import AfieldTesting
import App
import Fluent
import Foundation
import Platform
import Testing
import Vapor

/// Issue 8 point 7.4: the audit log reads as sentences in the reader's language, naming the
/// record ("Confirmed sales order SO-…"), and sign-ins through the API are recorded as `api`.
@Suite("Audit log sentences")
struct AuditSentenceTests {
    /// The viewer's entries as raw JSON objects (fields added by this change are read by name).
    static func items(_ api: APIClient, _ query: String) async throws -> [[String: Any]] {
        let answer = try await api.get("/api/v1/audit/entries?\(query)")
        #expect(answer.status == .ok, "\(query): \(answer.status)")
        return try #require((try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["items"] as? [[String: Any]])
    }

    private func latestSignIn(_ app: Application, _ email: String) async throws -> AuditEntry {
        let user = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
        return try #require(try await AuditEntry.query(on: app.db).filter(\.$entity == "platform.session").filter(\.$action == "sign_in")
            .filter(\.$actorID == user.id).sort(\.$seq, .descending).first())
    }

    @Test("a sign-in through the API for a bearer token is source api; the web app's sign-in is source web")
    func signInSource() async throws {
        try await withAfield { app, client in
            let email = "nancy.davolio@northwind.example"
            let api = try await client.send(.POST, "/api/v1/auth/login", json: LoginRequest(email: email, password: demoPassword))
            #expect(api.status == .ok)
            #expect(try await latestSignIn(app, email).source == "api")
            let web = try await client.send(.POST, "/api/v1/auth/login", json: LoginRequest(email: email, password: demoPassword),
                                            headers: [("X-Afield-Request", "1")])
            #expect(web.status == .ok)
            #expect(try await latestSignIn(app, email).source == "web")
        }
    }

    @Test("entries read as sentences naming the record, in English and Chinese")
    func sentences() async throws {
        try await withAfield { _, client in
            let f = try await ApprovalFixtures.load(client)
            let admin = f.admin
            let draft: OrderDetail = try await admin.post("/api/v1/sales/orders", json: try await OrderFixtures.load(admin).input()).decode()
            _ = try await admin.send(.POST, "/api/v1/sales/orders/\(draft.order.id)/confirm")
            let number = draft.order.number
            let order = try await Self.items(admin, "record=\(draft.order.id)")
            #expect(order.first?["summary"] as? String == "Confirmed sales order \(number)")
            #expect(order.first?["entityName"] as? String == number)
            #expect(order.first?["entityLabel"] as? String == "Sales order")
            #expect(order.last?["summary"] as? String == "Created sales order \(number)")
            let chinese = try await Self.items(admin.inLanguage("zh-CN"), "record=\(draft.order.id)")
            #expect(chinese.first?["summary"] as? String == "确认了销售订单 \(number)")

            let signIns = try await Self.items(admin, "entity=platform.session&limit=1")
            #expect(signIns.first?["summary"] as? String == "Signed in")
            #expect(try await Self.items(admin.inLanguage("zh-CN"), "entity=platform.session&limit=1").first?["summary"] as? String == "登录")

            let alfreds = try #require(try await admin.get("/api/v1/partners/customers?q=Alfreds").decode(AfieldAPI.Page<PartnerSummary>.self).items.first)
            let detail: PartnerDetail = try await admin.get("/api/v1/partners/customers/\(alfreds.id)").decode()
            _ = try await admin.send(.PATCH, "/api/v1/partners/customers/\(alfreds.id)", json: PartnerUpdate(version: detail.version, phone: "030-0074321 1"))
            #expect(try await Self.items(admin, "record=\(alfreds.id)").first?["summary"] as? String == "Changed partner “Alfreds Futterkiste”")

            // An approval request is named by its title, which leads with the order's number.
            try await f.flow("sales.order", [ApprovalFixtures.approver("manager", [ApproverRule(kind: .manager, level: 1)])])
            let nancy = try await f.signIn("nancy.davolio")
            let gated: OrderDetail = try await nancy.post("/api/v1/sales/orders", json: try await OrderFixtures.load(nancy).input()).decode()
            _ = try await nancy.send(.POST, "/api/v1/sales/orders/\(gated.order.id)/confirm")
            let todo: AfieldAPI.Page<ApprovalSummaryDTO> = try await admin.get("/api/v1/approvals/instances?box=todo").decode()
            let item = try #require(todo.items.first { $0.documentId == gated.order.id })
            _ = try await admin.post("/api/v1/approvals/tasks/\(try #require(item.myTaskId))/approve", json: ApprovalDecisionRequest(comment: "ok"))
            let approvals = try await Self.items(admin, "record=\(item.id)").compactMap { $0["summary"] as? String }
            #expect(approvals.contains("Approved approval request “\(item.title)”"), "\(approvals)")
            #expect(approvals.contains("Submitted approval request “\(item.title)”"), "\(approvals)")
            #expect(item.title.hasPrefix(gated.order.number))
            let gatedOrder = try await Self.items(admin, "record=\(gated.order.id)").compactMap { $0["summary"] as? String }
            #expect(gatedOrder.first == "Sales order \(gated.order.number) was approved and confirmed", "\(gatedOrder)")
            #expect(gatedOrder.dropFirst().first == "Sent sales order \(gated.order.number) for approval", "\(gatedOrder)")

            let kinds = try await admin.get("/api/v1/audit/entities")
            let labels = try #require(try JSONSerialization.jsonObject(with: kinds.body) as? [[String: String]])
            #expect(labels.contains(["entity": "sales.order", "label": "Sales order"]))
            #expect(labels.contains(["entity": "approvals.instance", "label": "Approval request"]))
        }
    }
}
