import AfieldAPI
import AfieldTesting
import App
import Fluent
import Foundation
import Platform
import SQLKit
import Testing

/// The approval inbox on the shared list (issue 9 point 1): the boxes stay the reader's data
/// scope for pages, counts, exports and selections; sort, filters; bulk approve through the
/// single approve's checks, reported per request.
@Suite("Approval inbox list")
struct InboxListTests {
    typealias F = ApprovalFixtures
    typealias C = ApprovalCaseTests

    private func inbox(_ api: APIClient, _ query: String) async throws -> AfieldAPI.Page<ApprovalSummaryDTO> {
        let answer = try await api.get("/api/v1/approvals/instances?\(query)")
        #expect(answer.status == .ok, "\(query): \(answer.text)")
        return try answer.decode()
    }

    private func csv(_ answer: APIClient.Answer) -> [String] {
        String(decoding: answer.body.dropFirst(3), as: UTF8.self).split(separator: "\r\n").map(String.init)
    }

    @Test("each box holds only what the reader takes part in: todo, done, mine and cc; a stranger sees none, even by exporting selected ids")
    func boxesAreTheScope() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await C.leaveForm(f, [F.approver("one", [f.users("janet.leverling")])])
            let nancy = try await f.signIn("nancy.davolio"), janet = try await f.signIn("janet.leverling"), laura = try await f.signIn("laura.callahan")
            var made: [ApprovalInstanceDTO] = []
            for days in ["1", "2", "3"] { made.append(try await C.submit(nancy, form, ["days": .number(days)])) }
            let q = "q=Leave%20request&limit=100"
            #expect(try await inbox(janet, q).items.map(\.id) == made.reversed().map(\.summary.id), "newest first")
            #expect(try await inbox(janet, "box=todo&" + q).items.allSatisfy { $0.myTaskId != nil })
            #expect(try await inbox(nancy, "box=mine&" + q).total == 3)
            #expect(try await inbox(nancy, "box=todo&" + q).total == 0)
            for box in ["todo", "done", "mine", "cc"] {
                #expect(try await inbox(laura, "box=\(box)&" + q).total == 0, "Laura takes no part (\(box))")
            }
            _ = try await C.act(janet, try await F.myTask(janet, made[0].summary.id), "approve")
            #expect(try await inbox(janet, "box=todo&" + q).total == 2)
            #expect(try await inbox(janet, "box=done&" + q).items.map(\.id) == [made[0].summary.id])
            #expect(try await inbox(nancy, "box=mine&state=approved&" + q).items.map(\.id) == [made[0].summary.id])
            #expect(try await inbox(nancy, "box=mine&state=pending,approved&" + q).total == 3)
            let badBox = try await janet.get("/api/v1/approvals/instances?box=all")
            #expect(try badBox.error.fields?.first?.code == "approvals.box_invalid")
            #expect(try await janet.get("/api/v1/approvals/instances?state=open").status == .unprocessableEntity)

