import AfieldAPI
import AfieldTesting
import Foundation
import Fluent
import Platform
import Sales
import Synchronization
import Testing
import Vapor

/// Case X-25 (../shared/cases/api.md) and the rest of DESIGN §4's retry rules.
@Suite("Idempotency keys")
struct IdempotencyTests {
    @Test("X-25 a retried create with the same key returns the first body and id; one order exists")
    func retriedCreate() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let input = try await OrderFixtures.load(api).input()
            let key = [("Idempotency-Key", "order-\(UUID())")]
            let first = try await api.send(.POST, "/api/v1/sales/orders", json: input, headers: key)
            #expect(first.status == .created)
            // The client never saw `first` (response lost) and retries.
            let retry = try await api.send(.POST, "/api/v1/sales/orders", json: input, headers: key)
            #expect(retry.status == .created)
            #expect(retry.body == first.body)
            #expect(retry.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(try retry.decode(OrderDetail.self).order.id == first.decode(OrderDetail.self).order.id)
            #expect(try await SalesOrder.query(on: app.db).count() == 831)
        }
    }

    @Test("the same key with another body is 422 and creates nothing")
    func reusedKey() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let fixtures = try await OrderFixtures.load(api)
            let key = [("Idempotency-Key", "k-1")]
            _ = try await api.send(.POST, "/api/v1/sales/orders", json: fixtures.input(quantity: "1"), headers: key)
            let other = try await api.send(.POST, "/api/v1/sales/orders", json: fixtures.input(quantity: "2"), headers: key)
            #expect(other.status == .unprocessableEntity)
            #expect(try other.error.code == "request.idempotency_key_reused")
            #expect(try await SalesOrder.query(on: app.db).count() == 831)
        }
    }

    @Test("a confirm sent twice with one key applies once and answers the same")
    func retriedAction() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let draft: OrderDetail = try await api.post("/api/v1/sales/orders", json: try await OrderFixtures.load(api).input()).decode()
            let key = [("Idempotency-Key", "confirm-\(draft.order.id)")]
            let first = try await api.send(.POST, "/api/v1/sales/orders/\(draft.order.id)/confirm", headers: key)
            let second = try await api.send(.POST, "/api/v1/sales/orders/\(draft.order.id)/confirm", headers: key)
            #expect(first.status == .ok)
            #expect(second.status == .ok)
            #expect(second.body == first.body)
            let third = try await api.send(.POST, "/api/v1/sales/orders/\(draft.order.id)/confirm")
            #expect(third.status == .conflict)
        }
    }

    @Test("a failed request keeps no key: fixing it and retrying with the same key works")
    func failedRequestKeepsNoKey() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let fixtures = try await OrderFixtures.load(api)
            let key = [("Idempotency-Key", "fix-me")]
            let bad = try await api.send(.POST, "/api/v1/sales/orders", json: fixtures.input(quantity: "0"), headers: key)
            #expect(bad.status == .unprocessableEntity)
            let good = try await api.send(.POST, "/api/v1/sales/orders", json: fixtures.input(quantity: "1"), headers: key)
            #expect(good.status == .created)
            #expect(try await SalesOrder.query(on: app.db).count() == 831)
        }
    }

    /// A failure between the business write and the stored answer (a process killed there).
    struct DiedMidRequest: Error {}

    @Test("H8-2 a request that dies after its write but before its answer is stored leaves nothing: the retry runs once and is then replayed")
    func diesBetweenWriteAndAnswer() async throws {
        try await withAfield { app, client in
            // A route of this test only: writes a department, then on its first run dies before answering.
            let runs = Mutex(0)
            app.grouped("api", "v1").grouped(AuthenticationMiddleware()).on(
                .POST, "test", "departments", permission: .authenticated, summary: "test", status: .created
            ) { req -> [String: String] in
                let actor = try req.actor
                let id = try await req.write { db in
                    let department = Department(tenantID: actor.tenantID, code: "CRASH", name: "Made once", parentID: nil)
                    try await department.create(on: db)
                    return try department.requireID()
                }
                if runs.withLock({ $0 += 1; return $0 }) == 1 { throw DiedMidRequest() }
                return ["id": id.uuidString]
            }
            let api = try await client.signedIn()
            let key = [("Idempotency-Key", "dies-\(UUID())")]
            let count = { try await Department.query(on: app.db).filter(\.$name == "Made once").count() }
            let died = try await api.send(.POST, "/api/v1/test/departments", raw: "{}", headers: key)
            #expect(died.status == .internalServerError)
            #expect(try await count() == 0, "the write of the request that died is not kept")
            let retry = try await api.send(.POST, "/api/v1/test/departments", raw: "{}", headers: key)
            #expect(retry.status == .created, "the retry runs the request (no 409 'in progress')")
            #expect(try await count() == 1)
            let again = try await api.send(.POST, "/api/v1/test/departments", raw: "{}", headers: key)
            #expect(again.status == .created)
            #expect(again.body == retry.body)
            #expect(again.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(try await count() == 1)
            #expect(runs.withLock { $0 } == 2)
        }
    }

    @Test("H8-2 a retry sent while the first is still running waits for it and replays its answer; one order exists")
    func concurrentRetry() async throws {
        try await withAfield { app, client in
            let api = try await client.signedIn()
            let input = try await OrderFixtures.load(api).input()
            let key = [("Idempotency-Key", "both-\(UUID())")]
            async let one = api.send(.POST, "/api/v1/sales/orders", json: input, headers: key)
            async let two = api.send(.POST, "/api/v1/sales/orders", json: input, headers: key)
            let answers = try await [one, two]
            #expect(answers.map(\.status) == [.created, .created])
            #expect(answers[0].body == answers[1].body)
            #expect(try await SalesOrder.query(on: app.db).count() == 831)
        }
    }

    @Test("keys belong to their user: another user's same key is a new request")
    func keysPerUser() async throws {
        try await withAfield { app, client in
            let andrew = try await client.signedIn()
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let input = try await OrderFixtures.load(andrew).input()
            let key = [("Idempotency-Key", "shared")]
            _ = try await andrew.send(.POST, "/api/v1/sales/orders", json: input, headers: key)
            _ = try await nancy.send(.POST, "/api/v1/sales/orders", json: input, headers: key)
            #expect(try await SalesOrder.query(on: app.db).count() == 832)
        }
    }
}

