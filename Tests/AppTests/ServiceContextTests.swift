import AfieldAPI
import AfieldTesting
import App
import Fluent
import Foundation
@testable import Partners
import Platform
@testable import Sales
import Testing
import Vapor

/// Domain services run without HTTP (issue 9 point 5): given a ``ServiceContext`` — an actor
/// built from a user id, an audit source, the application's database and a clock — the same
/// service a route calls runs from a test, a background job or a command-line tool, with the
/// actor's permissions and data scopes still applied. No `Request` exists in these tests' calls.
@Suite("Services without HTTP")
struct ServiceContextTests {
    /// 2031-03-04 12:00:00 UTC (04:00 in the demo company's Los Angeles).
    static let start = Date(timeIntervalSince1970: 1_930_392_000)

    private static func ids(_ app: Application, _ email: String = DemoCompany.email) async throws -> (tenant: UUID, user: UUID) {
        let tenant = try #require(try await Tenant.query(on: app.db).filter(\.$slug == DemoCompany.slug).first())
        let user = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
        return (try tenant.requireID(), try user.requireID())
    }

    /// `"<status> <code> key=value …"` of the ``DomainError`` that `body` throws; nil when it throws none.
    private static func refusal(_ body: () async throws -> Any) async -> String? {
        do {
            _ = try await body()
            return nil
        } catch let error as DomainError {
            return ([String(error.status), error.code] + error.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: " ")
        } catch {
            return String(describing: error)
        }
    }