            // Exports keep the box: Laura selecting Nancy's requests by id exports nothing.
            let ids = made.map(\.summary.id.uuidString).joined(separator: ",")
            let hers = try await laura.send(.GET, "/api/v1/approvals/instances/export?box=mine&columns=number&ids=\(ids)", headers: [("Accept-Language", "en")])
            #expect(csv(hers) == ["Number"])
            let theirs = try await nancy.send(.GET, "/api/v1/approvals/instances/export?box=mine&columns=number,state,requesterName&sort=number&ids=\(ids)",
                                              headers: [("Accept-Language", "en")])
            #expect(csv(theirs) == ["Number,State,Requester"] + made.map(\.summary).sorted { $0.number < $1.number }.map {
                "\($0.number),\($0.id == made[0].summary.id ? "Approved" : "Pending"),Nancy Davolio"
            })
            let zh = try await nancy.send(.GET, "/api/v1/approvals/instances/export?box=mine&columns=title,state&ids=\(made[1].summary.id)",
                                          headers: [("Accept-Language", "zh-CN")])
            #expect(csv(zh) == ["审批,状态", "Leave request · Nancy Davolio,审批中"])
        }
    }

    @Test("sort by number, requester or submitted, both ways, stable with the id last; text filters; an unknown key is a 422")
    func sortAndFilter() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await C.leaveForm(f, [F.approver("one", [f.users("janet.leverling")])])
            let nancy = try await f.signIn("nancy.davolio"), margaret = try await f.signIn("margaret.peacock"), janet = try await f.signIn("janet.leverling")
            let a = try await C.submit(nancy, form, ["days": .number("1")])
            let b = try await C.submit(margaret, form, ["days": .number("2")])
            let c = try await C.submit(nancy, form, ["days": .number("3")])
            let q = "q=Leave%20request&limit=100"
            let up = try await inbox(janet, "sort=number&" + q).items
            #expect(up.map(\.number) == [a, b, c].map(\.summary.number).sorted())
            let down = try await inbox(janet, "sort=-number&" + q).items
            #expect(down.map(\.number) == up.map(\.number).reversed())
            let byRequester = try await inbox(janet, "sort=requesterName,-submittedAt&" + q).items
            #expect(byRequester.map(\.id) == [b, c, a].map(\.summary.id), "Margaret before Nancy; Nancy's newest first")
            #expect(try await inbox(janet, "sort=submittedAt&" + q).items.map(\.id) == [a, b, c].map(\.summary.id))
            #expect(try await inbox(janet, "requesterName=margaret&" + q).items.map(\.id) == [b.summary.id])
            #expect(try await inbox(janet, "number=\(c.summary.number)").items.map(\.id) == [c.summary.id])
            #expect(try await inbox(janet, "q=\(a.summary.number)").items.map(\.id) == [a.summary.id])
            let bad = try await janet.get("/api/v1/approvals/instances?sort=summary")
            #expect(try bad.error.fields?.first?.code == "list.invalid_sort")
            let info: ListInfoDTO = try await janet.send(.GET, "/api/v1/lists/approvals.inbox", headers: [("Accept-Language", "en")]).decode()
            #expect(info.bulkActions.map(\.key) == ["approve"])
            #expect(info.columns.first { $0.key == "submittedAt" }?.filterParams == ["submittedAtFrom", "submittedAtTo"])
        }
    }

    @Test("bulk approve: each selected request through the approve action; one decided already and one not the reader's are refused, the others done")
    func bulkApprove() async throws {
        try await withAfield { _, client in
            let f = try await F.load(client)
            let form = try await C.leaveForm(f, [F.approver("one", [f.users("janet.leverling")])])
            let other = try await C.leaveForm(f, [F.approver("one", [f.users("laura.callahan")])])
            let nancy = try await f.signIn("nancy.davolio"), janet = try await f.signIn("janet.leverling")
            let first = try await C.submit(nancy, form, ["days": .number("1")])
            let decided = try await C.submit(nancy, form, ["days": .number("2")])
            let third = try await C.submit(nancy, form, ["days": .number("3")])
            let notHers = try await C.submit(nancy, other, ["days": .number("4")])
            _ = try await C.act(janet, try await F.myTask(janet, decided.summary.id), "approve")
            let ids = [first, decided, third, notHers].map(\.summary.id)
            let answer = try await janet.send(.POST, "/api/v1/approvals/instances/bulk/approve", json: ListBulkRequest(ids: ids),
                                              headers: [("Accept-Language", "en")])
            #expect(answer.status == .ok, "\(answer.text)")
            let result: ListBulkResultDTO = try answer.decode()
            #expect(result.items.map(\.outcome) == ["done", "refused", "done", "refused"])
            #expect(result.items.map(\.code) == [nil, "approvals.task.already_decided", nil, "not_found"])
            #expect(result.items[1].message == "Already decided (by Janet Leverling).")
            #expect((result.done, result.refused) == (2, 2))
            for made in [first, third] {
                let now = try await F.detail(nancy, made.summary.id)
                #expect(now.summary.state == .approved)
                #expect(now.timeline.map(\.action).contains("approve"))
            }
            #expect(try await F.detail(nancy, notHers.summary.id).summary.state == .pending, "Laura's to decide, untouched")
            let counts: ApprovalInboxCounts = try await janet.get("/api/v1/approvals/inbox/counts").decode()
            #expect(counts.todo == 0)
            // A company's ids mean nothing to another: refused as unknown, nothing changes.
            let registered = try await client.post("/api/v1/auth/register", json: RegisterRequest(
                companyName: "Other Co", name: "Mallory", email: "mallory@other.example", mobile: "+86 138 0013 8000", password: "other company pw"))
            var mallory = client
            mallory.token = try registered.decode(SessionResponse.self).token
            let foreign: ListBulkResultDTO = try await mallory.post("/api/v1/approvals/instances/bulk/approve",
                                                                   json: ListBulkRequest(ids: [notHers.summary.id])).decode()
            #expect(foreign.items.map(\.code) == ["not_found"])
            #expect(try await F.detail(nancy, notHers.summary.id).summary.state == .pending)
        }
    }

    @Test("a page of my requests reads the requester index in the list's order: no temporary B-tree (SQLite plan); the todo box starts from my tasks")
    func minePagePlan() async throws {
        try await withAfield { app, _ in
            guard let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
            let tenant = try #require(try await Tenant.query(on: app.db).first()?.id)
            let list = try #require(ListRegistry.list("approvals.inbox"))
            let context = ListRunContext(db: app.db, tenantID: tenant, userID: UUID(), scope: nil, timeZone: .gmt, language: .en,
                                         catalog: app.afield.catalog)
            let mine = try await list.plan({ $0 == "box" ? "mine" : nil }, context: context)
            #expect(mine.contains { $0.contains("approval_instances_requester_list") }, "\(mine)")
            #expect(!mine.contains { $0.contains("TEMP B-TREE") }, "\(mine)")
            let todo = try await list.plan({ _ in nil }, context: context)
            #expect(todo.contains { $0.contains("approval_tasks_inbox") }, "\(todo)")
        }
    }
}
