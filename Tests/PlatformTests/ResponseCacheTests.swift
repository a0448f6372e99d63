import Foundation
import Platform
import Testing

/// The response cache (issue 9 point 6): simultaneous misses compute once; bodies are bounded by
/// bytes as well as entries; the least recently used go first.
@Suite("Response cache")
struct ResponseCacheTests {
    /// Counts computations; each waits until released so that callers pile up on one miss.
    actor Counter {
        var runs = 0
        func run() -> Int { runs += 1; return runs }
    }

    @Test("twenty simultaneous misses of one key compute once and all get that answer")
    func singleFlight() async throws {
        let cache = ResponseCache(capacity: 10)
        let counter = Counter()
        let bodies = try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await cache.body(for: "k") {
                        let run = await counter.run()
                        try await Task.sleep(for: .milliseconds(50))  // holds the miss open while the others arrive
                        return Data("answer \(run)".utf8)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(await counter.runs == 1)
        #expect(Set(bodies) == [Data("answer 1".utf8)])
        // And once remembered, a hit computes nothing.
        _ = try await cache.body(for: "k") { _ = await counter.run(); return Data() }
        #expect(await counter.runs == 1)
    }

    @Test("a failed computation is not remembered: the next caller computes again")
    func failureNotKept() async throws {
        struct Boom: Error {}
        let cache = ResponseCache(capacity: 10)
        await #expect(throws: Boom.self) { try await cache.body(for: "k") { throw Boom() } }
        #expect(try await cache.body(for: "k") { Data("ok".utf8) } == Data("ok".utf8))
    }

    @Test("bodies stay within the byte bound; the least recently used go first, down to three quarters")
    func byteBound() async throws {
        let cache = ResponseCache(capacity: 1000, maximumBytes: 1000)
        let body = Data(repeating: 65, count: 100)
        for key in 0..<10 { _ = try await cache.body(for: "k\(key)") { body } }
        #expect(await cache.usage.bytes == 1000)
        _ = try await cache.body(for: "k0") { Data() }  // k0 used again: now the most recent
        _ = try await cache.body(for: "k10") { body }   // 1,100 bytes: evict to ≤ 750
        let usage = await cache.usage
        #expect(usage.bytes == 700 && usage.entries == 7)
        // k0 (recently used) and k10 (just added) stay; k1…k4, the oldest, went.
        #expect(try await cache.body(for: "k0") { Data("recomputed".utf8) } == body)
        #expect(try await cache.body(for: "k1") { Data("recomputed".utf8) } == Data("recomputed".utf8))
    }

    @Test("entries stay within the count bound")
    func countBound() async throws {
        let cache = ResponseCache(capacity: 8, maximumBytes: 1 << 20)
        for key in 0..<9 { _ = try await cache.body(for: "k\(key)") { Data([1]) } }
        #expect(await cache.usage.entries == 6)
    }

    @Test("a body larger than a quarter of the byte bound is answered but not kept")
    func largeBodyNotKept() async throws {
        let cache = ResponseCache(capacity: 10, maximumBytes: 400)
        _ = try await cache.body(for: "big") { Data(count: 101) }
        #expect(await cache.usage.entries == 0)
    }
}
