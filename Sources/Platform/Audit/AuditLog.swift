import Fluent
import Foundation
import SQLKit
import Synchronization
import Vapor

/// Appends to and verifies the tenant's hash-chained audit log.
public enum AuditLog {
    /// Hash of the (virtual) entry before the first: 64 zeros.
    public static let genesis = String(repeating: "0", count: 64)

    /// Writes one entry. Call inside the transaction of the change it describes, so that the
    /// change and its entry commit together or not at all.
    ///
    /// The entry is queued (`audit_pending`) in that transaction and takes its place in the
    /// tenant's chain right after the commit, from the one appender of ``AuditChainer``: writers
    /// no longer take turns on the chain head while their transactions run (issue 9 point 7).
    /// ``WriteSerializer`` awaits that chaining before the write returns, so a caller reads its
    /// own entry in `audit_entries` as before; after a crash, queued entries are chained on the
    /// next start. The returned entry has no `seq`/`hash` yet (0 and "").
    @discardableResult
    public static func append(entity: String, entityID: UUID?, action: String, changes: AuditChanges, context: AuditContext,
                              on db: any Database, now: Date = Date()) async throws -> AuditEntry {
        #if AFIELD_BENCHMARK_NO_GUARDS
        // Benchmark-only binaries (``BenchmarkBuild``): nothing is logged.
        return AuditEntry()
        #else
        let entry = unchained(entity: entity, entityID: entityID, action: action, changes: changes, context: context, at: timestamp(now))
        entry.id = UUID()
        entry.seq = 0
        entry.prevHash = ""
        entry.hash = ""
        try await AuditChainer.queue([entry], on: db)
        return entry
        #endif
    }

    /// An entry with everything but its place in the chain (`seq`, `prevHash`, `hash`).
    static func unchained(entity: String, entityID: UUID?, action: String, changes: AuditChanges, context: AuditContext, at: String) -> AuditEntry {
        let entry = AuditEntry()
        entry.tenantID = context.tenantID
        entry.at = at
        entry.actorID = context.actorID
        entry.actorName = context.actorName
        entry.onBehalfOf = context.onBehalfOf
        entry.entity = entity
        entry.entityID = entityID
        entry.action = action
        entry.changes = changes.json
        entry.source = context.source.rawValue
        entry.ip = context.ip
        entry.userAgent = context.userAgent
        entry.requestID = context.requestID
        return entry
    }

    /// The first broken link of a tenant's chain, or nil when the chain is whole.
    public struct Break: Sendable, Equatable, CustomStringConvertible {
        public let tenantID: UUID
        public let seq: Int64
        public let entryID: UUID?
        public let reason: String
        public var description: String { "tenant \(tenantID): entry \(seq) (\(entryID?.uuidString ?? "missing")): \(reason)" }
    }

    /// A tenant's chain head at one moment: its newest entry's number and hash. The chain only
    /// grows, so an entry with this number and hash must exist for ever after; an operator keeps
    /// anchors outside the database (`afield audit anchor`) to detect a rewrite of the head too.
    public struct Anchor: Codable, Sendable, Equatable {
        public let tenantId: UUID
        /// The company's slug, for people reading the file.
        public let tenant: String
        public let seq: Int64
        public let hash: String
        /// When the anchor was taken.
        public let at: Date

        public init(tenantId: UUID, tenant: String, seq: Int64, hash: String, at: Date) {
            self.tenantId = tenantId
            self.tenant = tenant
            self.seq = seq
            self.hash = hash
            self.at = at
        }
    }

