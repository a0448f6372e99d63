import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Issue 11 point 3, server side: a device's commands carry its client id and a sequence number
/// (`Afield-Client-Id`, `Afield-Client-Seq`) besides the `Idempotency-Key`; the server applies each
/// number once and in order, and a rejected command still uses its number so that later ones are
/// not blocked (Replicache's lastMutationID).
@Suite("Offline commands: client sequence")
struct ClientSequenceTests {
    static func command(_ api: APIClient, client: UUID, seq: Int, key: String, name: String) async throws -> APIClient.Answer {
        try await api.send(.POST, "/api/v1/partners/customers", json: PartnerInput(name: name),
                           headers: [("Afield-Client-Id", client.uuidString), ("Afield-Client-Seq", String(seq)), ("Idempotency-Key", key)])
    }

    static func count(_ api: APIClient, _ name: String) async throws -> Int {
        try await api.get("/api/v1/partners/customers?q=\(name)").decode(AfieldAPI.Page<PartnerSummary>.self).total
    }

    @Test("commands of one client apply in order and once: a resent number answers its first result")
    func inOrderOnce() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let device = UUID()
            #expect(try await Self.command(api, client: device, seq: 1, key: "c1", name: "Seq One").status == .created)
            #expect(try await Self.command(api, client: device, seq: 2, key: "c2", name: "Seq Two").status == .created)
            let again = try await Self.command(api, client: device, seq: 1, key: "c1", name: "Seq One")
            #expect(again.status == .created)
            #expect(again.headers.first(name: "Idempotent-Replayed") == "true")
            #expect(try await Self.count(api, "Seq%20One") == 1)
        }
    }

    @Test("a gap in the numbers is refused with the number expected, and changes nothing")
    func gapRefused() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let device = UUID()
            #expect(try await Self.command(api, client: device, seq: 1, key: "g1", name: "Gap One").status == .created)
            let skipped = try await Self.command(api, client: device, seq: 3, key: "g3", name: "Gap Three")
            #expect(skipped.status == .conflict)
            #expect(try skipped.error.code == "sync.out_of_order")
            #expect(try skipped.error.params["expected"] == "2")
            #expect(try await Self.count(api, "Gap%20Three") == 0)
        }
    }

    @Test("a rejected command uses its number: the next applies, and resending the rejected one answers the same rejection")
    func rejectedAdvances() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let device = UUID()
            let bad = try await Self.command(api, client: device, seq: 1, key: "r1", name: " ")
            #expect(bad.status == .unprocessableEntity)
            #expect(try await Self.command(api, client: device, seq: 2, key: "r2", name: "After Rejected").status == .created)
            let resent = try await Self.command(api, client: device, seq: 1, key: "r1", name: " ")
            #expect(resent.status == .unprocessableEntity)
            #expect(resent.body == bad.body)
        }
    }

    @Test("a number already used is refused under another key, and nothing is applied twice")
    func numberReused() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let device = UUID()
            #expect(try await Self.command(api, client: device, seq: 1, key: "u1", name: "Used Once").status == .created)
            let other = try await Self.command(api, client: device, seq: 1, key: "u2", name: "Used Twice")
            #expect(other.status == .conflict)
            #expect(try other.error.code == "sync.seq_used")
            #expect(try await Self.count(api, "Used%20Twice") == 0)
        }
    }

    @Test("twelve sends of one number at once under different keys: exactly one applies, the others are told the number is used")
    func racingNumber() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let device = UUID()
            let statuses = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<12 {
                    group.addTask {
                        let answer = try await Self.command(api, client: device, seq: 1, key: "race-\(index)", name: "Race Seq \(index)")
                        return answer.status == .created ? "created" : try answer.error.code
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == "created" }.count == 1)
            #expect(statuses.filter { $0 == "sync.seq_used" }.count == 11)
            #expect(try await Self.count(api, "Race%20Seq") == 1)
            let state: SyncClientDTO = try await api.get("/api/v1/sync/clients/\(device.uuidString)").decode()
            #expect(state.lastSeq == 1)
        }
    }

    @Test("the server tells a client how far it got: applied and refused numbers both count; an unknown client is 404")
    func clientState() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let device = UUID()
            #expect(try await api.get("/api/v1/sync/clients/\(device.uuidString)").status == .notFound)
            _ = try await Self.command(api, client: device, seq: 1, key: "s1", name: "State One")
            _ = try await Self.command(api, client: device, seq: 2, key: "s2", name: "")
            let state: SyncClientDTO = try await api.get("/api/v1/sync/clients/\(device.uuidString)").decode()
            #expect(state.clientId == device)
            #expect(state.lastSeq == 2)
        }
    }

    @Test("a client id is its first user's: another user sending under it is refused, and cannot read it (404)")
    func foreignClient() async throws {
        try await withAfield { _, client in
            let admin = try await client.signedIn()
            let device = UUID()
            #expect(try await Self.command(admin, client: device, seq: 1, key: "f1", name: "Foreign One").status == .created)
            let nancy = try await client.signedIn("nancy.davolio@northwind.example")
            let answer = try await Self.command(nancy, client: device, seq: 2, key: "f2", name: "Foreign Two")
            #expect(answer.status == .conflict)
            #expect(try answer.error.code == "sync.client_foreign")
            #expect(try await nancy.get("/api/v1/sync/clients/\(device.uuidString)").status == .notFound)
        }
    }

    @Test("a numbered command needs an Idempotency-Key, and half a pair of headers is refused; neither changes anything")
    func headersChecked() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let noKey = try await api.send(.POST, "/api/v1/partners/customers", json: PartnerInput(name: "No Key Seq"),
                                           headers: [("Afield-Client-Id", UUID().uuidString), ("Afield-Client-Seq", "1")])
            #expect(noKey.status == .unprocessableEntity)
            #expect(try noKey.error.fields?.first?.code == "sync.key_required")
            let half = try await api.send(.POST, "/api/v1/partners/customers", json: PartnerInput(name: "Half Seq"),
                                          headers: [("Afield-Client-Seq", "1"), ("Idempotency-Key", "h1")])
            #expect(half.status == .unprocessableEntity)
            #expect(try half.error.fields?.first?.code == "sync.invalid_client")
            let zero = try await api.send(.POST, "/api/v1/partners/customers", json: PartnerInput(name: "Zero Seq"),
                                          headers: [("Afield-Client-Id", UUID().uuidString), ("Afield-Client-Seq", "0"), ("Idempotency-Key", "z1")])
            #expect(zero.status == .unprocessableEntity)
            #expect(try await Self.count(api, "Seq") == 0)
        }
    }

    @Test("a refused number answers its refusal only to the same request: another request under its key and number is 422, and changes nothing")
    func refusalBelongsToItsRequest() async throws {
        try await withAfield { _, client in
            let api = try await client.signedIn()
            let device = UUID()
            let bad = try await Self.command(api, client: device, seq: 1, key: "k1", name: " ")
            #expect(bad.status == .unprocessableEntity)
            let other = try await Self.command(api, client: device, seq: 1, key: "k1", name: "Another Request")
            #expect(other.status == .unprocessableEntity)
            #expect(try other.error.code == "request.idempotency_key_reused")
            #expect(try await Self.count(api, "Another%20Request") == 0)
        }
    }
}
