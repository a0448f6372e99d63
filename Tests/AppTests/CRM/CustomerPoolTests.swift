import AfieldAPI
import AfieldTesting
import App
import Fluent
import Foundation
import Partners
import Platform
import Testing

/// Issue 12 points 2 and 11: the public pool (公海) — release, claim under limits and under
/// concurrency, the idle rule as a job, transfers with history.
@Suite("CRM: public pool and transfers")
struct CustomerPoolTests {
    @Test("the pool job: a customer idle N+1 days returns to the pool; one idle N−1 days does not")
    func idleRule() async throws {
        try await withAfield { app, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let idle: PartnerDetail = try await nancy.post("/api/v1/partners/customers", json: PartnerInput(name: "Idle Thirty-One")).decode()
            let fresh: PartnerDetail = try await nancy.post("/api/v1/partners/customers", json: PartnerInput(name: "Fresh Twenty-Nine")).decode()
            let rules: PoolRulesDTO = try await nancy.get("/api/v1/partners/pool/rules").decode()
            #expect(rules.idleDays == 30)
            let tenantID = try await CRMFixtures.tenantID(app)
            let now = Date()
            try await CustomerActivity.touch(idle.id, tenantID: tenantID, at: now.addingTimeInterval(-31 * 86_400), on: app.db)
            try await CustomerActivity.touch(fresh.id, tenantID: tenantID, at: now.addingTimeInterval(-29 * 86_400), on: app.db)
            // Backdate the owners' start too: the idle clock counts from the later of the two.
            try await Partner.query(on: app.db).filter(\.$id ~~ [idle.id, fresh.id]).set(\.$ownerSince, to: now.addingTimeInterval(-60 * 86_400)).update()

            try await app.jobs.enqueue("partners.pool.idle", payload: [String: String](), runAt: now, tenantID: nil, key: "hourly", on: app.db)
            #expect(try await app.jobs.runDue(now: now) == 1)

            let idleNow: PartnerDetail = try await nancy.get("/api/v1/partners/customers/\(idle.id)").decode()
            #expect(idleNow.profile?.poolSince != nil)
            #expect(idleNow.profile?.poolReason == "idle")
            #expect(idleNow.profile?.ownerId == nil)
            let freshNow: PartnerDetail = try await nancy.get("/api/v1/partners/customers/\(fresh.id)").decode()
            #expect(freshNow.profile?.poolSince == nil)
            #expect(freshNow.profile?.ownerName == "Nancy Davolio")

            let pool: AfieldAPI.Page<PoolCustomerDTO> = try await nancy.get("/api/v1/partners/pool?q=idle").decode()
            #expect(pool.items.map(\.id) == [idle.id])
            #expect(pool.items.first?.previousOwnerName == "Nancy Davolio")
            let mine: AfieldAPI.Page<PartnerSummary> = try await nancy.get("/api/v1/partners/customers?q=idle").decode()
            #expect(mine.items.isEmpty, "a pool customer leaves its owner's list")
            let history: [OwnerChangeDTO] = try await nancy.get("/api/v1/partners/customers/\(idle.id)/owners").decode()
            #expect(history.map(\.action) == ["idle"])
            // The job queued its next run, on the next hour.
            let next = try await Job.query(on: app.db).filter(\.$kind == "partners.pool.idle").filter(\.$state == "queued").first()
            #expect(next.map { $0.runAt.timeIntervalSince1970.truncatingRemainder(dividingBy: 3600) } == 0)
            #expect(next.map { $0.runAt > now && $0.runAt <= now.addingTimeInterval(3600) } == true)
        }
    }

    @Test("20 reps claiming the same pool customer at once: exactly one owns it, the others get 409 partners.pool.taken")
    func concurrentClaims() async throws {
        try await withAfield { app, client in
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let customer: PartnerDetail = try await nancy.post("/api/v1/partners/customers", json: PartnerInput(name: "Contested Trading")).decode()
            let released = try await nancy.post("/api/v1/partners/customers/\(customer.id)/release", json: CustomerReleaseInput(reason: "moving away"))
            #expect(released.status == .ok, "\(released.text)")
            let reps = try await CRMFixtures.reps(20, app: app)
            let outcomes = await withTaskGroup(of: String.self) { group in
                for rep in reps {
                    group.addTask {
                        do {
                            _ = try await CustomerOwnership(context: rep).claim(customer.id)
                            return "won"
                        } catch let error as DomainError {
                            return error.code
                        } catch {
                            return "\(error)"
                        }
                    }
                }
                var all: [String] = []
                for await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.filter { $0 == "won" }.count == 1, "\(outcomes)")
            #expect(outcomes.filter { $0 == "partners.pool.taken" }.count == 19, "\(outcomes)")
            let stored = try await Partner.find(customer.id, on: app.db)!
            #expect(stored.ownerID != nil && stored.poolSince == nil)
            let claims = try await OwnerChange.query(on: app.db).filter(\.$partnerID == customer.id).filter(\.$action == "claim").all()
            #expect(claims.count == 1)
            #expect(claims.first?.toOwnerID == stored.ownerID)
        }
    }

