import Foundation
import Crypto
import Vapor

/// Encoded JSON answers kept per (tenant revision, request), so a report or list page that has
/// not changed since it was last computed is sent without querying or encoding again.
///
/// Correct across processes because the key holds the tenant's ``Revisions`` counter, which
/// every writer bumps in its transaction. Bounded by entries and by bytes of bodies
/// (``maximumBytes``): when either is passed, the least recently used quarter goes at once,
/// so eviction sorts once per many inserts instead of scanning every entry on each. Misses of
/// one key at the same time compute once: the others wait for that answer (a burst of readers
/// after a write costs one query, not one each).
public actor ResponseCache {
    private struct Entry {
        let body: Data
        var lastUse: UInt64
    }

    private var entries: [String: Entry] = [:]
    private var inFlight: [String: Task<Data, any Error>] = [:]
    private var clock: UInt64 = 0
    private var bytes = 0
    /// Most entries kept.
    public let capacity: Int
    /// Most bytes of bodies kept.
    public let maximumBytes: Int

    public init(capacity: Int = 2000, maximumBytes: Int = 32 << 20) {
        self.capacity = capacity
        self.maximumBytes = maximumBytes
    }

    /// Entries and bytes held now (for tests and metrics).
    public var usage: (entries: Int, bytes: Int) { (entries.count, bytes) }

    /// The cached body for `key`, or the result of `compute` encoded and remembered. A caller
    /// that finds `key` being computed waits for that result (or its error).
    public func body(for key: String, compute: @escaping @Sendable () async throws -> Data) async throws -> Data {
        clock += 1
        if var hit = entries[key] {
            hit.lastUse = clock
            entries[key] = hit
            return hit.body
        }
        guard capacity > 0 else { return try await compute() }
        if let running = inFlight[key] { return try await running.value }
        let task = Task { try await compute() }
        inFlight[key] = task
        defer { inFlight[key] = nil }
        let body = try await task.value
        remember(body, for: key)
        return body
    }

    private func remember(_ body: Data, for key: String) {
        // A body larger than a quarter of the bound would push out most of the cache for one answer.
        guard body.count <= maximumBytes / 4 else { return }
        if let old = entries[key] { bytes -= old.body.count }
        clock += 1
        entries[key] = Entry(body: body, lastUse: clock)
        bytes += body.count
        guard entries.count > capacity || bytes > maximumBytes else { return }
        let oldestFirst = entries.sorted { $0.value.lastUse < $1.value.lastUse }
        var index = 0
        // Down to three quarters of both bounds, oldest first.
        while index < oldestFirst.count, entries.count > capacity * 3 / 4 || bytes > maximumBytes * 3 / 4 {
            let (oldKey, entry) = oldestFirst[index]
            if oldKey != key {
                entries.removeValue(forKey: oldKey)
                bytes -= entry.body.count
            }
            index += 1
        }
    }
}

extension Application {
    private struct ResponseCacheKey: StorageKey { typealias Value = ResponseCache }

    /// This process's response cache.
    public var responseCache: ResponseCache {
        if let cache = storage[ResponseCacheKey.self] { return cache }
        // AFIELD_RESPONSE_CACHE=off measures or debugs without it; AFIELD_RESPONSE_CACHE_MB bounds its bodies (default 32).
        let off = Environment.get("AFIELD_RESPONSE_CACHE").map { ["off", "0", "false", "no"].contains($0.lowercased()) } ?? false
        let megabytes = Environment.get("AFIELD_RESPONSE_CACHE_MB").flatMap(Int.init).map { max(1, min($0, 4096)) } ?? 32
        let cache = ResponseCache(capacity: off ? 0 : 2000, maximumBytes: megabytes << 20)
        storage[ResponseCacheKey.self] = cache
        return cache
    }
}

extension Request {
    /// Answers with the JSON of `compute`, cached under the tenant's `revisionKey` counter, the
    /// caller's id (answers may depend on who asks), the path and the query. Sends an `ETag`
    /// and answers `If-None-Match` with 304.
    /// - Parameter variant: anything else the answer depends on (the caller's data scope).
    public func cachedJSON<T: Encodable & Sendable>(revisionKey: String, variant: String = "",
                                                    compute: @escaping @Sendable () async throws -> T) async throws -> Response {
        let actor = try actor
        let revision = try await Revisions.current(revisionKey, tenantID: actor.tenantID, on: db)
        // The tag names the data scope and language too: a user whose scope changes must not
        // be told their old answer is still current.
        let context = SHA256.hash(data: Data("\(actor.userID)|\(variant)|\(language.rawValue)".utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
        let tag = "\"\(revisionKey)-\(revision)-\(context)\""
        let key = "\(actor.tenantID)|\(actor.userID)|\(revisionKey)|\(revision)|\(variant)|\(language.rawValue)|\(url.path)?\(url.query ?? "")"
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .eTag, value: tag)
        if self.headers.first(name: .ifNoneMatch) == tag { return Response(status: .notModified, headers: headers) }
        let body = try await application.responseCache.body(for: key) { try JSONEncoder.afield.encode(try await compute()) }
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: body))
    }
}
