import Foundation
import Crypto
import Vapor

/// Encoded JSON answers kept per (tenant revision, request), so a report or list page that has
/// not changed since it was last computed is sent without querying or encoding again.
///
/// Correct across processes because the key holds the tenant's ``Revisions`` counter, which
/// every writer bumps in its transaction; bounded (least recently used entries go first).
public actor ResponseCache {
    private struct Entry {
        let body: Data
        var lastUse: UInt64
    }

    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0
    private let capacity: Int

    public init(capacity: Int = 2000) { self.capacity = capacity }

    /// The cached body for `key`, or the result of `compute` encoded and remembered.
    public func body(for key: String, compute: @Sendable () async throws -> Data) async throws -> Data {
        clock += 1
        if var hit = entries[key] {
            hit.lastUse = clock
            entries[key] = hit
            return hit.body
        }
        let body = try await compute()
        guard capacity > 0 else { return body }
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            entries.removeValue(forKey: oldest)
        }
        entries[key] = Entry(body: body, lastUse: clock)
        return body
    }
}

extension Application {
    private struct ResponseCacheKey: StorageKey { typealias Value = ResponseCache }

    /// This process's response cache.
    public var responseCache: ResponseCache {
        if let cache = storage[ResponseCacheKey.self] { return cache }
        // AFIELD_RESPONSE_CACHE=off measures or debugs without it.
        let off = Environment.get("AFIELD_RESPONSE_CACHE").map { ["off", "0", "false", "no"].contains($0.lowercased()) } ?? false
        let cache = ResponseCache(capacity: off ? 0 : 2000)
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