    /// The chain head of every tenant (or of `tenantID`) as it is now.
    public static func anchors(on db: any Database, tenantID: UUID? = nil, now: Date = Date()) async throws -> [Anchor] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let tenants = try await Tenant.query(on: db).sort(\.$slug).all()
        var anchors: [Anchor] = []
        for tenant in tenants where tenantID == nil || tenant.id == tenantID {
            guard let row = try await sql.raw("SELECT seq, hash FROM audit_heads WHERE tenant_id = \(bind: tenant.id!)").first() else { continue }
            anchors.append(Anchor(tenantId: tenant.id!, tenant: tenant.slug, seq: try row.decode(column: "seq", as: Int64.self),
                                  hash: try row.decode(column: "hash", as: String.self), at: now))
        }
        return anchors
    }

    /// Re-computes every hash of every tenant (or of `tenantID`) in order, and checks that the
    /// chain reaches its head: the entry `audit_heads` names, and the entry of every anchor in
    /// `anchors` (kept outside the database), must be there with the hash recorded. So deleting
    /// the newest entries is a break even though what remains links up.
    /// - Returns: the first break per tenant, empty when all chains are whole; and the number of entries checked.
    public static func verify(on db: any Database, tenantID: UUID? = nil, anchors: [Anchor] = []) async throws -> (breaks: [Break], checked: Int) {
        let tenants: [UUID]
        if let tenantID { tenants = [tenantID] } else { tenants = try await Tenant.query(on: db).sort(\.$slug).all().compactMap(\.id) }
        var breaks: [Break] = []
        var checked = 0
        // An anchor kept outside names a company whose whole chain must still be here.
        for anchor in anchors where !tenants.contains(anchor.tenantId) && (tenantID == nil || tenantID == anchor.tenantId) {
            breaks.append(Break(tenantID: anchor.tenantId, seq: anchor.seq, entryID: nil,
                                reason: "the anchor taken \(timestamp(anchor.at)) names this company (\(anchor.tenant)), which is no longer in the database"))
        }
        for tenant in tenants {
            // The head is read before the entries: entries appended meanwhile only add to the chain.
            let head = try await Self.anchors(on: db, tenantID: tenant)
            var marks = head.map { (seq: $0.seq, hash: $0.hash, what: "its head (audit_heads)") }
            marks += anchors.filter { $0.tenantId == tenant }.map { (seq: $0.seq, hash: $0.hash, what: "the anchor taken \(timestamp($0.at))") }
            var previous = genesis
            var expectedSeq: Int64 = 1
            var lastSeen: Int64 = 0
            var broken = false
            // In pages so that a long log does not sit in memory at once.
            pages: while true {
                let page = try await AuditEntry.query(on: db).filter(\.$tenantID == tenant).filter(\.$seq > lastSeen)
                    .sort(\.$seq).limit(1000).all()
                if page.isEmpty { break }
                for entry in page {
                    checked += 1
                    lastSeen = entry.seq
                    var problem: String?
                    if entry.seq != expectedSeq {
                        problem = "expected entry \(expectedSeq) next, found \(entry.seq) (entries missing)"
                    } else if entry.prevHash != previous {
                        problem = "its previous-hash does not match the entry before it"
                    } else if hash(previous: entry.prevHash, entry.canonicalText) != entry.hash {
                        problem = "its content does not match its hash (changed after writing)"
                    } else if let mark = marks.first(where: { $0.seq == entry.seq && $0.hash != entry.hash }) {
                        problem = "its hash differs from the one \(mark.what) recorded (the chain was rewritten from here)"
                    }
                    if let problem {
                        breaks.append(Break(tenantID: tenant, seq: expectedSeq, entryID: entry.seq == expectedSeq ? entry.id : nil, reason: problem))
                        broken = true
                        break pages
                    }
                    previous = entry.hash
                    expectedSeq += 1
                }
            }
            let last = expectedSeq - 1
            if !broken, head.isEmpty, last > 0 {
                // Every append moves the head in the same transaction: entries without one mean it was
                // deleted, and the next append would restart the chain at 1 and fail.
                breaks.append(Break(tenantID: tenant, seq: last, entryID: nil,
                                    reason: "the chain has \(last) entries but no head (its audit_heads row was deleted)"))
            } else if !broken, let mark = marks.filter({ $0.seq > last }).max(by: { $0.seq < $1.seq }) {
                breaks.append(Break(tenantID: tenant, seq: last + 1, entryID: nil,
                                    reason: "the chain ends at entry \(last), but \(mark.what) names entry \(mark.seq) (the newest entries were removed)"))
            }
        }
        return (breaks, checked)
    }

    /// Lower-case hex SHA-256 of `previous`, a newline and `text`.
    static func hash(previous: String, _ text: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data((previous + "\n" + text).utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// `2026-11-29T18:04:05.123Z`. One shared formatter (making one costs ~80 µs), used under a lock.
    public static func timestamp(_ date: Date) -> String {
        utcFormatter.withLock { $0.string(from: date) }
    }

    private static let utcFormatter: Mutex<ISO8601DateFormatter> = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return Mutex(formatter)
    }()
}
