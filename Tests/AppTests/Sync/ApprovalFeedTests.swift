import AfieldAPI
import AfieldTesting
import Foundation
import Testing

/// Issue 11 point 2: a device keeps the approval inbox and the user's requests fresh from the
/// change feed; the feed shows an instance only to those who take part in it.
@Suite("Change feed: approvals")
struct ApprovalFeedTests {
    @Test("a submitted request is in the feed of its requester and its approver, not of a colleague")
    func participantsOnly() async throws {
        try await withAfield { _, client in
            let michael = try await client.signedIn("michael.suyama@northwind.example")
            let instance = try await michael.submitDemoPaymentRequest()
            func seen(_ api: APIClient) async throws -> Bool {
                var after: Int64 = 0
                while true {
                    let feed: ChangeFeed = try await api.get("/api/v1/sync/changes?after=\(after)&limit=500").decode()
                    if feed.changes.contains(where: { $0.entity == "approvals.instance" && $0.id == instance.summary.id }) { return true }
                    guard feed.hasMore else { return false }
                    after = feed.next
                }
            }
            #expect(try await seen(michael))
            #expect(try await seen(try await client.signedIn("steven.buchanan@northwind.example")))
            #expect(try await !seen(try await client.signedIn("nancy.davolio@northwind.example")))
        }
    }
}
