import Foundation

/// `GET /api/v1/sync/changes?after=<cursor>&limit=`: what changed in the tenant since `cursor`,
/// oldest first, limited to records the caller may read. Clients store `next` and ask again;
/// `hasMore` says whether to ask at once. Start with `after=0`.
public struct ChangeFeed: Codable, Sendable {
    public struct Change: Codable, Sendable, Equatable {
        /// Position in the tenant's change log (the audit sequence).
        public var seq: Int64
        /// e.g. `sales.order`, `partners.partner`.
        public var entity: String
        public var id: UUID?
        /// `create`, `update`, `confirm`, …
        public var action: String
        /// ISO 8601 UTC.
        public var at: String
        public init(seq: Int64, entity: String, id: UUID?, action: String, at: String) {
            self.seq = seq
            self.entity = entity
            self.id = id
            self.action = action
            self.at = at
        }
    }

    public var changes: [Change]
    public var next: Int64
    public var hasMore: Bool
    /// The newest position in the tenant's change log now. A new device that fetches everything
    /// it keeps afresh starts following the feed from here instead of walking it from 0.
    public var head: Int64

    public init(changes: [Change], next: Int64, hasMore: Bool, head: Int64) {
        self.changes = changes
        self.next = next
        self.hasMore = hasMore
        self.head = head
    }
}

/// `GET /api/v1/sync/clients/{clientId}`: the last command number of an offline client that the
/// server took, applied or refused; 404 when it has seen none from this user (start at 1). The
/// client's next command carries `lastSeq + 1` in `Afield-Client-Seq`.
public struct SyncClientDTO: Codable, Sendable {
    public var clientId: UUID
    public var lastSeq: Int64
    public init(clientId: UUID, lastSeq: Int64) {
        self.clientId = clientId
        self.lastSeq = lastSeq
    }
}