    private static func entries(_ app: Application, order: UUID) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: app.db).filter(\.$entity == SalesModule.auditEntity).filter(\.$entityID == order).sort(\.$seq).all()
    }

    @Test("an order is created and confirmed through the service from a user id, stamped with the given source and the clock's time (created_at included)")
    func createAndConfirmWithoutHTTP() async throws {
        let clock = ManualClock(Self.start)
        try await withAfield(clock: clock.clock) { app, client in
            let fixtures = try await OrderFixtures.load(try await client.signedIn())
            let (tenant, andrew) = try await Self.ids(app)
            let context = try await ServiceContext.acting(as: andrew, in: tenant, source: .import, application: app)
            #expect(context.actor.roleKeys == ["administrator"])
            #expect(context.actor.sessionID == RequestActor.noSession)
            let service = SalesOrderService(context: context)

            // No order date given: today by the context's clock, where the actor is.
            var input = fixtures.input(quantity: "3", price: "10.00")
            input.orderDate = nil
            let draft = try await service.create(input)
            #expect(draft.order.number == "SO-2031-00001")
            #expect(draft.order.orderDate == "2031-03-04")
            #expect(draft.order.state == "draft")
            #expect(draft.order.total == "30.00")

            clock.advance(90)
            let confirmed = try await service.apply("confirm", to: draft.order.id)
            #expect(confirmed.order.state == "confirmed")
            #expect(confirmed.order.version == 2)

            let log = try await Self.entries(app, order: draft.order.id)
            #expect(log.map(\.action) == ["create", "confirm"])
            #expect(log.map(\.source) == ["import", "import"])
            #expect(log.map(\.actorID) == [andrew, andrew])
            #expect(log.map(\.actorName) == ["Andrew Fuller", "Andrew Fuller"])
            #expect(log.map(\.at) == ["2031-03-04T12:00:00.000Z", "2031-03-04T12:01:30.000Z"])
            #expect(log.map(\.ip) == [nil, nil])
            let stored = try #require(try await SalesOrder.find(draft.order.id, on: app.db))
            #expect(stored.createdAt == Self.start)  // the context's clock, not the machine's
            #expect(stored.updatedAt == Self.start.addingTimeInterval(90))
            #expect(stored.updatedBy == andrew)
            #expect(try await AuditLog.verify(on: app.db, tenantID: tenant).breaks.isEmpty)

            // The order the service made is the one the API shows.
            let admin = try await client.signedIn()
            let seen: OrderDetail = try await admin.get("/api/v1/sales/orders/\(draft.order.id)").decode()
            #expect(seen.order.state == "confirmed")
            #expect(seen.order.number == "SO-2031-00001")
        }
    }

    struct Confirm: Codable, Sendable {
        var order: UUID
        var user: UUID
    }

    @Test("a background job confirms an order through the same service as the user it names")
    func jobRunsTheService() async throws {
        let clock = ManualClock(Self.start)
        try await withAfield(clock: clock.clock) { app, client in
            let fixtures = try await OrderFixtures.load(try await client.signedIn())
            let (tenant, andrew) = try await Self.ids(app)
            app.jobs.register("test.sales.confirm", as: Confirm.self) { job, payload in
                let context = try await job.acting(as: payload.user, source: .system)
                _ = try await SalesOrderService(context: context).apply("confirm", to: payload.order)
            }
            let context = try await ServiceContext.acting(as: andrew, in: tenant, source: .system, application: app)
            let draft = try await SalesOrderService(context: context).create(fixtures.input(price: "5.00"))
            let jobID = try await app.afieldWrites.transaction(on: app.db) { db in
                try await app.jobs.enqueue("test.sales.confirm", payload: Confirm(order: draft.order.id, user: andrew), runAt: Self.start,
                                           tenantID: tenant, on: db)
            }
            clock.advance(60)
            #expect(try await app.jobs.runDue(now: clock.now) == 1)
            #expect(try await Job.find(jobID, on: app.db)?.state == "done")

            let log = try await Self.entries(app, order: draft.order.id)
            #expect(log.map(\.action) == ["create", "confirm"])
            #expect(log.map(\.source) == ["system", "system"])
            #expect(log.map(\.actorName) == ["Andrew Fuller", "Andrew Fuller"])
            #expect(log.map(\.requestID) == [nil, "job:\(jobID.uuidString.lowercased())"])
            #expect(log.last?.at == "2031-03-04T12:01:00.000Z")
            #expect(try await SalesOrder.find(draft.order.id, on: app.db)?.state == .confirmed)
        }
    }

    @Test("without HTTP a sales user's actor cannot confirm an order outside their scope, nor act without the permission")
    func scopesAndPermissionsStillApply() async throws {
        try await withAfield { app, client in
            let fixtures = try await OrderFixtures.load(try await client.signedIn())
            let (tenant, nancy) = try await Self.ids(app, DataScopeTests.nancy)
            let context = try await ServiceContext.acting(as: nancy, in: tenant, source: .import, application: app)
            #expect(context.actor.roleKeys == ["sales"])
            let service = SalesOrderService(context: context)

            // 10248 was taken by Steven Buchanan: outside Nancy's own records, so unknown to her.
            let other = try #require(try await SalesOrder.query(on: app.db).filter(\.$tenantID == tenant).filter(\.$number == "10248").first())
            let otherID = try other.requireID()
            #expect(await Self.refusal { try await service.apply("confirm", to: otherID) } == "404 not_found entity=sales_order")
            #expect(await Self.refusal { try await service.detail(otherID) } == "404 not_found entity=sales_order")
            #expect(await Self.refusal { try await SalesOrderCancelling(context: context).cancel(otherID, version: other.version) }
                    == "404 not_found entity=sales_order")
            #expect(try await SalesOrder.find(otherID, on: app.db)?.version == other.version)

            // Her own customer and order are hers to change.
            let customer = try await PartnerCreation(context: context).create(PartnerInput(name: "Imported Trading Co."), role: .customer)
            #expect(try await Partner.find(customer.id, on: app.db)?.ownerID == context.actor.employeeID)
            var input = fixtures.input()
            input.customerId = customer.id
            let own = try await service.create(input)
            #expect(own.order.salespersonName == "Nancy Davolio")
            #expect(try await service.apply("confirm", to: own.order.id).order.state == "confirmed")

            // The same user without `sales.order.create` (an actor a job might hold) is refused.
            let actor = context.actor
            let limited = RequestActor(userID: actor.userID, tenantID: actor.tenantID, name: actor.name, email: actor.email, locale: actor.locale,
                                       employeeID: actor.employeeID, departmentID: actor.departmentID,
                                       permissions: actor.permissions.subtracting([SalesModule.orderCreate.key]), scopes: actor.scopes,
                                       tenant: actor.tenant, sessionID: RequestActor.noSession)
            let refused = SalesOrderService(context: ServiceContext(actor: limited, audit: context.audit, database: app.db, application: app))
            #expect(await Self.refusal { try await refused.create(input) } == "403 auth.forbidden permission=sales.order.create")
        }
    }

    @Test("an actor is loaded only for an active user of that company")
    func actorOfUnknownUser() async throws {
        try await withAfield { app, _ in
            let (tenant, _) = try await Self.ids(app)
            #expect(await Self.refusal { try await ServiceContext.acting(as: UUID(), in: tenant, source: .system, application: app) }
                    == "404 not_found entity=user")
            let (_, andrew) = try await Self.ids(app)
            #expect(await Self.refusal { try await ServiceContext.acting(as: andrew, in: UUID(), source: .system, application: app) }
                    == "404 not_found entity=user")
        }
    }
}