/// The per-tenant change feed of DESIGN §4.
@Suite("Change feed")
struct ChangeFeedTests {
    @Test("a client catches up from a cursor and sees only what it may read")
    func catchUp() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            var feed: ChangeFeed = try await api.get("/api/v1/sync/changes?after=0&limit=200").decode()
            #expect(feed.changes.count == 200)
            #expect(feed.hasMore)
            #expect(!feed.changes.contains { ["platform.session", "platform.user", "platform.tenant"].contains($0.entity) },
                    "sessions and users are not in the feed")
            var cursor = feed.next
            while feed.hasMore {
                feed = try await api.get("/api/v1/sync/changes?after=\(cursor)&limit=200").decode()
                cursor = feed.next
            }
            let draft: OrderDetail = try await api.post("/api/v1/sales/orders", json: try await OrderFixtures.load(api).input()).decode()
            let fresh: ChangeFeed = try await api.get("/api/v1/sync/changes?after=\(cursor)").decode()
            #expect(fresh.changes.map(\.entity) == ["sales.order"])
            #expect(fresh.changes.first?.id == draft.order.id)
            #expect(fresh.changes.first?.action == "create")
            let none: ChangeFeed = try await api.get("/api/v1/sync/changes?after=\(fresh.next)").decode()
            #expect(none.changes.isEmpty)
            #expect(none.next == fresh.next)
            #expect(try await api.get("/api/v1/sync/changes?after=-1").status == .unprocessableEntity)
        }
    }
}

@Suite("Change feed and data scopes")
struct ChangeFeedScopeTests {
    @Test("the feed shows a sales user only the orders and customers in her scope, and still moves the cursor past the rest")
    func scopedFeed() async throws {
        try await withAfield { _, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let own: AfieldAPI.Page<OrderSummary> = try await nancy.get("/api/v1/sales/orders?limit=200").decode()
            let ownIDs = Set(own.items.map(\.id))
            let customers: AfieldAPI.Page<PartnerSummary> = try await nancy.get("/api/v1/partners/customers?limit=200").decode()
            let suppliers: AfieldAPI.Page<PartnerSummary> = try await nancy.get("/api/v1/partners/suppliers?limit=200").decode()
            let visiblePartners = Set(customers.items.map(\.id) + suppliers.items.map(\.id))
            var cursor: Int64 = 0
            var orders: Set<UUID> = []
            var partners: Set<UUID> = []
            var more = true
            while more {
                let feed: ChangeFeed = try await nancy.get("/api/v1/sync/changes?after=\(cursor)&limit=200").decode()
                for change in feed.changes {
                    if change.entity == "sales.order", let id = change.id { orders.insert(id) }
                    if change.entity == "partners.partner", let id = change.id { partners.insert(id) }
                }
                #expect(feed.next >= cursor)
                cursor = feed.next
                more = feed.hasMore
            }
            #expect(orders == ownIDs)
            #expect(partners.isSubset(of: visiblePartners.union(Set(try await nancy.get("/api/v1/partners/carriers").decode(AfieldAPI.Page<PartnerSummary>.self).items.map(\.id)))))
            #expect(!partners.isEmpty)
        }
    }
}