    @Test("claim limits: owned maximum, claims per day, no reclaim of what one just gave up; release only by owner or manager")
    func claimLimits() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let rules: PoolRulesDTO = try await admin.get("/api/v1/partners/pool/rules").decode()
            #expect(rules.version == 0)
            let changed = try await admin.send(.PUT, "/api/v1/partners/pool/rules",
                                               json: PoolRulesDTO(idleDays: 30, maxOwned: 200, dailyClaims: 2, reclaimDays: 7, version: 0))
            #expect(changed.status == .ok, "\(changed.text)")
            let stale = try await admin.send(.PUT, "/api/v1/partners/pool/rules",
                                             json: PoolRulesDTO(idleDays: 10, maxOwned: 200, dailyClaims: 2, reclaimDays: 7, version: 0))
            #expect(stale.status == .conflict)
            let bad = try await admin.send(.PUT, "/api/v1/partners/pool/rules",
                                           json: PoolRulesDTO(idleDays: -1, maxOwned: 0, dailyClaims: 2, reclaimDays: 7, version: 1))
            #expect(try bad.error.fields?.map(\.field).sorted() == ["idleDays", "maxOwned"])

            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let janet = try await client.signedIn("janet.leverling@northwind.example")
            var ids: [UUID] = []
            for name in ["Pool One", "Pool Two", "Pool Three"] {
                let made: PartnerDetail = try await nancy.post("/api/v1/partners/customers", json: PartnerInput(name: name)).decode()
                ids.append(made.id)
            }
            #expect(try await janet.post("/api/v1/partners/customers/\(ids[0])/release", json: CustomerReleaseInput()).status == .notFound,
                    "a colleague's customer is outside Janet's scope")
            for id in ids { #expect(try await nancy.post("/api/v1/partners/customers/\(id)/release", json: CustomerReleaseInput()).status == .ok) }
            #expect(try await nancy.post("/api/v1/partners/customers/\(ids[0])/release", json: CustomerReleaseInput()).status == .notFound)

            let reclaim = try await nancy.post("/api/v1/partners/pool/\(ids[0])/claim", json: [String: String]())
            #expect(try reclaim.error.code == "partners.pool.reclaim_too_soon")
            #expect(try await janet.post("/api/v1/partners/pool/\(ids[0])/claim", json: [String: String]()).status == .ok)
            #expect(try await janet.post("/api/v1/partners/pool/\(ids[1])/claim", json: [String: String]()).status == .ok)
            let third = try await janet.post("/api/v1/partners/pool/\(ids[2])/claim", json: [String: String]())
            #expect(try third.error.code == "partners.pool.daily_claims")
            #expect(try third.error.message.contains("2"))

            let got: PartnerDetail = try await janet.get("/api/v1/partners/customers/\(ids[0])").decode()
            #expect(got.profile?.ownerName == "Janet Leverling")
            let history: [OwnerChangeDTO] = try await janet.get("/api/v1/partners/customers/\(ids[0])/owners").decode()
            #expect(history.map(\.action) == ["claim", "release"])
            #expect(history.last?.fromOwnerName == "Nancy Davolio")
            _ = app
        }
    }

    @Test("a manager transfers customers in bulk; the history and the audit log say who, from whom and why")
    func transfer() async throws {
        try await withAfield { app, client in
            let admin = try await client.signedIn()
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let a: PartnerDetail = try await nancy.post("/api/v1/partners/customers", json: PartnerInput(name: "Transfer A")).decode()
            let b: PartnerDetail = try await nancy.post("/api/v1/partners/customers", json: PartnerInput(name: "Transfer B")).decode()
            let janetEmployee = try await Employee.query(on: app.db).filter(\.$name == "Janet Leverling").first()!
            let forbidden = try await nancy.post("/api/v1/partners/customers/transfer",
                                                 json: CustomerTransferInput(ids: [a.id], toEmployeeId: try janetEmployee.requireID()))
            #expect(forbidden.status == .forbidden, "a rep does not transfer")
            let done = try await admin.post("/api/v1/partners/customers/transfer",
                                            json: CustomerTransferInput(ids: [a.id, b.id], toEmployeeId: try janetEmployee.requireID(), reason: "territory change"))
            #expect(try done.decode(CustomerTransferResult.self) == CustomerTransferResult(transferred: 2, unchanged: 0))
            #expect(try await nancy.get("/api/v1/partners/customers/\(a.id)").status == .notFound, "Nancy no longer sees it")
            let janet = try await client.signedIn("janet.leverling@northwind.example")
            let history: [OwnerChangeDTO] = try await janet.get("/api/v1/partners/customers/\(b.id)/owners").decode()
            #expect(history.count == 1)
            #expect(history.first?.action == "transfer")
            #expect(history.first?.fromOwnerName == "Nancy Davolio")
            #expect(history.first?.toOwnerName == "Janet Leverling")
            #expect(history.first?.reason == "territory change")
            let audit: [AuditEntryDTO] = try await janet.get("/api/v1/partners/customers/\(b.id)/history").decode()
            #expect(audit.first?.action == "owner_transfer")
            let unknown = try await admin.post("/api/v1/partners/customers/transfer", json: CustomerTransferInput(ids: [a.id], toEmployeeId: UUID()))
            #expect(try unknown.error.fields?.map(\.code) == ["partners.transfer.unknown_employee"])
        }
    }
}
